import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { practiceIsActive } from "@/lib/platform/active";

export const DEFAULT_IDLE_TIMEOUT_MINUTES = 15;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

type Tx = Pick<Prisma.TransactionClient, "session">;

/** Opens a session row (the cookie will carry only its id). */
export async function openSession(
  tx: Tx,
  opts: {
    userId: string;
    membershipId: string | null;
    userAgent: string | null;
    mfaVerified?: boolean;
    /** The member proved who they are in full (every factor they have): counts as a step-up. */
    fullyAuthenticated?: boolean;
  },
) {
  const now = new Date();
  return tx.session.create({
    data: {
      userId: opts.userId,
      membershipId: opts.membershipId,
      userAgent: opts.userAgent?.slice(0, 300) ?? null,
      mfaVerifiedAt: opts.mfaVerified ? now : null,
      stepUpAt: opts.fullyAuthenticated ? now : null,
      expiresAt: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
    },
    select: { id: true },
  });
}

export async function revokeSession(sessionId: string) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * The live session behind a cookie, with its member and practice; null when revoked, expired,
 * idle for longer than the practice allows, or its member was removed or practice suspended.
 * Touches lastSeenAt (at most once a minute).
 */
export async function loadActiveSession(sessionId: string) {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    // The passkey count feeds hasSecondFactor (lib/auth/second-factor.ts).
    include: { user: { include: { _count: { select: { passkeys: true } } } }, membership: { include: { practice: true } } },
  });
  const now = Date.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now) return null;
  if (session.membership && (session.membership.removedAt || !practiceIsActive(session.membership.practice))) return null;
  const idleMs = (session.membership?.practice.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES) * 60_000;
  if (now - session.lastSeenAt.getTime() > idleMs) {
    await revokeSession(session.id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return session;
}

/** A session for someone who has just proved who they are in full (a confirmed sign-up, an accepted invitation). */
export async function openVerifiedSession(member: { userId: string; membershipId: string }, userAgent: string | null) {
  return openSession(db(), { ...member, userAgent, fullyAuthenticated: true });
}
