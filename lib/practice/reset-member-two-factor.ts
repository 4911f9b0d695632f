import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { notifyFactorChange } from "@/lib/auth/factor-changes";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { isOperatorEmail } from "@/lib/platform/operators";
import { lockAccount } from "./lock-account";
import { requireOwner } from "./owner-guards";

/**
 * An owner clears a locked-out member's authenticator, recovery codes and passkeys (after
 * stepping up), so a lost phone is never a dead end: the member's sessions end, and their next
 * sign-in takes them to enrolment again. Factors belong to the account, not to one practice, so
 * an account that is also a member of another practice (or a platform operator's) is refused:
 * one practice's owner must not weaken or end someone's sign-in elsewhere. The refusal is
 * recorded; that member recovers with a recovery code or another passkey instead.
 */
export async function resetMemberTwoFactor(actor: Actor, membershipId: string, context: AuditContext) {
  requireOwner(actor);
  assertSteppedUp(actor);
  const audit = { practiceId: actor.practiceId, actor: memberActor(actor), action: "auth.mfa.reset", target: { type: "membership", id: membershipId }, context } as const;
  const outcome = await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("That member");
    if (member.userId === actor.userId) {
      throw new AppError("own_account", "Manage your own second factor on the Two-factor page.", 400);
    }
    // Under the account's lock (see lockAccount), so a join in another practice cannot slip in between.
    await lockAccount(tx, member.userId);
    const elsewhere = await tx.membership.count({ where: { userId: member.userId, removedAt: null, practiceId: { not: actor.practiceId } } });
    if (elsewhere > 0 || isOperatorEmail(member.user.email)) return { refused: true as const, userId: member.userId };
    await tx.user.update({
      where: { id: member.userId },
      data: { totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
    });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId: member.userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId: member.userId } });
    const { count } = await tx.session.updateMany({ where: { userId: member.userId, revokedAt: null, membership: { practiceId: actor.practiceId } }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { ...audit, outcome: "SUCCESS", details: { recoveryCodesRemoved: codes.count, passkeysRemoved: passkeys.count, sessionsEnded: count } });
    return { refused: false as const, userId: member.userId };
  });
  if (outcome.refused) {
    await recordAudit(db(), { ...audit, outcome: "DENIED", details: { reason: "account_used_elsewhere" } });
    throw new AppError(
      "account_used_elsewhere",
      "This member also signs in to Confide outside this practice, so their second factor cannot be reset from here. They can sign in with one of their recovery codes or another passkey, then set up a new authenticator on the Two-factor page.",
      409,
    );
  }
  await notifyFactorChange(outcome.userId, "reset_by_owner", context);
}
