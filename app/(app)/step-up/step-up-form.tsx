"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { stepUpAction, type StepUpState } from "./actions";

const initial: StepUpState = { error: null };

export function StepUpForm({ next, needsCode }: { next: string; needsCode: boolean }) {
  const [state, action, pending] = useActionState(stepUpAction, initial);
  return (
    <form action={action} className="mt-6 space-y-4">
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
