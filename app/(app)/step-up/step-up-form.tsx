"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { PasskeyButton } from "@/components/passkeys/passkey-button";
import { answerWithPasskey } from "@/components/passkeys/webauthn-client";
import { stepUpAction, stepUpWithPasskeyAction, type StepUpState } from "./actions";

const initial: StepUpState = { error: null };

interface Methods { passkey: boolean; password: boolean; code: boolean }

export function StepUpForm({ next, methods }: { next: string; methods: Methods }) {
  const [state, action, pending] = useActionState(stepUpAction, initial);
  async function withPasskey() {
    const response = await answerWithPasskey("step-up");
    // On success the action redirects; it returns only to report a refusal.
    return (await stepUpWithPasskeyAction(response, next))?.error ?? undefined;
  }
  return (
    <div className="mt-6 space-y-6">
      {methods.passkey ? <PasskeyButton label="Confirm with a passkey" variant={methods.password ? "secondary" : "primary"} run={withPasskey} /> : null}
      {methods.passkey && methods.password ? <p className="text-center text-sm text-muted">or with your password</p> : null}
      {methods.password ? <PasswordForm next={next} needsCode={methods.code} state={state} action={action} pending={pending} /> : null}
    </div>
  );
}

function PasswordForm({ next, needsCode, state, action, pending }: { next: string; needsCode: boolean; state: StepUpState; action: (formData: FormData) => void; pending: boolean }) {
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <input type="hidden" name="next" value={next} />
      <Input label="Password" name="password" type="password" autoComplete="current-password" required autoFocus />
      {needsCode ? (
        <Input
          label="Code"
          name="code"
          autoComplete="one-time-code"
          required
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Checking…" : "Confirm and continue"}
      </Button>
    </form>
  );
}
