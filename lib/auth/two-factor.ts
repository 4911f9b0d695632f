import { memberActor } from "@/lib/audit/actor";
import "server-only";
import QRCode from "qrcode";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { openAccountSecret, recoveryCodePeppers, sealAccountSecret } from "@/lib/crypto/account-keys";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { notifyFactorChange } from "./factor-changes";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { completeSecondFactor, pendingSecondFactorSession, recordSecondFactorFailure, reserveSecondStep } from "./second-factor";
import { assertSteppedUp } from "./step-up-check";
import { matchTotp, newTotpSecret, totpAad, totpUri } from "./totp";

export const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(32, "That code is too long."),
});

/**
 * The enrolment screen's data: reuses the unconfirmed seed so a reload shows the same QR code.
 * Setting up a factor needs a fresh step-up, as removing one does (the seed is a secret, and
 * whoever sees it could sign in with it once it is confirmed). Completing sign-in counts, so
 * the enrolment a practice requires straight after signing in needs nothing more.
 */
export async function startTotpEnrolment(actor: Actor) {
  assertSteppedUp(actor);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (user.totpEnabledAt) throw new AppError("already_enrolled", "Two-factor authentication is already on for your account.", 409);
  let secret: string;
  if (user.totpPendingSecretEnc) {
    secret = openAccountSecret("totpSeed", user.totpPendingSecretEnc, totpAad(user.id)).toString("utf8");
  } else {
    secret = newTotpSecret();
    await db().user.update({
      where: { id: user.id },
      data: { totpPendingSecretEnc: sealAccountSecret("totpSeed", secret, totpAad(user.id)) },
    });
  }
  const uri = totpUri(secret, user.email);
  return { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string) {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: new Uint8Array(hashRecoveryCode(recoveryCodePeppers().current, code)) })),
  });
  return codes;
}

/** Turns 2FA on once the first code proves the app is set up; returns recovery codes, once. */
export async function confirmTotpEnrolment(actor: Actor, input: unknown, context: AuditContext) {
  assertSteppedUp(actor);
  const { code } = codeSchema.parse(input);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (user.totpEnabledAt) throw new AppError("already_enrolled", "Two-factor authentication is already on for your account.", 409);
  if (!user.totpPendingSecretEnc) throw new AppError("no_enrolment", "Start again: open the two-factor page to get a new QR code.", 409);
  const secret = openAccountSecret("totpSeed", user.totpPendingSecretEnc, totpAad(user.id)).toString("utf8");
  const step = await matchTotp(secret, code.replace(/\s/g, ""));
  if (step === null) {
    throw new AppError("wrong_code", "That code did not match. Check the time on your phone and enter the newest code.", 400);
  }
  const codes = await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecretEnc: user.totpPendingSecretEnc, totpPendingSecretEnc: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    // Proving the factor now counts for this session.
    await tx.session.update({ where: { id: actor.sessionId }, data: { mfaVerifiedAt: new Date() } });
    const codes = await replaceRecoveryCodes(tx, user.id);
    const base = { practiceId: actor.practiceId, actor: memberActor(actor), outcome: "SUCCESS" as const, context };
    await recordAudit(tx, { ...base, action: "auth.totp.enrolled", target: { type: "user", id: user.id } });
    await recordAudit(tx, { ...base, action: "auth.recovery_codes.generated", target: { type: "user", id: user.id }, details: { count: codes.length } });
    return codes;
  });
  await notifyFactorChange(user.id, "totp_enrolled", context);
  return codes;
}

/**
 * Checks a second-factor code for a user and uses it up: an authenticator code (each time step
 * accepted once, atomically) or an unused recovery code. Returns how it matched, or null.
 */
export async function consumeSecondFactorCode(
  user: { id: string; totpSecretEnc: Uint8Array | null },
  rawCode: string,
): Promise<"totp" | "recovery_code" | null> {
  const code = rawCode.replace(/\s/g, "");
  const prisma = db();
  if (user.totpSecretEnc && /^\d{6}$/.test(code)) {
    const secret = openAccountSecret("totpSeed", user.totpSecretEnc, totpAad(user.id)).toString("utf8");
    const step = await matchTotp(secret, code);
    if (step === null) return null;
    // Atomic: a step at or before the last one accepted is a replay.
    const { count } = await prisma.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  if (looksLikeRecoveryCode(rawCode)) {
    const { count } = await prisma.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: { in: recoveryCodePeppers().accepted.map((pepper) => new Uint8Array(hashRecoveryCode(pepper, rawCode))) }, usedAt: null },
      data: { usedAt: new Date() },
    });
    return count === 1 ? "recovery_code" : null;
  }
  return null;
}

/**
 * The second sign-in step for a session that passed the password: an authenticator code
 * (each time step accepted once) or an unused recovery code. On success the session is
 * replaced by a new one marked as verified (rotation); the caller sets the cookie.
 */
export async function verifySecondFactor(sessionId: string, input: unknown, context: AuditContext) {
  const { code } = codeSchema.parse(input);
  const prisma = db();
  const session = await pendingSecondFactorSession(sessionId);
  const { user } = session;
  const attempt = await reserveSecondStep(session, context);

  const method = await consumeSecondFactorCode(user, code);

  if (!method) {
    await recordSecondFactorFailure(session, { method: "code" }, context);
    throw new AppError("wrong_code", "That code did not work. Enter the newest code from your app, or one of your recovery codes.", 400);
  }

  const remaining = method === "recovery_code" ? await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } }) : null;
  const fresh = await completeSecondFactor(session, { method, recoveryCodesLeft: remaining }, context, attempt);
  return { ...fresh, method, recoveryCodesLeft: remaining };
}

/** A fresh set of recovery codes (the old ones stop working); shown once. Needs a fresh step-up. */
export async function regenerateRecoveryCodes(actor: Actor, context: AuditContext) {
  assertSteppedUp(actor);
  const codes = await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId } });
    if (!user.totpEnabledAt) throw new AppError("not_enrolled", "Turn on two-factor authentication first.", 409);
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "auth.recovery_codes.generated",
      target: { type: "user", id: user.id },
      outcome: "SUCCESS",
      details: { count: codes.length },
      context,
    });
    return codes;
  });
  await notifyFactorChange(actor.userId, "recovery_codes_generated", context);
  return codes;
}

export async function twoFactorStatus(actor: Actor) {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
  const [unused, passkeys] = await Promise.all([
    db().recoveryCode.count({ where: { userId: actor.userId, usedAt: null } }),
    db().passkey.count({ where: { userId: actor.userId } }),
  ]);
  return { enabledAt: user.totpEnabledAt, recoveryCodesLeft: unused, passkeys };
}
