"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { completeResetAction, requestResetAction, type ResetState } from "./actions";

const initial: ResetState = { error: null, sent: false };

export function RequestResetForm() {
  const [state, action, pending] = useActionState(requestResetAction, initial);
  if (state.sent) {
    return (
      <p role="status" className="mt-6 rounded-md bg-brand-50 p-4 text-sm text-brand-800">
        If {state.email} has a Confide account, a link to choose a new password is on its way. It works for 30 minutes.
      </p>
    );
  }
  return (
    <form action={action} className="mt-6 space-y-4" key={state.email ?? ""}>
      <FormError message={state.error} />
      <Input label="Email address" name="email" type="email" required autoComplete="username" defaultValue={state.email} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Sending…" : "Email me a link"}</Button>
    </form>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(completeResetAction.bind(null, token), { error: null });
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <Input label="New password" name="password" type="password" required minLength={12} autoComplete="new-password" hint="At least 12 characters." />
      <Input label="Type it again" name="confirm" type="password" required autoComplete="new-password" />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Saving…" : "Save my new password"}</Button>
    </form>
  );
}
