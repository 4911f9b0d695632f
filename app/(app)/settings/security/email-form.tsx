"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { changeEmailAction, type EmailChangeState } from "./actions";

const initial: EmailChangeState = { error: null, sentTo: null };

export function ChangeEmailForm() {
  const [state, action, pending] = useActionState(changeEmailAction, initial);
  if (state.sentTo) {
    return (
      <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-brand-800">
        Check your new inbox: if <strong>{state.sentTo}</strong> can be used, a link to confirm it is on its way (it works for
        an hour). Your email stays the same until you open it and confirm. We also told your current address.
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormError message={state.error} />
      <div className="max-w-md">
        <Input label="New email address" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} key={state.values?.email} />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send a confirmation link"}</Button>
    </form>
  );
}
