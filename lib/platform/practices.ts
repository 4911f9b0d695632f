import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Operator } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { memberActor } from "@/lib/audit/actor";
import { listPracticesSchema, practiceIdSchema } from "./schema";

export const PRACTICES_PER_PAGE = 50;

// Operators see counts and practice-level metadata only: never a member's name or email, a
// client's code or identity, a note, or an audit event's detail. Every query here selects
// exactly that, and nothing else leaves this module.
const practiceSelect = { id: true, name: true, createdAt: true, suspendedAt: true, suspendedReason: true } as const;

/** Active members and clients per practice, and each one's latest activity (its newest audit event's time). */
async function practiceFigures(practiceIds: string[]) {
  if (practiceIds.length === 0) return new Map<string, { members: number; clients: number; lastActivityAt: Date | null }>();
  const prisma = db();
  const [members, clients, activity] = await Promise.all([
    prisma.membership.groupBy({ by: ["practiceId"], where: { practiceId: { in: practiceIds }, removedAt: null }, _count: { _all: true } }),
    prisma.client.groupBy({ by: ["practiceId"], where: { practiceId: { in: practiceIds } }, _count: { _all: true } }),
    // One index probe per practice (audit_event's practiceId, occurredAt DESC index): cheap at any size.
    prisma.$queryRaw<{ id: string; last: Date | null }[]>`
      SELECT p.id::text AS id,
             (SELECT e."occurredAt" FROM audit_event e WHERE e."practiceId" = p.id ORDER BY e."occurredAt" DESC LIMIT 1) AS last
      FROM practice p WHERE p.id = ANY(${practiceIds}::uuid[])`,
  ]);
  const count = (rows: { practiceId: string; _count: { _all: number } }[], id: string) => rows.find((r) => r.practiceId === id)?._count._all ?? 0;
  return new Map(
    practiceIds.map((id) => [id, { members: count(members, id), clients: count(clients, id), lastActivityAt: activity.find((a) => a.id === id)?.last ?? null }]),
  );
}

/** Totals across the platform. Audit events are counted from the chain heads (each chain's sequence is gap-free). */
export async function platformCounts() {
  const prisma = db();
  const [practices, suspended, members, clients, notes, heads] = await Promise.all([
    prisma.practice.count(),
    prisma.practice.count({ where: { suspendedAt: { not: null } } }),
    prisma.membership.count({ where: { removedAt: null } }),
    prisma.client.count(),
    prisma.note.count(),
    prisma.auditChainHead.aggregate({ _sum: { seq: true } }),
  ]);
  return { practices, suspended, members, clients, notes, auditEvents: Number(heads._sum.seq ?? 0n) };
}

/** A page of practices, newest first, with their figures and the platform's counts; the look is recorded. */
export async function listPractices(operator: Operator, input: unknown, context: AuditContext) {
  const { page } = listPracticesSchema.parse(input ?? {});
  const prisma = db();
  const [rows, counts] = await Promise.all([
    prisma.practice.findMany({ select: practiceSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (page - 1) * PRACTICES_PER_PAGE, take: PRACTICES_PER_PAGE }),
    platformCounts(),
  ]);
  const figures = await practiceFigures(rows.map((r) => r.id));
  await recordAudit(prisma, {
    practiceId: null,
    actor: memberActor(operator),
    action: "platform.practices_listed",
    target: null,
    outcome: "SUCCESS",
    details: { page, shown: rows.length },
    context,
  });
  return {
    page,
    pages: Math.max(1, Math.ceil(counts.practices / PRACTICES_PER_PAGE)),
    counts,
    practices: rows.map((r) => ({ ...r, ...figures.get(r.id)! })),
  };
}

/** One practice's platform view (status, reason, note and figures); the look is recorded. */
export async function viewPractice(operator: Operator, practiceId: unknown, context: AuditContext) {
  const id = practiceIdSchema.safeParse(practiceId);
  const practice = id.success ? await db().practice.findUnique({ where: { id: id.data }, select: { ...practiceSelect, suspendedNote: true } }) : null;
  if (!practice) throw notFound("That practice");
  const figures = (await practiceFigures([practice.id])).get(practice.id)!;
  await recordAudit(db(), {
    practiceId: null,
    actor: memberActor(operator),
    action: "platform.practice_viewed",
    target: { type: "practice", id: practice.id },
    outcome: "SUCCESS",
    context,
  });
  return { ...practice, ...figures };
}
