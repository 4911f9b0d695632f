import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleClientsWhere } from "./access";
import { parseClientCode } from "./code";
import { caseloadQuerySchema } from "./schema";

/** The caseload: codes, labels, clinicians, last session and unsigned-note count. */
export async function listCaseload(actor: Actor, query: unknown) {
  const { q, status } = caseloadQuerySchema.parse(query);
  const where: Prisma.ClientWhereInput = { ...visibleClientsWhere(actor), status: status === "active" ? "ACTIVE" : "DISCHARGED" };
  if (q) {
    const exact = parseClientCode(q);
    const partial = q.toUpperCase().replace(/[\s-]/g, "");
    where.OR = exact
      ? [{ code: exact }]
      : [{ label: { contains: q, mode: "insensitive" } }, ...(partial.length >= 3 ? [{ code: { contains: partial } }] : [])];
  }
  const clients = await db().client.findMany({
    where,
    orderBy: [{ label: "asc" }, { code: "asc" }],
    take: 1000,
    select: {
      id: true,
      code: true,
      label: true,
      status: true,
      createdAt: true,
      assignments: { select: { membershipId: true, membership: { select: { user: { select: { displayName: true } } } } } },
    },
  });
  const showNotes = actor.role !== "MANAGER";
  const ids = clients.map((c) => c.id);
  const [last, unsigned] = showNotes
    ? await Promise.all([
        db().note.groupBy({ by: ["clientId"], where: { clientId: { in: ids }, kind: "CLINICAL" }, _max: { sessionDate: true } }),
        db().note.groupBy({ by: ["clientId"], where: { clientId: { in: ids }, kind: "CLINICAL", status: "DRAFT", discardedAt: null }, _count: { _all: true } }),
      ])
    : [[], []];
  const lastBy = new Map(last.map((r) => [r.clientId, r._max.sessionDate]));
  const unsignedBy = new Map(unsigned.map((r) => [r.clientId, r._count._all]));
  return clients.map((c) => ({
    id: c.id,
    code: c.code,
    label: c.label,
    status: c.status,
    assigned: c.assignments.some((a) => a.membershipId === actor.membershipId),
    clinicians: c.assignments.map((a) => a.membership.user.displayName),
    lastSession: showNotes ? (lastBy.get(c.id) ?? null) : null,
    unsignedNotes: showNotes ? (unsignedBy.get(c.id) ?? 0) : null,
  }));
}
