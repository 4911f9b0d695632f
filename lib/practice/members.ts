import { memberActor } from "@/lib/audit/actor";
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor, MemberRole } from "@/lib/auth/current";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { notifyFactorChange } from "@/lib/auth/factor-changes";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { emailSchema } from "@/lib/auth/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sendEmail } from "@/lib/email/transport";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { practiceIsActive, practicePaused } from "@/lib/platform/active";
import { isOperatorEmail } from "@/lib/platform/operators";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";
import { roleLabel } from "./roles";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const roleSchema = z.enum(["OWNER", "THERAPIST", "MANAGER"], { message: "Choose a role." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const acceptNewAccountSchema = z
  .object({
    displayName: z.string().trim().min(2, "Enter your name as colleagues know it.").max(80, "Use at most 80 characters."),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";

function requireOwner(actor: Actor) {
  if (actor.role !== "OWNER") throw forbidden();
}

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

export async function listOpenInvitations(actor: Actor) {
  requireOwner(actor);
  return db().invitation.findMany({
    where: { practiceId: actor.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(actor: Actor, invitationId: string, context: AuditContext) {
  requireOwner(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, practiceId: actor.practiceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("That invitation");
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.invitation_revoked", target: { type: "invitation", id: invitationId }, outcome: "SUCCESS", context });
  });
}

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

/**
 * Locks the account's row for the rest of the transaction. Joining a practice and an owner's
 * 2FA reset both take it before anything else about the account, so they run one after the
 * other: a reset either sees a membership committed a moment earlier (and refuses), or
 * finishes before the join starts (when the account belonged to this practice alone).
 */
async function lockAccount(tx: Prisma.TransactionClient, userId: string) {
  await tx.$queryRaw`SELECT id FROM user_account WHERE id = ${userId}::uuid FOR UPDATE`;
}

async function join(tx: Prisma.TransactionClient, invitation: { id: string; practiceId: string; role: MemberRole }, userId: string, context: AuditContext) {
  await lockAccount(tx, userId);
  const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
  if (count === 0) throw new AppError("invitation_invalid", "This invitation has already been used.", 410);
  const membership = await tx.membership.upsert({
    where: { practiceId_userId: { practiceId: invitation.practiceId, userId } },
    create: { practiceId: invitation.practiceId, userId, role: invitation.role },
    update: { role: invitation.role, removedAt: null },
  });
  await recordAudit(tx, { practiceId: invitation.practiceId, actor: { type: "USER", id: userId, role: invitation.role }, action: "member.joined", target: { type: "membership", id: membership.id }, outcome: "SUCCESS", details: { role: invitation.role }, context });
  return membership;
}

/** Accepts with a new account (name and password), or with the password of the existing one. */
export async function acceptInvitation(token: string, input: Record<string, unknown>, context: AuditContext) {
  const { invitation, hasAccount } = await openInvitation(token, context);
  const prisma = db();
  if (hasAccount) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: invitation.email } });
    const password = z.string().max(256).parse(input.password ?? "");
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new AppError("wrong_password", "That password is not right for this account.", 400);
    }
    return prisma.$transaction((tx) => join(tx, invitation, user.id, context).then((m) => ({ userId: user.id, membershipId: m.id })));
  }
  const { displayName, password } = acceptNewAccountSchema.parse(input);
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: invitation.email, displayName, passwordHash } });
    const membership = await join(tx, invitation, user.id, context);
    return { userId: user.id, membershipId: membership.id };
  });
}

async function assertAnotherOwnerRemains(tx: Prisma.TransactionClient, practiceId: string, leavingMembershipId: string) {
  // Lock the practice's owners so two owners cannot demote each other at the same moment.
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM membership WHERE "practiceId" = ${practiceId}::uuid AND role = 'OWNER' AND "removedAt" IS NULL FOR UPDATE`;
  if (!owners.some((o) => o.id !== leavingMembershipId)) {
    throw new AppError("last_owner", "A practice always needs at least one owner. Make someone else an owner first.", 409);
  }
}

/** Owners change roles; the member's sessions end, so their next sign-in carries the new role. */
export async function changeMemberRole(actor: Actor, membershipId: string, input: unknown, context: AuditContext) {
  requireOwner(actor);
  const role = roleSchema.parse(input);
  await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null } });
    if (!member) throw notFound("That member");
    if (member.role === role) return;
    if (member.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.practiceId, member.id);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    const { count } = await tx.session.updateMany({ where: { membershipId: member.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.role_changed", target: { type: "membership", id: member.id }, outcome: "SUCCESS", details: { from: member.role, to: role, sessionsEnded: count }, context });
  });
}

/** Owners remove members; every session of theirs in this practice ends at once. */
export async function removeMember(actor: Actor, membershipId: string, context: AuditContext) {
  requireOwner(actor);
  await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null } });
    if (!member) throw notFound("That member");
    if (member.role === "OWNER") await assertAnotherOwnerRemains(tx, actor.practiceId, member.id);
    await tx.membership.update({ where: { id: member.id }, data: { removedAt: new Date() } });
    const { count } = await tx.session.updateMany({ where: { membershipId: member.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "member.removed", target: { type: "membership", id: member.id }, outcome: "SUCCESS", details: { role: member.role, sessionsEnded: count }, context });
  });
}

/**
 * An owner clears a locked-out member's authenticator, recovery codes and passkeys (after
 * stepping up), so a lost phone is never a dead end: the member's sessions end, and their next
 * sign-in takes them to enrolment again. Factors belong to the account, not to one practice, so
 * an account that is also a member of another practice (or a platform operator's) is refused:
 * one practice's owner must not weaken or end someone's sign-in elsewhere. The refusal is
 * recorded; that member recovers with a recovery code or another passkey instead.
 */
export async function resetMemberTwoFactor(actor: Actor, membershipId: string, context: AuditContext) {
  requireOwner(actor);
  assertSteppedUp(actor);
  const audit = { practiceId: actor.practiceId, actor: memberActor(actor), action: "auth.mfa.reset", target: { type: "membership", id: membershipId }, context } as const;
  const outcome = await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, practiceId: actor.practiceId, removedAt: null }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("That member");
    if (member.userId === actor.userId) {
      throw new AppError("own_account", "Manage your own second factor on the Two-factor page.", 400);
    }
    // Under the account's lock (see lockAccount), so a join in another practice cannot slip in between.
    await lockAccount(tx, member.userId);
    const elsewhere = await tx.membership.count({ where: { userId: member.userId, removedAt: null, practiceId: { not: actor.practiceId } } });
    if (elsewhere > 0 || isOperatorEmail(member.user.email)) return { refused: true as const, userId: member.userId };
    await tx.user.update({
      where: { id: member.userId },
      data: { totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
    });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId: member.userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId: member.userId } });
    const { count } = await tx.session.updateMany({ where: { userId: member.userId, revokedAt: null, membership: { practiceId: actor.practiceId } }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { ...audit, outcome: "SUCCESS", details: { recoveryCodesRemoved: codes.count, passkeysRemoved: passkeys.count, sessionsEnded: count } });
    return { refused: false as const, userId: member.userId };
  });
  if (outcome.refused) {
    await recordAudit(db(), { ...audit, outcome: "DENIED", details: { reason: "account_used_elsewhere" } });
    throw new AppError(
      "account_used_elsewhere",
      "This member also signs in to Confide outside this practice, so their second factor cannot be reset from here. They can sign in with one of their recovery codes or another passkey, then set up a new authenticator on the Two-factor page.",
      409,
    );
  }
  await notifyFactorChange(outcome.userId, "reset_by_owner", context);
}
