import "server-only";
import type { AccountHolder, Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { AuditAction, AuditDetails } from "./actions";
import { memberActor, memberEvent } from "./actor";
import { createCheckpoint } from "./checkpoint";
import { recordAudit } from "./record";
import type { AuditContext, AuditEventInput, AuditEventOf } from "./schema";
import { verifyAuditTrail } from "./verify";

/**
 * Records that the signed-in actor looked at or took something (a read: no change to pair it
 * with), with the details the action declares.
 */
export async function recordAuditRead<A extends AuditAction>(actor: AccountHolder, action: A, details: AuditDetails<A>, context: AuditContext, target: { type: string; id: string } | null = null) {
  // One event of action A; TypeScript cannot tie a generic A to its member of the union itself.
  const event = { ...memberEvent(actor, context), action, target, outcome: "SUCCESS", details } as AuditEventOf<A>;
  await recordAudit(db(), event as AuditEventInput);
}

/** The practice's most recent chain check (from the trail itself), so its result stays on screen. */
export async function lastVerification(actor: Actor) {
  const event = await db().auditEvent.findFirst({
    where: { practiceId: actor.practiceId, action: "audit.verified" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true, actorId: true, outcome: true, details: true },
  });
  if (!event) return null;
  const details = event.details as { verified?: number; brokenAt?: string | null };
  return { at: event.occurredAt, by: event.actorId, ok: event.outcome === "SUCCESS", verified: details.verified ?? 0, brokenAt: details.brokenAt ?? null };
}

/** Verifies the actor's practice chain from its first event; the check itself is recorded. */
export async function verifyPracticeChain(actor: Actor, context: AuditContext) {
  const result = await verifyAuditTrail(config().DATABASE_URL, actor.practiceId);
  await recordAudit(db(), {
    practiceId: actor.practiceId,
    actor: memberActor(actor),
    action: "audit.verified",
    target: null,
    outcome: result.ok ? "SUCCESS" : "FAILED",
    details: { verified: result.verified, brokenAt: result.broken?.seq ?? null },
    context,
  });
  return result;
}

/** A signed checkpoint of the practice's chain head, after verifying the chain. */
export async function exportPracticeCheckpoint(actor: Actor, context: AuditContext) {
  const result = await verifyAuditTrail(config().DATABASE_URL, actor.practiceId);
  if (!result.ok) return { ok: false as const, broken: result.broken! };
  const checkpoint = createCheckpoint(result.heads, config().AUDIT_CHECKPOINT_KEY);
  await recordAudit(db(), {
    practiceId: actor.practiceId,
    actor: memberActor(actor),
    action: "audit.checkpoint.exported",
    target: null,
    outcome: "SUCCESS",
    details: { seq: result.heads[0]?.seq ?? "0" },
    context,
  });
  return { ok: true as const, checkpoint };
}
