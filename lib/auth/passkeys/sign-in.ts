import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { limitKey, LIMITS, refundAttempt, reserveAttempt } from "@/lib/rate-limit";
import { completeSecondFactor, pendingSecondFactorSession, recordSecondFactorFailure, reserveSecondStep } from "../second-factor";
import { OPERATOR_ROLE } from "@/lib/platform/operators";
import { openSession } from "../sessions";
import type { SignInResult } from "../sign-in";
import { signInTarget, signInUserInclude } from "../sign-in-target";
import { startPasskeyAuthentication, verifyPasskeyAssertion } from "./authenticate";

/**
 * Signs in with a passkey alone. The passkey proved possession (the device) and the member
 * (its fingerprint, face or PIN check), so the new session has both factors. Every attempt is
 * audited, on the passkey owner's practice chain when the passkey is known. Each attempt is
 * counted against the IP's sign-in limit (shared with password sign-in) before the assertion is
 * checked, and given back when it succeeds. A passkey cannot be guessed, so there is no
 * per-account key: nobody can hold a member's passkey sign-in back by failing with theirs.
 */
export async function signInWithPasskey(input: unknown, context: AuditContext): Promise<SignInResult> {
  const prisma = db();
  const gate = await reserveAttempt(prisma, [{ limit: LIMITS.signInIp, key: limitKey(LIMITS.signInIp, context.ip ?? "unknown") }]);
  if (!gate.allowed) {
    await recordAudit(prisma, {
      practiceId: null,
      actor: { type: "USER", id: null, role: null },
      action: "auth.signin.locked",
      target: null,
      outcome: "DENIED",
      details: { limit: "ip", method: "passkey" },
      context,
    });
    return { ok: false, reason: "locked", retryAfterSeconds: gate.retryAfterSeconds };
  }

  const result = await verifyPasskeyAssertion(input, null);
  const user = result.userId ? await prisma.user.findUnique({ where: { id: result.userId }, include: signInUserInclude }) : null;
  const target = user ? signInTarget(user) : ({ kind: "none" } as const);
  const membership = target.kind === "member" || target.kind === "suspended" ? target.membership : null;
  const auditActor = { type: "USER" as const, id: result.userId, role: target.kind === "operator" ? OPERATOR_ROLE : (membership?.role ?? null) };

  if (result.ok && target.kind === "suspended") {
    // A valid passkey for an account whose practice is suspended: refused, generically.
    await refundAttempt(prisma, gate);
    await recordAudit(prisma, {
      practiceId: target.membership.practiceId,
      actor: auditActor,
      action: "auth.passkey.signin_failed",
      target: { type: "passkey", id: result.passkeyId },
      outcome: "DENIED",
      details: { reason: "practice_suspended" },
      context,
    });
    return { ok: false, reason: "unavailable" };
  }

  if (!result.ok || (target.kind !== "member" && target.kind !== "operator")) {
    const failures = gate.counts[0]!;
    await recordAudit(prisma, {
      practiceId: membership?.practiceId ?? null,
      actor: auditActor,
      action: "auth.passkey.signin_failed",
      target: result.passkeyId ? { type: "passkey", id: result.passkeyId } : null,
      outcome: "FAILED",
      details: { reason: result.ok ? "no_practice" : result.reason, failures },
      context,
    });
    return { ok: false, reason: "invalid" };
  }

  await refundAttempt(prisma, gate);
  return prisma.$transaction(async (tx) => {
    // A user-verified passkey proves both factors at once: a full authentication (and a step-up).
    const session = await openSession(tx, {
      userId: result.userId,
      membershipId: target.kind === "member" ? target.membership.id : null,
      userAgent: context.userAgent,
      mfaVerified: true,
      fullyAuthenticated: true,
    });
    await recordAudit(tx, {
      practiceId: target.kind === "member" ? target.membership.practiceId : null,
      actor: auditActor,
      action: "auth.passkey.signin_succeeded",
      target: { type: "session", id: session.id },
      outcome: "SUCCESS",
      details: { method: "passkey", passkeyId: result.passkeyId },
      context,
    });
    return { ok: true as const, userId: result.userId, sessionId: session.id };
  });
}

/** Options for the second step with a passkey: only the pending member's passkeys, bound to them. */
export async function startPasskeySecondFactor(sessionId: string, context: AuditContext) {
  const session = await pendingSecondFactorSession(sessionId);
  return startPasskeyAuthentication(session.userId, context);
}

/**
 * The second step with a passkey, for a member who typed their password: the passkey must be
 * one of theirs, answering a challenge issued to them. On success the session is rotated.
 */
export async function verifyPasskeySecondFactor(sessionId: string, input: unknown, context: AuditContext) {
  const session = await pendingSecondFactorSession(sessionId);
  const attempt = await reserveSecondStep(session, context);
  const result = await verifyPasskeyAssertion(input, session.userId);
  if (!result.ok) {
    await recordSecondFactorFailure(session, { method: "passkey", reason: result.reason }, context);
    throw new AppError("passkey_refused", "That passkey did not work. Try again, or use another of your passkeys.", 400);
  }
  return completeSecondFactor(session, { method: "passkey", passkeyId: result.passkeyId }, context, attempt);
}
