import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { ABSOLUTE_TIMEOUT_MS } from "./sessions";

/**
 * Checks an email and password and opens a session. Every attempt is audited: attempts for a
 * known account on its practice's chain, attempts for unknown emails on the platform chain
 * (with no trace of the email typed). The answer is the same, after the same work, either way.
 */
export async function signInWithPassword(credentials: unknown, context: AuditContext) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  const user = parsed.success
    ? await db().user.findUnique({
        where: { email: parsed.data.email },
        include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } },
      })
    : null;
  const ok = await verifyPassword(user?.passwordHash, parsed.success ? parsed.data.password : "");
  const membership = user?.memberships[0] ?? null;

  if (!user || !ok || !membership) {
    await recordAudit(db(), {
      practiceId: membership?.practiceId ?? null,
      actor: { type: "USER", id: user?.id ?? null, role: membership?.role ?? null },
      action: "auth.signin.failed",
      target: null,
      outcome: "FAILED",
      details: { reason: !parsed.success ? "invalid_input" : !user ? "unknown_account" : !ok ? "wrong_password" : "no_practice" },
      context,
    });
    return null;
  }

  return db().$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        userId: user.id,
        membershipId: membership.id,
        userAgent: context.userAgent,
        expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      practiceId: membership.practiceId,
      actor: { type: "USER", id: user.id, role: membership.role },
      action: "auth.signin.succeeded",
      target: { type: "session", id: session.id },
      outcome: "SUCCESS",
      details: { method: "password" },
      context,
    });
    return { userId: user.id, sessionId: session.id };
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
