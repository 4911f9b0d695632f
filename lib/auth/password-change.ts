import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { newPasswordFormSchema } from "./email-links";
import { notifyFactorChange } from "./factor-changes";
import { hashPassword } from "./password";
import { assertSteppedUp } from "./step-up-check";

/**
 * A signed-in member sets a new password (after stepping up). Every other session of theirs
 * ends; this one carries on; the account holder is told by email (as for any factor change).
 */
export async function changePassword(actor: Actor, input: unknown, context: AuditContext) {
  assertSteppedUp(actor);
  const { password } = newPasswordFormSchema.parse(input);
  const passwordHash = await hashPassword(password);
  const result = await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    const ended = await tx.session.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "auth.password.changed",
      target: { type: "user", id: actor.userId },
      outcome: "SUCCESS",
      details: { sessionsEnded: ended.count },
      context,
    });
    return { sessionsEnded: ended.count };
  });
  await notifyFactorChange(actor.userId, "password_changed", context);
  return result;
}
