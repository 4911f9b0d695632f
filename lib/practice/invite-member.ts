import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/transport";
import { AppError } from "@/lib/http/errors";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";
import { requireOwner } from "./owner-guards";
import { roleLabel } from "./roles";
import { inviteSchema } from "./schema";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Owners invite by email with a role; the link in the email works once, for 7 days. */
export async function inviteMember(actor: Actor, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const { email, role } = inviteSchema.parse(input);
  const prisma = db();
  const already = await prisma.membership.findFirst({ where: { practiceId: actor.practiceId, removedAt: null, user: { email } } });
  if (already) throw new AppError("already_member", "That person is already a member of this practice.", 409);
  if ((await hitLimit(prisma, LIMITS.inviteSend, limitKey(LIMITS.inviteSend, actor.practiceId))) > LIMITS.inviteSend.max) {
    throw new AppError("rate_limited", "You have sent a lot of invitations in the last hour. Please try again later.", 429);
  }
  const token = newSecretToken();
  const invitation = await prisma.$transaction(async (tx) => {
    // A new invitation replaces any earlier one still open for the same address.
    await tx.invitation.updateMany({
      where: { practiceId: actor.practiceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: { practiceId: actor.practiceId, email, role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
      select: { id: true },
    });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.invited", target: { type: "invitation", id: created.id }, outcome: "SUCCESS", details: { role }, context });
    return created;
  });
  const link = `${config().APP_URL}/invite/${token}`;
  await sendEmail({
    to: email,
    subject: `${actor.displayName} invited you to ${actor.practiceName} on Confide`,
    text:
      `${actor.displayName} has invited you to join ${actor.practiceName} on Confide as ${roleLabel(role).toLowerCase()}.\n\n` +
      `Accept the invitation here (the link works once, within 7 days):\n${link}\n\n` +
      `If you were not expecting this, you can ignore this email.`,
  });
  return invitation;
}
