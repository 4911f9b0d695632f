import "server-only";
import type { AuditDetails } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { limitKey, LIMITS, refundAttempt, reserveAttempt, type AttemptGate } from "@/lib/rate-limit";
import { openSession } from "./sessions";

/**
 * The one rule for "this member has a second factor": a confirmed authenticator app, or at
 * least one passkey. Such a member owes it after a password, and meets the practice's 2FA rule.
 */
export function hasSecondFactor(user: { totpEnabledAt: Date | null; _count: { passkeys: number } }): boolean {
  return Boolean(user.totpEnabledAt) || user._count.passkeys > 0;
}

const pendingInclude = { user: { include: { _count: { select: { passkeys: true } } } }, membership: true } satisfies Prisma.SessionInclude;
export type PendingSession = Prisma.SessionGetPayload<{ include: typeof pendingInclude }>;

/** A session that passed the password and still owes its second factor; anything else is refused. */
export async function pendingSecondFactorSession(sessionId: string): Promise<PendingSession> {
  const session = await db().session.findUnique({ where: { id: sessionId }, include: pendingInclude });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.mfaVerifiedAt) {
    throw new AppError("no_pending_sign_in", "Your sign-in has expired. Please sign in again.", 401);
  }
  return session;
}

/** Which second factors the pending session's member can use, for the second-step screen. */
export async function pendingSecondFactors(sessionId: string) {
  const session = await pendingSecondFactorSession(sessionId);
  return { totp: Boolean(session.user.totpEnabledAt), passkey: session.user._count.passkeys > 0 };
}

const auditBase = (session: PendingSession, context: AuditContext) => ({
  practiceId: session.membership?.practiceId ?? null,
  actor: { type: "USER" as const, id: session.userId, role: session.membership?.role ?? null },
  context,
});

/**
 * Counts a second-step or step-up attempt for the account BEFORE the code, passkey or password
 * is checked, so concurrent guesses cannot overrun the limit. Past it, records the refusal
 * (`refused`) and throws 429. The caller refunds the attempt when it succeeds.
 */
export async function reserveSecondFactorAttempt(userId: string, refused: () => Promise<unknown>): Promise<AttemptGate> {
  const gate = await reserveAttempt(db(), [{ limit: LIMITS.secondFactor, key: limitKey(LIMITS.secondFactor, userId) }]);
  if (!gate.allowed) {
    await refused();
    throw new AppError("locked", "Too many failed attempts. For your security, please wait 15 minutes and try again.", 429);
  }
  return gate;
}

/** Reserves a second step for the pending session's member (see reserveSecondFactorAttempt). */
export function reserveSecondStep(session: PendingSession, context: AuditContext) {
  return reserveSecondFactorAttempt(session.userId, () =>
    recordAudit(db(), { ...auditBase(session, context), action: "auth.signin.locked", target: null, outcome: "DENIED", details: { limit: "second_factor" } }),
  );
}

/** Records a failed second step (its reserved attempt stays counted); the caller then says what went wrong. */
export async function recordSecondFactorFailure(session: PendingSession, details: AuditDetails<"auth.mfa.failed">, context: AuditContext) {
  await recordAudit(db(), { ...auditBase(session, context), action: "auth.mfa.failed", target: { type: "session", id: session.id }, outcome: "FAILED", details });
}

/**
 * The second step passed: the session is replaced by a new one marked as verified (rotation),
 * and it is recorded. The caller sets the cookie for the new session.
 */
export async function completeSecondFactor(
  session: PendingSession,
  details: AuditDetails<"auth.mfa.succeeded">,
  context: AuditContext,
  attempt: AttemptGate,
) {
  await refundAttempt(db(), attempt);
  return db().$transaction(async (tx) => {
    await tx.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    // Every factor the member has was just proved: this also counts as a step-up.
    const fresh = await openSession(tx, {
      userId: session.userId,
      membershipId: session.membershipId,
      userAgent: context.userAgent,
      mfaVerified: true,
      fullyAuthenticated: true,
    });
    await recordAudit(tx, { ...auditBase(session, context), action: "auth.mfa.succeeded", target: { type: "session", id: fresh.id }, outcome: "SUCCESS", details });
    return { userId: session.userId, sessionId: fresh.id };
  });
}
