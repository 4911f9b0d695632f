import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor, Operator, PlatformAccess } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { OPERATOR_ROLE } from "./operators";

/** A member whose account is also an operator's acts as one on the platform screens (on the platform chain). */
export function memberAsOperator({ sessionId, userId, displayName, stepUpAt }: Actor): Operator {
  return { sessionId, userId, displayName, practiceId: null, role: OPERATOR_ROLE, stepUpAt };
}

/** Records a member's attempt to reach the platform screens they may not use (they see a 404). */
export async function recordPlatformAccessDenied(actor: Actor, platform: PlatformAccess | "enrolling", context: AuditContext) {
  await recordAudit(db(), {
    practiceId: null,
    actor: { type: "USER", id: actor.userId, role: actor.role },
    action: "platform.access_denied",
    target: null,
    outcome: "DENIED",
    details: { reason: platform === "needs-second-factor" ? "no_second_factor" : "not_operator" },
    context,
  });
}
