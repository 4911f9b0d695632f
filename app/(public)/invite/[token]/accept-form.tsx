"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { acceptInvitationAction, type AcceptState } from "./actions";

const initial: AcceptState = { error: null };

export function AcceptForm({ token, hasAccount, email }: { token: string; hasAccount: boolean; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction.bind(null, token), initial);
  return (
    <form action={action} className="mt-6 space-y-4">
      <FormError message={state.error} />
      <Input label="Email address" name="email-shown" value={email} readOnly autoComplete="username" />
      {hasAccount ? (
        <Input label="Your Confide password" name="password" type="password" autoComplete="current-password" required />
      ) : (
        <>
          <Input
            label="Your name"
            name="displayName"
            autoComplete="name"
            required
            hint="As your colleagues know you."
            // React resets a form after its action; keep what was typed.
            key={state.displayName}
            defaultValue={state.displayName}
          />
          <Input
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            hint="At least 12 characters. A few unrelated words make a strong, memorable password."
          />
          <Input label="Type the password again" name="confirm" type="password" autoComplete="new-password" required />
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept and join"}
      </Button>
    </form>
  );
}
