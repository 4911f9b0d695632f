"use client";

import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { answerWithPasskey } from "@/components/passkeys/webauthn-client";
import { verifyPasskeyStepAction } from "./actions";

/** The second step with one of the member's passkeys (after their password). */
export function PasskeyStep({ primary, next }: { primary: boolean; next: string }) {
  async function run() {
    const response = await answerWithPasskey("second-factor");
    // On success the action redirects; it returns only to report a refusal.
    const result = await verifyPasskeyStepAction(response, next);
    return result?.error ?? undefined;
  }
  return (
    <div className="mt-6">
      <PasskeyButton label="Use a passkey" variant={primary ? "primary" : "secondary"} run={run} />
    </div>
  );
}
