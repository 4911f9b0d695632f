"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { verifySecondFactorAction, type VerifyState } from "./actions";

const initial: VerifyState = { error: null };

export function VerifyForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(verifySecondFactorAction, initial);
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <input type="hidden" name="next" value={next} />
      <Input
        label="Code"
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        required
        autoFocus
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Checking…" : "Continue"}
      </Button>
    </form>
  );
}
