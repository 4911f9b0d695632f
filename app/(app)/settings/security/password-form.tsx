"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { changePasswordAction, type PasswordState } from "./actions";

const initial: PasswordState = { error: null, done: false };

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormError message={state.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Input
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters. A phrase of several words is easiest to remember."
        />
        <Input label="New password again" name="confirm" type="password" autoComplete="new-password" required />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Change password"}</Button>
      <p className="text-sm text-muted">Your other sessions will be signed out; this one stays signed in.</p>
    </form>
  );
}
