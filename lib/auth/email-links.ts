import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/transport";
import { AppError } from "@/lib/http/errors";
import { limitKey, LIMITS } from "@/lib/rate-limit";
import { rememberAddress, STAFF_SIGN_IN } from "@/lib/rate-limit/credential-gate";
import { notifyFactorChange } from "./factor-changes";
import { hashToken, mayEmailLink, newToken, redeemAccountLink } from "./link-tokens";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./password-policy";
import { emailSchema } from "./schema";

// Sign-up and password reset both answer "check your email" whatever the address, after the
// same work (a password hash, a database write, an email), so neither reveals who has an
// account. The link does the rest.

const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 30 * 60 * 1000;

export const signUpSchema = z
  .object({
    practiceName: z.string().trim().min(2, "Enter your practice's name.").max(100, "Use at most 100 characters."),
    displayName: z.string().trim().min(2, "Enter your name as colleagues know it.").max(80, "Use at most 80 characters."),
    email: emailSchema,
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

export const resetRequestSchema = z.object({ email: emailSchema });
export const newPasswordFormSchema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

export async function requestSignUp(input: unknown, context: AuditContext) {
  const data = signUpSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const allowed = await mayEmailLink(data.email, context);
  const existing = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
  const token = newToken();
  await db().emailToken.create({
    data: {
      purpose: "SIGN_UP",
      tokenHash: hashToken(token),
      email: data.email,
      payload: existing ? {} : { practiceName: data.practiceName, displayName: data.displayName, passwordHash },
      expiresAt: new Date(Date.now() + SIGN_UP_TTL_MS),
      usedAt: existing ? new Date() : null,
    },
  });
  await recordAudit(db(), { practiceId: null, actor: { type: "USER", id: null, role: null }, action: "auth.signup.requested", target: null, outcome: "SUCCESS", context });
  if (!allowed) return;
  await sendEmail(
    existing
      ? {
          to: data.email,
          subject: "You already have a Confide account",
          text: `Someone (hopefully you) tried to sign up to Confide with this address, which already has an account.\n\nSign in at ${config().APP_URL}/sign-in, or reset your password at ${config().APP_URL}/reset-password.\n\nIf it was not you, you can ignore this email.`,
        }
      : {
          to: data.email,
          subject: "Confirm your new Confide practice",
          text: `Welcome to Confide. Confirm your email address to create ${data.practiceName}:\n${config().APP_URL}/sign-up/confirm/${token}\n\nThe link works once, within 24 hours. If you did not sign up, you can ignore this email.`,
        },
  );
}

const signUpPayload = z.object({ practiceName: z.string(), displayName: z.string(), passwordHash: z.string() });

/** Creates the practice and its owner from a confirmed sign-up link. */
export async function confirmSignUp(token: string, context: AuditContext) {
  return db().$transaction(async (tx) => {
    const row = await tx.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || row.purpose !== "SIGN_UP" || row.usedAt || row.expiresAt <= new Date()) {
      throw new AppError("link_invalid", "This link has expired or has already been used. Please sign up again.", 410);
    }
    await tx.emailToken.update({ where: { id: row.id }, data: { usedAt: new Date() } });
    if (await tx.user.findUnique({ where: { email: row.email } })) {
      throw new AppError("already_registered", "This address already has an account. Please sign in.", 409);
    }
    const payload = signUpPayload.parse(row.payload);
    const practice = await tx.practice.create({ data: { name: payload.practiceName } });
    const user = await tx.user.create({ data: { email: row.email, displayName: payload.displayName, passwordHash: payload.passwordHash } });
    const membership = await tx.membership.create({ data: { practiceId: practice.id, userId: user.id, role: "OWNER" } });
    await recordAudit(tx, { practiceId: practice.id, actor: { type: "USER", id: user.id, role: "OWNER" }, action: "practice.created", target: { type: "practice", id: practice.id }, outcome: "SUCCESS", context });
    return { userId: user.id, membershipId: membership.id };
  });
}

export async function requestPasswordReset(input: unknown, context: AuditContext) {
  const { email } = resetRequestSchema.parse(input);
  const allowed = await mayEmailLink(email, context);
  const user = await db().user.findUnique({
    where: { email },
    include: { memberships: { where: { removedAt: null }, take: 1 } },
  });
  const token = newToken();
  await db().emailToken.create({
    data: { purpose: "PASSWORD_RESET", tokenHash: hashToken(token), email, userId: user?.id ?? null, expiresAt: new Date(Date.now() + RESET_TTL_MS), usedAt: user ? null : new Date() },
  });
  const membership = user?.memberships[0];
  await recordAudit(db(), {
    practiceId: membership?.practiceId ?? null,
    actor: { type: "USER", id: user?.id ?? null, role: membership?.role ?? null },
    action: "auth.password_reset.requested",
    target: null,
    outcome: "SUCCESS",
    context,
  });
  if (!allowed || !user) return;
  await sendEmail({
    to: email,
    subject: "Reset your Confide password",
    text: `Choose a new password here (the link works once, within 30 minutes):\n${config().APP_URL}/reset-password/${token}\n\nAll your signed-in sessions will end. If you did not ask for this, you can ignore this email: your password has not changed.`,
  });
}

export async function checkResetLink(token: string) {
  const row = await db().emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(row && row.purpose === "PASSWORD_RESET" && !row.usedAt && row.expiresAt > new Date() && row.userId);
}

/**
 * Sets the new password, ends every session, clears the account's sign-in ceiling and tells
 * the account holder by email; the address the link was followed from becomes known (proved
 * by the mailbox), so sign-in works there even while others keep failing on the account.
 */
export async function completePasswordReset(token: string, input: unknown, context: AuditContext) {
  const { password } = newPasswordFormSchema.parse(input);
  const passwordHash = await hashPassword(password);
  const userId = await db().$transaction(async (tx) => {
    const row = await redeemAccountLink(tx, token, "PASSWORD_RESET");
    if (!row) throw new AppError("link_invalid", "This link has expired or has already been used. Ask for a new one.", 410);
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    const ended = await tx.session.updateMany({ where: { userId: row.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.rateLimitBucket.deleteMany({ where: { key: limitKey(LIMITS.signInAccount, row.email) } });
    await rememberAddress(tx, STAFF_SIGN_IN, row.email, context.ip);
    const membership = await tx.membership.findFirst({ where: { userId: row.userId, removedAt: null } });
    await recordAudit(tx, {
      practiceId: membership?.practiceId ?? null,
      actor: { type: "USER", id: row.userId, role: membership?.role ?? null },
      action: "auth.password_reset.completed",
      target: { type: "user", id: row.userId },
      outcome: "SUCCESS",
      details: { sessionsEnded: ended.count },
      context,
    });
    return row.userId;
  });
  await notifyFactorChange(userId, "password_reset", context);
}
