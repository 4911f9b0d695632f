import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { progressiveDelayMs, refundAttempt } from "@/lib/rate-limit";
import { credentialSucceeded, STAFF_SIGN_IN, reserveCredentialAttempt } from "@/lib/rate-limit/credential-gate";
import { verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { OPERATOR_ROLE } from "@/lib/platform/operators";
import { hasSecondFactor } from "./second-factor";
import { openSession } from "./sessions";
import { signInTarget, signInUserInclude } from "./sign-in-target";

export type SignInResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; reason: "invalid" }
  /** The credentials were right, but the account's practice is suspended. */
  | { ok: false; reason: "unavailable" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email and password and opens a session. Every attempt is audited: attempts for a
 * known account on its practice's chain, attempts for unknown emails on the platform chain
 * (with no trace of the email typed). The answer is the same, after the same work, either way.
 * The attempt is counted before the password is checked, so concurrent guesses cannot overrun
 * the limits: per typed email and address, per address, and per email across addresses except
 * the account's known ones (lib/rate-limit/credential-gate.ts). Past a few failures from one
 * address each answer is slowed; past a limit, that attempt is refused until failures fade.
 * Where the session lands (a practice, or the platform for an operator) is signInTarget's rule.
 */
export async function signInWithPassword(credentials: unknown, context: AuditContext): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(credentials ?? {});
  const prisma = db();
  const subject = parsed.success ? parsed.data.email : "invalid-input";
  const gate = await reserveCredentialAttempt(prisma, STAFF_SIGN_IN, subject, context.ip);
  const user = parsed.success
    ? await db().user.findUnique({ where: { email: parsed.data.email }, include: signInUserInclude })
    : null;
  const target = user ? signInTarget(user) : ({ kind: "none" } as const);
  const membership = target.kind === "member" || target.kind === "suspended" ? target.membership : null;
  const auditActor = { type: "USER" as const, id: user?.id ?? null, role: target.kind === "operator" ? OPERATOR_ROLE : (membership?.role ?? null) };

  if (!gate.allowed) {
    await recordAudit(prisma, {
      practiceId: membership?.practiceId ?? null,
      actor: auditActor,
      action: "auth.signin.locked",
      target: null,
      outcome: "DENIED",
      details: { limit: gate.refusedBy === "ip" ? "ip" : "account" },
      context,
    });
    return { ok: false, reason: "locked", retryAfterSeconds: gate.retryAfterSeconds };
  }

  const ok = await verifyPassword(user?.passwordHash, parsed.success ? parsed.data.password : "");

  if (user && ok && target.kind === "suspended") {
    // The right password for an account whose practice is suspended: say so only generically,
    // and only now that the password proved it is theirs. Not counted as a failure.
    await refundAttempt(prisma, gate);
    await recordAudit(prisma, {
      practiceId: target.membership.practiceId,
      actor: auditActor,
      action: "auth.signin.failed",
      target: null,
      outcome: "DENIED",
      details: { reason: "practice_suspended" },
      context,
    });
    return { ok: false, reason: "unavailable" };
  }

  if (!user || !ok || (target.kind !== "member" && target.kind !== "operator")) {
    const failures = gate.addressFailures;
    await recordAudit(db(), {
      practiceId: membership?.practiceId ?? null,
      actor: auditActor,
      action: "auth.signin.failed",
      target: null,
      outcome: "FAILED",
      details: { reason: !parsed.success ? "invalid_input" : !user ? "unknown_account" : !ok ? "wrong_password" : "no_practice", failures },
      context,
    });
    await sleep(progressiveDelayMs(failures));
    return { ok: false, reason: "invalid" };
  }

  await credentialSucceeded(prisma, STAFF_SIGN_IN, gate, subject, context.ip);
  return prisma.$transaction(async (tx) => {
    const session = await openSession(tx, {
      userId: user.id,
      membershipId: target.kind === "member" ? target.membership.id : null,
      userAgent: context.userAgent,
      // A password alone proves everything only for a member with no second factor.
      fullyAuthenticated: !hasSecondFactor(user),
    });
    await recordAudit(tx, {
      practiceId: target.kind === "member" ? target.membership.practiceId : null,
      actor: auditActor,
      action: "auth.signin.succeeded",
      target: { type: "session", id: session.id },
      outcome: "SUCCESS",
      details: { method: "password" },
      context,
    });
    return { ok: true as const, userId: user.id, sessionId: session.id };
  });
}

/** Ends a session at the member's request, and records it. */
export async function signOutSession(sessionId: string, context: AuditContext) {
  await db().$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionId }, include: { membership: true } });
    if (!session || session.revokedAt) return;
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      practiceId: session.membership?.practiceId ?? null,
      actor: { type: "USER", id: session.userId, role: session.membership?.role ?? null },
      action: "auth.signout",
      target: { type: "session", id: session.id },
      outcome: "SUCCESS",
      context,
    });
  });
}
