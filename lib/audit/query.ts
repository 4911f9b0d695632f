import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientEventIds } from "./client-events";
import { auditFilterSchema } from "./filter-schema";
import { openSubjectContexts } from "./subject-context";
import { targetFilter } from "./target-filter";

export const PAGE_SIZE = 50;

export { auditFilterSchema };
export type AuditFilters = z.infer<typeof auditFilterSchema>;

/**
 * Who may see which events: owners see their whole practice's trail; every other member sees
 * the trail of their own actions. One rule, used by the screen and the exports alike.
 */
export function auditScope(actor: Actor): Prisma.AuditEventWhereInput {
  return actor.role === "OWNER"
    ? { practiceId: actor.practiceId }
    : { practiceId: actor.practiceId, actorId: actor.userId };
}

export async function auditWhere(actor: Actor, f: AuditFilters): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [auditScope(actor)];
  if (f.from) and.push({ occurredAt: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ occurredAt: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  if (f.actor) and.push({ actorId: f.actor });
  if (f.action) and.push({ action: f.action });
  const target = targetFilter(f.target);
  if (target && "client" in target) and.push({ id: { in: await clientEventIds(actor.practiceId, target.client) } });
  else if (target) and.push({ targetId: target.record });
  if (f.outcome) and.push({ outcome: f.outcome });
  return { AND: and };
}

const listSelect = {
  id: true, seq: true, occurredAt: true, actorType: true, actorId: true, actorRole: true, action: true,
  targetType: true, targetId: true, outcome: true, details: true,
} satisfies Prisma.AuditEventSelect;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof listSelect }>;

/** One page, newest first, by keyset on (occurredAt, id) so deep pages stay fast. */
export async function listAuditEvents(actor: Actor, f: AuditFilters) {
  const where = await auditWhere(actor, f);
  if (f.cursor) {
    const [ms, id] = f.cursor.split("_");
    const at = new Date(Number(ms));
    (where.AND as Prisma.AuditEventWhereInput[]).push({
      OR: [{ occurredAt: { lt: at } }, { occurredAt: at, id: { lt: BigInt(id!) } }],
    });
    // Redundant with the OR, but lets PostgreSQL start the index scan at the cursor
    // (measured at 5M events: 920 ms without it, under 1 ms with it).
    (where.AND as Prisma.AuditEventWhereInput[]).push({ occurredAt: { lte: at } });
  }
  const rows = await db().auditEvent.findMany({
    where,
    select: listSelect,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > PAGE_SIZE && last ? `${last.occurredAt.getTime()}_${last.id}` : null,
  };
}

/** One event, with a data subject's sealed IP and browser opened (or "erased"): subject-context.ts. */
export async function getAuditEvent(actor: Actor, id: bigint) {
  const event = await db().auditEvent.findFirst({ where: { AND: [auditScope(actor), { id }] } });
  return event && (await openSubjectContexts([event]))[0]!;
}

/** The filtered view for the CSV and JSON exports, IP and browser as the detail screen shows them. */
export async function exportAuditEvents(actor: Actor, f: AuditFilters, limit = 100_000) {
  const events = await db().auditEvent.findMany({
    where: await auditWhere(actor, { ...f, cursor: undefined }),
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return openSubjectContexts(events);
}
