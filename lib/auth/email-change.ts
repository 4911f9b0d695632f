import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendEmail } from "@/lib/email/transport";
import { AppError } from "@/lib/http/errors";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";
import type { AccountHolder } from "./actor";
import { hashToken, mayEmailLink, newToken, redeemAccountLink } from "./link-tokens";
import { emailSchema } from "./schema";
import { assertSteppedUp } from "./step-up-check";

// Changing the email address a member signs in with. The request needs step-up; the change
// happens only when someone opens the link sent to the NEW address and presses a button, so the
// new mailbox is proved. The old address is told a change was asked for (no link, no new
// address). The answer is "check your new inbox" whether or not the address is free, so the
// form cannot be used to find out who has an account. Audit events hold no addresses.

export const EMAIL_CHANGE_TTL_MS = 60 * 60 * 1000;

export const emailChangeSchema = z.object({ email: emailSchema });

const linkInvalid = () => new AppError("link_invalid", "This link has expired or has already been used. Ask for a new one from your Security page.", 410);

/** The address the account signs in with (shown on its own Security page). */
export async function ownEmail(actor: Pick<AccountHolder, "userId">): Promise<string> {
  return (await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } })).email;
}

/** Asks to change the actor's email to `input.email`: emails a confirmation link there and a notice to the current address. */
export async function requestEmailChange(actor: AccountHolder, input: unknown, context: AuditContext): Promise<void> {
  assertSteppedUp(actor);
  const { email } = emailChangeSchema.parse(input);
  const prisma = db();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  if (email === user.email) throw new AppError("same_email", "That is already your email address.", 400);
  const requests = await hitLimit(prisma, LIMITS.emailChange, limitKey(LIMITS.emailChange, actor.userId));
  if (requests > LIMITS.emailChange.max) {
    throw new AppError("too_many", "You have asked to change your email several times in the last hour. Please wait a while and try again.", 429);
  }
  const taken = (await prisma.user.findUnique({ where: { email }, select: { id: true } })) !== null;
  const allowed = await mayEmailLink(email, context);
  const token = newToken();
  await prisma.$transaction(async (tx) => {
    // Only the newest request's link works.
    await tx.emailToken.updateMany({ where: { purpose: "EMAIL_CHANGE", userId: actor.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.emailToken.create({
      data: {
        purpose: "EMAIL_CHANGE",
        tokenHash: hashToken(token),
        email,
        userId: actor.userId,
        expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS),
        // An address already in use gets no working link: the row is born used.
        usedAt: taken ? new Date() : null,
      },
    });
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "auth.email_change.requested",
      target: { type: "user", id: actor.userId },
      outcome: "SUCCESS",
      context,
    });
  });
  const app = config().APP_URL;
  await sendEmail({
    to: user.email,
    subject: "A change of your Confide email address was requested",
    text: `Someone signed in to your Confide account asked to change the email address it uses. Nothing changes until the new address is confirmed from a link we sent there.\n\nIf this was not you, sign in at ${app}/sign-in, change your password and end your other sessions on the Security page, and tell your practice owner.`,
  });
  if (!allowed) return;
  await sendEmail(
    taken
      ? {
          to: email,
          subject: "Your Confide address was not changed",
          text: `Someone asked to use this address for their Confide account, but it already belongs to an account, so nothing changed.\n\nIf that was you, sign in at ${app}/sign-in with this address instead. If not, you can ignore this email.`,
        }
      : {
          to: email,
          subject: "Confirm your new Confide email address",
          text: `Confirm that you want to sign in to Confide with this address:\n${app}/email-change/${token}\n\nThe link works once, within an hour. If you did not ask for this, you can ignore this email: nothing changes.`,
        },
  );
}

/** Whether an email-change link can still be used (for the page that shows the confirm button). */
export async function checkEmailChangeLink(token: string): Promise<boolean> {
  const row = await db().emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(row && row.purpose === "EMAIL_CHANGE" && !row.usedAt && row.expiresAt > new Date() && row.userId);
}

/**
 * Confirms a change from the link (on a button press, never on opening it): the account's email
 * becomes the new address if it is still free, every other session of the account ends (the
 * confirming browser's session, `keepSessionId`, stays if it is that account's), and the old
 * address is told. Works signed in or not: the link proves the new mailbox, and the request
 * needed step-up.
 */
export async function confirmEmailChange(token: string, keepSessionId: string | null, context: AuditContext) {
  const prisma = db();
  const result = await prisma
    .$transaction(async (tx) => {
      const row = await redeemAccountLink(tx, token, "EMAIL_CHANGE");
      if (!row) throw linkInvalid();
      const before = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true } });
      await tx.user.update({ where: { id: row.userId }, data: { email: row.email } });
      const ended = await tx.session.updateMany({
        where: { userId: row.userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
        data: { revokedAt: new Date() },
      });
      const membership = await tx.membership.findFirst({ where: { userId: row.userId, removedAt: null }, orderBy: { createdAt: "asc" } });
      await recordAudit(tx, {
        practiceId: membership?.practiceId ?? null,
        actor: { type: "USER", id: row.userId, role: membership?.role ?? null },
        action: "auth.email_change.completed",
        target: { type: "user", id: row.userId },
        outcome: "SUCCESS",
        details: { sessionsEnded: ended.count },
        context,
      });
      const kept = keepSessionId ? await tx.session.findFirst({ where: { id: keepSessionId, userId: row.userId, revokedAt: null }, select: { id: true } }) : null;
      return { userId: row.userId, oldEmail: before.email, stillSignedIn: kept !== null };
    })
    .catch((error: unknown) => {
      // Someone else took the address between the request and now.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("email_taken", "That address now belongs to another account, so your email was not changed.", 409);
      }
      throw error;
    });
  await sendEmail({
    to: result.oldEmail,
    subject: "Your Confide email address was changed",
    text: `The email address of your Confide account was changed, and you will sign in with the new one from now on. Your other sessions were ended.\n\nIf this was not you, contact your practice owner at once.`,
  });
  return { stillSignedIn: result.stillSignedIn };
}
