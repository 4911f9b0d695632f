"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { confirmSignUp, requestSignUp } from "@/lib/auth/email-links";
import { issueSessionCookie } from "@/lib/entry/cookies";
import { openSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";

export type SignUpState = { error: string | null; sent: boolean; values?: { practiceName: string; displayName: string; email: string } };

export async function signUpAction(_prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = {
    practiceName: String(formData.get("practiceName") ?? ""),
    displayName: String(formData.get("displayName") ?? ""),
    email: String(formData.get("email") ?? ""),
  };
  try {
    await requestSignUp(Object.fromEntries(formData), await requestAuditContext());
    return { error: null, sent: true, values };
  } catch (error) {
    return { error: actionErrorMessage(error), sent: false, values };
  }
}

export async function confirmSignUpAction(token: string): Promise<{ error: string | null }> {
  const context = await requestAuditContext();
  let created;
  try {
    created = await confirmSignUp(token, context);
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  const session = await openSession(db(), { userId: created.userId, membershipId: created.membershipId, userAgent: context.userAgent, fullyAuthenticated: true });
  await issueSessionCookie(created.userId, session.id);
  await flash("Your practice is ready. First, protect your account with a second factor.");
  redirect("/dashboard");
}
