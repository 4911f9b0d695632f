import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import { hashSecretToken as hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { practiceIsActive, practicePaused } from "@/lib/platform/active";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";

/** What the invitation page shows for a token: the practice, role, and whether the email has an account. */
export async function openInvitation(token: string, context: AuditContext) {
  const prisma = db();
  if ((await hitLimit(prisma, LIMITS.inviteAccept, limitKey(LIMITS.inviteAccept, context.ip ?? "unknown"))) > LIMITS.inviteAccept.max) {
    throw new AppError("rate_limited", "Too many attempts. Please wait 15 minutes and try again.", 429);
  }
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { practice: true } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
    throw new AppError("invitation_invalid", "This invitation link has expired or has already been used. Ask the practice owner to send a new one.", 410);
  }
  // Joining a suspended practice would open a session that every request then refuses.
  if (!practiceIsActive(invitation.practice)) throw practicePaused(invitation.practice.name);
  const existing = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { invitation, hasAccount: Boolean(existing) };
}
