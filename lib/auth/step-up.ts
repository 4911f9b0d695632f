import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { refundAttempt } from "@/lib/rate-limit";
import type { AccountHolder } from "./actor";
import { verifyPasskeyAssertion } from "./passkeys/authenticate";
import { verifyPassword } from "./password";
import { reserveSecondFactorAttempt } from "./second-factor";
import { consumeSecondFactorCode } from "./two-factor";


export const stepUpSchema = z.object({
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  code: z.string().trim().max(32, "That code is too long.").optional().default(""),
});

/**
 * How this member can step up: with a passkey if they have one; with their password plus an
 * authenticator code if they have TOTP; with the password alone only if they have no second
 * factor at all (a practice that relaxed the rule). Never weaker than their sign-in.
 */
export async function stepUpMethods(actor: Pick<AccountHolder, "userId">) {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true, _count: { select: { passkeys: true } } } });
  const totp = user.totpEnabledAt !== null;
  const passkey = user._count.passkeys > 0;
  return { passkey, password: totp || !passkey, code: totp };
}

/**
 * Re-authentication in full: the password, plus a second-factor code when the member has one.
 * Failures count towards the same limits as sign-in; success marks the session as stepped up.
 */
export async function stepUp(actor: AccountHolder, input: unknown, context: AuditContext): Promise<void> {
  const { password, code } = stepUpSchema.parse(input);
  const prisma = db();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const audit = { practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "session", id: actor.sessionId }, context };
  const methods = await stepUpMethods(actor);
  if (!methods.password) throw new AppError("passkey_required", "Confirm with one of your passkeys.", 400);
  if (methods.code && !code) throw new AppError("code_required", "Enter the code from your authenticator app (or a recovery code).", 400);
  const attempt = await reserveSecondFactorAttempt(user.id, () => recordAudit(prisma, { ...audit, action: "auth.stepup.failed", outcome: "DENIED", details: { reason: "locked" } }));
  const passwordOk = await verifyPassword(user.passwordHash, password);
  const needsCode = methods.code;
  const method = passwordOk && needsCode ? await consumeSecondFactorCode(user, code) : null;
  if (!passwordOk || (needsCode && !method)) {
    await recordAudit(prisma, { ...audit, action: "auth.stepup.failed", outcome: "FAILED", details: { reason: passwordOk ? "wrong_code" : "wrong_password" } });
    throw new AppError("wrong_credentials", "That password or code was not right. Please try again.", 400);
  }
  await refundAttempt(prisma, attempt);
  await prisma.$transaction(async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { stepUpAt: new Date() } });
    await recordAudit(tx, { ...audit, action: "auth.stepup.succeeded", outcome: "SUCCESS", details: { method: method ?? "password" } });
  });
}

/** Step-up with one of the member's own passkeys (user verification required). */
export async function stepUpWithPasskey(actor: AccountHolder, response: unknown, context: AuditContext): Promise<void> {
  const prisma = db();
  const audit = { practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "session", id: actor.sessionId }, context };
  const attempt = await reserveSecondFactorAttempt(actor.userId, () => recordAudit(prisma, { ...audit, action: "auth.stepup.failed", outcome: "DENIED", details: { reason: "locked" } }));
  const result = await verifyPasskeyAssertion(response, actor.userId);
  if (!result.ok) {
    await recordAudit(prisma, { ...audit, action: "auth.stepup.failed", outcome: "FAILED", details: { reason: result.reason, method: "passkey" } });
    throw new AppError("passkey_refused", "That passkey did not work. Try again, or use another of your passkeys.", 400);
  }
  await refundAttempt(prisma, attempt);
  await prisma.$transaction(async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { stepUpAt: new Date() } });
    await recordAudit(tx, { ...audit, action: "auth.stepup.succeeded", outcome: "SUCCESS", details: { method: "passkey" } });
  });
}
