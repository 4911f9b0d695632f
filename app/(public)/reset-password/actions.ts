"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { completePasswordReset, requestPasswordReset } from "@/lib/auth/email-links";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";

export type ResetState = { error: string | null; sent: boolean; email?: string };

export async function requestResetAction(_prev: ResetState, formData: FormData): Promise<ResetState> {
  const email = String(formData.get("email") ?? "");
  try {
    await requestPasswordReset({ email }, await requestAuditContext());
    return { error: null, sent: true, email };
  } catch (error) {
    return { error: actionErrorMessage(error), sent: false, email };
  }
}

export async function completeResetAction(token: string, _prev: { error: string | null }, formData: FormData): Promise<{ error: string | null }> {
  try {
    await completePasswordReset(token, Object.fromEntries(formData), await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  redirect("/sign-in?reset=1");
}
