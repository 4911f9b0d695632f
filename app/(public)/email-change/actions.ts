"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { currentAccountHolder } from "@/lib/entry/caller";
import { confirmEmailChange } from "@/lib/auth/email-change";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";

export async function confirmEmailChangeAction(token: string): Promise<{ error: string | null }> {
  // The browser's own session (if any) stays signed in when it is the same account's.
  const signedIn = await currentAccountHolder();
  let result;
  try {
    result = await confirmEmailChange(token, signedIn?.holder.sessionId ?? null, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await flash("Your email address is changed. Sign in with the new one from now on; your other sessions were ended.");
  redirect(result.stillSignedIn ? "/settings/security" : "/sign-in");
}
