import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { eraseClient } from "@/lib/clients/erase";
import { parseClientCode } from "@/lib/clients/code";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/http/errors";
import { destroyExpiredInvoices } from "@/lib/invoices/retention";
import { purgeExpiredCopies } from "@/lib/requests/access-copy";
import { readIdentity } from "@/lib/vault/read-identity";
import { retentionEnd } from "./policy";

// Retention: the run flags records past the practice's retention period (idempotently, each
// flag audited); the owner then confirms destruction (the erasure path: crypto-shredding,
// then deletion) or places a legal hold with a reason and a review date. The run also clears
// the stored content of access copies that expired unread (counted in the run's audit event).

const SYSTEM = { type: "SYSTEM" as const, id: "retention", role: null };

/** Last contact: the latest session note, discharge, or creation of the record. */
async function lastContact(clientId: string, fallback: Date, discharged: Date | null) {
  const note = await db().note.findFirst({ where: { clientId }, orderBy: { sessionDate: "desc" }, select: { sessionDate: true } });
  return [note?.sessionDate, discharged, fallback].filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0]!;
}

/** Flags discharged records past retention (and holds that have come up for review), and clears expired access copies. Idempotent. */
export async function runRetention(now = new Date()) {
  const practices = await db().practice.findMany({ select: { id: true, retentionYears: true, retentionMinorUntilAge: true } });
  let flagged = 0;
  let checked = 0;
  let expiredCopies = 0;
  for (const practice of practices) {
    expiredCopies += await purgeExpiredCopies(practice.id, now);
    // Invoices kept by law after their client's erasure go once their period is over.
    const documents = await destroyExpiredInvoices(practice.id, { now });
    if (documents > 0) await recordAudit(db(), { practiceId: practice.id, actor: SYSTEM, action: "invoice.destroyed", target: null, outcome: "SUCCESS", details: { documents } });
    const candidates = await db().client.findMany({
      where: { practiceId: practice.id, status: "DISCHARGED", retentionDueAt: null, OR: [{ legalHoldUntil: null }, { legalHoldUntil: { lte: now } }] },
      select: { id: true, code: true, createdAt: true, dischargedAt: true },
    });
    for (const c of candidates) {
      checked++;
      const identity = await readIdentity({ id: c.id, practiceId: practice.id }).catch(() => null);
      const dob = identity?.dateOfBirth ? new Date(`${identity.dateOfBirth}T00:00:00Z`) : null;
      const end = retentionEnd(await lastContact(c.id, c.createdAt, c.dischargedAt), dob, { years: practice.retentionYears, minorUntilAge: practice.retentionMinorUntilAge });
      if (end > now) continue;
      await db().$transaction(async (tx) => {
        const { count } = await tx.client.updateMany({ where: { id: c.id, practiceId: practice.id, retentionDueAt: null }, data: { retentionDueAt: now, legalHoldUntil: null, legalHoldReason: null } });
        if (count === 1) {
          flagged++;
          await recordAudit(tx, { practiceId: practice.id, actor: SYSTEM, action: "retention.flagged", target: { type: "client", id: c.code }, outcome: "SUCCESS", details: { client: c.code, retentionEnd: end.toISOString().slice(0, 10) } });
        }
      });
    }
  }
  await recordAudit(db(), { practiceId: null, actor: SYSTEM, action: "retention.run", target: null, outcome: "SUCCESS", details: { practices: practices.length, checked, flagged, expiredCopies } });
  return { practices: practices.length, checked, flagged, expiredCopies };
}

/** Retention (the policy, holds and destruction) is the practice owner's. */
export const managesRetention = (actor: Pick<Actor, "role">) => actor.role === "OWNER";

function requireOwner(actor: Actor) {
  if (!managesRetention(actor)) throw forbidden();
}

export async function listDueForReview(actor: Actor) {
  requireOwner(actor);
  const [due, held] = await Promise.all([
    db().client.findMany({ where: { practiceId: actor.practiceId, retentionDueAt: { not: null } }, orderBy: { retentionDueAt: "asc" }, select: { code: true, label: true, dischargedAt: true, retentionDueAt: true } }),
    db().client.findMany({ where: { practiceId: actor.practiceId, legalHoldUntil: { not: null } }, orderBy: { legalHoldUntil: "asc" }, select: { code: true, label: true, legalHoldUntil: true, legalHoldReason: true } }),
  ]);
  return { due, held };
}

async function dueClient(actor: Actor, code: string) {
  requireOwner(actor);
  const canonical = parseClientCode(code);
  const client = canonical ? await db().client.findUnique({ where: { code: canonical } }) : null;
  if (!client || client.practiceId !== actor.practiceId || !client.retentionDueAt) throw notFound("That record");
  return client;
}

export async function confirmDestruction(actor: Actor, code: string, context: AuditContext) {
  assertSteppedUp(actor);
  const client = await dueClient(actor, code);
  await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "retention.destroyed", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { client: client.code }, context });
  await eraseClient(actor, client, "retention", context);
}

export async function placeLegalHold(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const client = await dueClient(actor, code);
  const { reason, reviewOn } = z
    .object({
      reason: z.string().trim().min(10, "Give the reason for the hold (for example, a claim or an investigation).").max(500),
      reviewOn: z.iso.date({ message: "Choose a review date." }).refine((v) => v > new Date().toISOString().slice(0, 10), "The review date must be in the future."),
    })
    .parse(input);
  await db().$transaction(async (tx) => {
    const { count } = await tx.client.updateMany({ where: { id: client.id, practiceId: actor.practiceId }, data: { retentionDueAt: null, legalHoldUntil: new Date(`${reviewOn}T00:00:00Z`), legalHoldReason: reason } });
    if (count !== 1) throw notFound("That record");
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "retention.hold_placed", target: { type: "client", id: client.code }, outcome: "SUCCESS", details: { client: client.code, reviewOn }, context });
  });
}

export const retentionPolicySchema = z.object({
  retentionYears: z.coerce.number().int().min(1, "At least 1 year.").max(100),
  retentionMinorUntilAge: z.coerce.number().int().min(18, "At least 18.").max(100),
  reason: z.string().trim().min(10, "Record why the policy changes (for example, the professional body's guidance).").max(500),
});

export async function setRetentionPolicy(actor: Actor, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const { retentionYears, retentionMinorUntilAge, reason } = retentionPolicySchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId } });
    await tx.practice.update({ where: { id: actor.practiceId }, data: { retentionYears, retentionMinorUntilAge, retentionPolicyReason: reason } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "retention.policy_changed", target: { type: "practice", id: actor.practiceId }, outcome: "SUCCESS", details: { fromYears: before.retentionYears, toYears: retentionYears, fromAge: before.retentionMinorUntilAge, toAge: retentionMinorUntilAge }, context });
  });
}

export async function retentionPolicy(actor: Actor) {
  const p = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { retentionYears: true, retentionMinorUntilAge: true, retentionPolicyReason: true } });
  return p;
}

