"use client";

import { signIn } from "next-auth/react";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { answerWithPasskey } from "@/components/passkeys/webauthn-client";
import { signInRefusal } from "./refusal";

/** "Sign in with a passkey": no email or password, and no second step (the passkey is both). */
export function PasskeySignIn({ next }: { next: string }) {
  async function run() {
    const response = await answerWithPasskey("sign-in");
    const result = await signIn("passkey", { response: JSON.stringify(response), redirect: false });
    if (result?.ok && !result.error) {
      // A full navigation, so every server component sees the new session cookie.
      window.location.assign(next);
      return;
    }
    return signInRefusal(
      result?.error,
      "That passkey did not work with Confide. It may have been removed from your account: sign in with your password instead.",
    );
  }
  return <PasskeyButton label="Sign in with a passkey" variant="secondary" run={run} />;
}
