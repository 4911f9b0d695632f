"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { requestEmailChange } from "@/lib/auth/email-change";
import { changePassword } from "@/lib/auth/password-change";
import { revokeAllOwnSessions, revokeOwnSession } from "@/lib/auth/manage-sessions";
import { removeOwnPasskey, renameOwnPasskey } from "@/lib/auth/passkeys/manage";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { setIdleTimeout, setManagersMayRevealContact, setTwoFactorPolicy } from "@/lib/practice/settings";

export async function endSessionAction(formData: FormData) {
  const actor = await requireActor();
  const sessionId = String(formData.get("sessionId") ?? "");
  try {
    await revokeOwnSession(actor, sessionId, await requestAuditContext());
  } catch (error) {
    await flash(actionErrorMessage(error));
    redirect("/settings/security");
  }
  if (sessionId === actor.sessionId) redirect("/sign-in?signed-out=1");
  await flash("That session has been ended. The device will have to sign in again.");
  redirect("/settings/security");
}

export async function signOutEverywhereAction() {
  const actor = await requireActor();
  await revokeAllOwnSessions(actor, await requestAuditContext());
  redirect("/sign-in?signed-out=1");
}

export async function setIdleTimeoutAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await setIdleTimeout(actor, { idleTimeoutMinutes: formData.get("idleTimeoutMinutes") }, await requestAuditContext());
    await flash("Saved. Screens now lock after that much inactivity.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/settings/security");
}

export async function setTwoFactorPolicyAction(formData: FormData) {
  const actor = await requireActor();
  const requireTwoFactor = formData.get("requireTwoFactor") === "on";
  try {
    await setTwoFactorPolicy(actor, { requireTwoFactor, reason: String(formData.get("reason") ?? "") }, await requestAuditContext());
    await flash(requireTwoFactor ? "Saved. Every member now needs a second factor." : "Saved. A second factor is now optional; your reason is on record.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/settings/security");
}

export type PasswordState = { error: string | null; done: boolean };

export async function changePasswordAction(_prev: PasswordState, formData: FormData): Promise<PasswordState> {
  const actor = await requireActor();
  try {
    const { sessionsEnded } = await changePassword(
      actor,
      { password: formData.get("password"), confirm: formData.get("confirm") },
      await requestAuditContext(),
    );
    await flash(`Password changed.${sessionsEnded ? ` ${sessionsEnded} other session${sessionsEnded === 1 ? " was" : "s were"} signed out.` : ""}`);
  } catch (error) {
    return { error: actionErrorMessage(error), done: false };
  }
  redirect("/settings/security");
}

export async function renamePasskeyAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await renameOwnPasskey(actor, String(formData.get("passkeyId") ?? ""), { name: formData.get("name") }, await requestAuditContext());
    await flash("Passkey renamed.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/settings/security#passkeys-heading");
}

export async function removePasskeyAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await removeOwnPasskey(actor, String(formData.get("passkeyId") ?? ""), await requestAuditContext());
    await flash("Passkey removed. It can no longer be used to sign in to Confide.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/settings/security");
}

export async function setManagersRevealAction(formData: FormData) {
  const actor = await requireActor();
  const allowed = formData.get("allowed") === "on";
  try {
    await setManagersMayRevealContact(actor, { allowed }, await requestAuditContext());
    await flash(allowed ? "Saved. Practice managers can reveal contact details, giving a reason each time." : "Saved. Practice managers can no longer reveal contact details.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect("/settings/security");
}

export type EmailChangeState = { error: string | null; sentTo: string | null };

export async function changeEmailAction(_prev: EmailChangeState, formData: FormData): Promise<EmailChangeState> {
  const actor = await requireActor();
  const email = String(formData.get("email") ?? "").trim();
  try {
    await requestEmailChange(actor, { email }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), sentTo: null };
  }
  // The same answer whether or not the address already has an account.
  return { error: null, sentTo: email.toLowerCase() };
}
