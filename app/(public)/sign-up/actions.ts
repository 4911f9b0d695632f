"use server";

import { redirect } from "next/navigation";
import { confirmSignUp, requestSignUp } from "@/lib/auth/email-links";
import { openVerifiedSession } from "@/lib/auth/sessions";
import { publicAction } from "@/lib/entry/action";
import { flash, issueSessionCookie } from "@/lib/entry/cookies";

export type SignUpState = { error: string | null; sent: boolean; values?: { practiceName: string; displayName: string; email: string } };

const valuesOf = (formData: FormData) => ({
  practiceName: String(formData.get("practiceName") ?? ""),
  displayName: String(formData.get("displayName") ?? ""),
  email: String(formData.get("email") ?? ""),
});

export const signUpAction = publicAction(
  { failure: (message, formData): SignUpState => ({ error: message, sent: false, values: valuesOf(formData) }) },
  async ({ audit }, _prev: SignUpState, formData: FormData): Promise<SignUpState> => {
    await requestSignUp(Object.fromEntries(formData), audit);
    return { error: null, sent: true, values: valuesOf(formData) };
  },
);

export const confirmSignUpAction = publicAction({ failure: (message) => ({ error: message }) }, async ({ audit }, token: string): Promise<{ error: string | null }> => {
  const created = await confirmSignUp(token, audit);
  const session = await openVerifiedSession(created, audit.userAgent);
  await issueSessionCookie(created.userId, session.id);
  await flash("Your practice is ready. First, protect your account with a second factor.");
  redirect("/dashboard");
});
