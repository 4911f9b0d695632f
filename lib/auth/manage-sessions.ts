import { memberActor } from "@/lib/audit/actor";
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { DEFAULT_IDLE_TIMEOUT_MINUTES } from "./sessions";


/** The actor's own sessions that can still be used (not ended, expired or idled out), newest activity first. */
export async function listOwnSessions(actor: Actor) {
  const now = Date.now();
  const sessions = await db().session.findMany({
    where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: new Date(now) } },
    select: {
      id: true, createdAt: true, lastSeenAt: true, userAgent: true,
      membership: { select: { practice: { select: { idleTimeoutMinutes: true } } } },
    },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions
    .filter((s) => now - s.lastSeenAt.getTime() <= (s.membership?.practice.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES) * 60_000)
    .map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, userAgent: s.userAgent, current: s.id === actor.sessionId }));
}

/** Ends one of the actor's own sessions; someone else's session id is simply not found. */
export async function revokeOwnSession(actor: Actor, sessionId: string, context: AuditContext) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("That session");
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "auth.session.revoked",
      target: { type: "session", id: sessionId },
      outcome: "SUCCESS",
      details: { current: sessionId === actor.sessionId },
      context,
    });
  });
}

/** "Sign out everywhere": ends every session of the actor's, this one included. */
export async function revokeAllOwnSessions(actor: Actor, context: AuditContext) {
  return db().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "auth.sessions.revoked_all",
      target: null,
      outcome: "SUCCESS",
      details: { count },
      context,
    });
    return count;
  });
}
