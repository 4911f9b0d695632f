"use server";

import { redirect } from "next/navigation";
import { requestEmailChange } from "@/lib/auth/email-change";
import { revokeAllOwnSessions, revokeOwnSession } from "@/lib/auth/manage-sessions";
import { removeOwnPasskey, renameOwnPasskey } from "@/lib/auth/passkeys/manage";
import { changePassword } from "@/lib/auth/password-change";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";

const PAGE = "/settings/security";
const here = () => PAGE;

export const endSessionAction = memberAction({ back: here }, async ({ actor, audit }, formData: FormData) => {
  const sessionId = String(formData.get("sessionId") ?? "");
  await revokeOwnSession(actor, sessionId, audit);
  if (sessionId === actor.sessionId) redirect("/sign-in?signed-out=1");
  return "That session has been ended. The device will have to sign in again.";
});

export const signOutEverywhereAction = memberAction({ back: here }, async ({ actor, audit }) => {
  await revokeAllOwnSessions(actor, audit);
  redirect("/sign-in?signed-out=1");
});

export type PasswordState = { error: string | null; done: boolean };

// A lapsed step-up is reported in the form (the page offers the step-up link); passwords are never sent back.
export const changePasswordAction = memberAction(
  { stepUp: true, failure: (message): PasswordState => ({ error: message, done: false }) },
  async ({ actor, audit }, _prev: PasswordState, formData: FormData): Promise<PasswordState> => {
    const { sessionsEnded } = await changePassword(actor, { password: formData.get("password"), confirm: formData.get("confirm") }, audit);
    await flash(`Password changed.${sessionsEnded ? ` ${sessionsEnded} other session${sessionsEnded === 1 ? " was" : "s were"} signed out.` : ""}`);
    redirect(PAGE);
  },
);

export const renamePasskeyAction = memberAction({ back: () => `${PAGE}#passkeys-heading` }, async ({ actor, audit }, formData: FormData) => {
  await renameOwnPasskey(actor, String(formData.get("passkeyId") ?? ""), { name: formData.get("name") }, audit);
  return "Passkey renamed.";
});

export const removePasskeyAction = memberAction({ stepUp: true, back: here }, async ({ actor, audit }, formData: FormData) => {
  await removeOwnPasskey(actor, String(formData.get("passkeyId") ?? ""), audit);
  return "Passkey removed. It can no longer be used to sign in to Confide.";
});

export type EmailChangeState = { error: string | null; sentTo: string | null; values?: { email: string } };

const typedEmail = (formData: FormData) => String(formData.get("email") ?? "").trim();

export const changeEmailAction = memberAction(
  { stepUp: true, failure: (message, formData): EmailChangeState => ({ error: message, sentTo: null, values: { email: typedEmail(formData) } }) },
  async ({ actor, audit }, _prev: EmailChangeState, formData: FormData): Promise<EmailChangeState> => {
    const email = typedEmail(formData);
    await requestEmailChange(actor, { email }, audit);
    // The same answer whether or not the address already has an account.
    return { error: null, sentTo: email.toLowerCase() };
  },
);
