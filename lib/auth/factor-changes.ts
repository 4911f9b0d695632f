import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sendEmail } from "@/lib/email/transport";
import { logger } from "@/lib/log";
import type { Actor } from "./actor";
import { describeDevice } from "./device";

// Every change to how an account signs in (a factor added or removed, new recovery codes, a
// new password) is told to its holder by email and listed on their Security page, with when and
// from which device. Both read only what the audit trail already holds: an action, a time, a
// user agent.

export type FactorChange = "passkey_added" | "passkey_removed" | "totp_enrolled" | "recovery_codes_generated" | "reset_by_owner" | "password_changed" | "password_reset";

/** The audit actions that change a member's own factors, and how each reads to them. */
const OWN_CHANGES = {
  "auth.passkey.registered": "passkey_added",
  "auth.passkey.removed": "passkey_removed",
  "auth.totp.enrolled": "totp_enrolled",
  "auth.recovery_codes.generated": "recovery_codes_generated",
  "auth.password.changed": "password_changed",
  "auth.password_reset.completed": "password_reset",
} as const satisfies Record<string, FactorChange>;

const SECURE_ACCOUNT =
  "If it was not you, someone may have your password or one of your signed-in devices. Sign in at {app}/sign-in, " +
  "then on the Security page end every session you do not recognise, remove any passkey you did not add, and change your " +
  "password. Tell your practice owner.";

const WHAT: Record<FactorChange, { subject: string; line: string; label: string; ifNotYou?: string }> = {
  passkey_added: { subject: "A passkey was added to your Confide account", line: "A new passkey was added to your Confide account. It can sign in on its own.", label: "Passkey added" },
  passkey_removed: { subject: "A passkey was removed from your Confide account", line: "A passkey was removed from your Confide account. It can no longer sign in.", label: "Passkey removed" },
  totp_enrolled: { subject: "Two-factor authentication was turned on for your Confide account", line: "An authenticator app was set up for your Confide account, and new recovery codes were made.", label: "Authenticator app set up" },
  recovery_codes_generated: { subject: "New recovery codes were made for your Confide account", line: "New recovery codes were made for your Confide account. Your old ones no longer work.", label: "New recovery codes made" },
  reset_by_owner: { subject: "Your Confide two-factor authentication was reset", line: "An owner of your practice reset your two-factor authentication: your authenticator app, recovery codes and passkeys were removed, and you were signed out.", label: "Two-factor reset by an owner" },
  password_changed: {
    subject: "Your Confide password was changed",
    line: "The password of your Confide account was changed from a signed-in session. Your other sessions were ended.",
    label: "Password changed",
    ifNotYou:
      "If it was not you, someone is signed in to your account. Choose a new password now with \"Forgot your password?\" at {app}/reset-password " +
      "(that ends every session), then on the Security page remove any passkey you did not add. Tell your practice owner.",
  },
  password_reset: {
    subject: "Your Confide password was reset",
    line: "The password of your Confide account was reset with a link sent to this address. Every session was ended.",
    label: "Password reset by email link",
    ifNotYou:
      "If it was not you, someone can read this mailbox: secure your email account first (change its password), then choose a new " +
      "Confide password at {app}/reset-password and tell your practice owner.",
  },
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

/** The email for one change: what, when, from which device, and what to do if it was not them. No codes, keys or names. */
export function factorChangeEmail(change: FactorChange, at: Date, userAgent: string | null) {
  const what = WHAT[change];
  const app = config().APP_URL;
  const device = change === "reset_by_owner" ? "The owner's device" : "Device";
  return {
    subject: what.subject,
    text:
      `${what.line}\n\nWhen: ${when.format(at)} (Europe/London time)\n${device}: ${describeDevice(userAgent)}\n\n` +
      `If this was you, there is nothing to do.\n\n` +
      (what.ifNotYou ?? SECURE_ACCOUNT).replaceAll("{app}", app),
  };
}

/**
 * Emails the account holder about a change to their factors, after it is saved. A failed send
 * does not undo the change (it is done, and on the Security page); it is logged by id.
 */
export async function notifyFactorChange(userId: string, change: FactorChange, context: AuditContext, at = new Date()) {
  try {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await sendEmail({ to: email, ...factorChangeEmail(change, at, context.userAgent) });
  } catch (error) {
    logger.error({ userId, change, err: error instanceof Error ? error.name : "unknown" }, "factor change notice not sent");
  }
}

/**
 * The Security page's "recent changes to how you sign in": the member's own factor changes,
 * and owners' resets of their second factor, in every practice the account belongs to (factors
 * belong to the account, not to one practice). Newest first.
 */
export async function listFactorChanges(actor: Pick<Actor, "userId">, take = 10) {
  const memberships = await db().membership.findMany({ where: { userId: actor.userId }, select: { id: true, practiceId: true } });
  const rows = await db().auditEvent.findMany({
    where: {
      practiceId: { in: memberships.map((m) => m.practiceId) },
      outcome: "SUCCESS",
      OR: [
        { actorType: "USER", actorId: actor.userId, action: { in: Object.keys(OWN_CHANGES) } },
        { action: "auth.mfa.reset", targetType: "membership", targetId: { in: memberships.map((m) => m.id) } },
      ],
    },
    select: { id: true, occurredAt: true, action: true, userAgent: true },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => {
    const change: FactorChange = r.action in OWN_CHANGES ? OWN_CHANGES[r.action as keyof typeof OWN_CHANGES] : "reset_by_owner";
    return { id: r.id.toString(), change, label: WHAT[change].label, at: r.occurredAt, device: describeDevice(r.userAgent) };
  });
}
