import "server-only";
import { memberActor } from "./actor";
import type { AccountHolder, Actor } from "@/lib/auth/current";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { AuditAction } from "./actions";
import type { AuditContext } from "./schema";
import { createCheckpoint } from "./checkpoint";
import { recordAudit } from "./record";
import { verifyAuditTrail } from "./verify";

/** Records that the signed-in actor looked at or took something (a read: no change to pair it with). */
export async function recordAuditRead(
  actor: AccountHolder,
  action: AuditAction,
  details: Record<string, string | number | boolean | null>,
  context: AuditContext,
  target: { type: string; id: string } | null = null,
) {
  await recordAudit(db(), {
    practiceId: actor.practiceId,
    actor: memberActor(actor),
    action,
    target,
    outcome: "SUCCESS",
    details,
    context,
  });
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
