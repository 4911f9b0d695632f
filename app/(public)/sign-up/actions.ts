"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { confirmSignUp, requestSignUp } from "@/lib/auth/email-links";
import { openVerifiedSession } from "@/lib/auth/sessions";
import { publicAction } from "@/lib/entry/action";
import { flash, issueSessionCookie } from "@/lib/entry/cookies";

/** `fields`: what is wrong with each field, shown on the field itself. */
export type SignUpState = { error: string | null; sent: boolean; values?: { practiceName: string; displayName: string; email: string }; fields?: Partial<Record<SignUpField, string>> };
type SignUpField = "practiceName" | "displayName" | "email" | "password" | "confirm";

/** The first problem with each field, keyed by the field's name. */
function fieldProblems(error: ZodError): Partial<Record<SignUpField, string>> {
  const fields: Partial<Record<SignUpField, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "") as SignUpField;
    fields[key] ??= issue.message;
  }
  return fields;
}

const valuesOf = (formData: FormData) => ({
  practiceName: String(formData.get("practiceName") ?? ""),
  displayName: String(formData.get("displayName") ?? ""),
  email: String(formData.get("email") ?? ""),
});

export const signUpAction = publicAction(
  { failure: (message, formData): SignUpState => ({ error: message, sent: false, values: valuesOf(formData) }) },
  async ({ audit }, _prev: SignUpState, formData: FormData): Promise<SignUpState> => {
    try {
      await requestSignUp(Object.fromEntries(formData), audit);
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      return { error: null, sent: false, values: valuesOf(formData), fields: fieldProblems(error) };
    }
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
