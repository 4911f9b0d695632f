"use server";

import { redirect } from "next/navigation";
import { confirmEmailChange } from "@/lib/auth/email-change";
import { publicAction } from "@/lib/entry/action";
import { currentAccountHolder } from "@/lib/entry/caller";
import { flash } from "@/lib/entry/cookies";

/** Anyone holding the link (sent to the new address) confirms; the token is the proof. */
export const confirmEmailChangeAction = publicAction({ failure: (message) => ({ error: message }) }, async ({ audit }, token: string): Promise<{ error: string | null }> => {
  // The browser's own session (if any) stays signed in when it is the same account's.
  const signedIn = await currentAccountHolder();
  const result = await confirmEmailChange(token, signedIn?.holder.sessionId ?? null, audit);
  await flash("Your email address is changed. Sign in with the new one from now on; your other sessions were ended.");
  redirect(result.stillSignedIn ? "/settings/security" : "/sign-in");
});
