"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { signUpAction, type SignUpState } from "./actions";

const initial: SignUpState = { error: null, sent: false };

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, initial);
  if (state.sent) {
    return (
      <div role="status" className="mt-6 rounded-md bg-brand-50 p-4 text-brand-800">
        <h2 className="font-semibold">Check your email</h2>
        <p className="mt-1 text-sm">
          We have sent a link to {state.values?.email}. Open it within 24 hours to create your practice.
        </p>
      </div>
    );
  }
  const v = state.values;
  const problem = state.fields ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" key={JSON.stringify(v ?? {})}>
      <FormError message={state.error ?? (Object.keys(problem).length ? "Please correct the fields marked below." : null)} />
      <Input label="Practice name" name="practiceName" required defaultValue={v?.practiceName} autoComplete="organization" error={problem.practiceName} />
      <Input label="Your name" name="displayName" required defaultValue={v?.displayName} autoComplete="name" error={problem.displayName} />
      <Input label="Email address" name="email" type="email" required defaultValue={v?.email} autoComplete="username" error={problem.email} />
      <Input
        label="Choose a password"
        name="password"
        type="password"
        required
        minLength={12}
        autoComplete="new-password"
        error={problem.password}
        hint="At least 12 characters. A few unrelated words make a strong, memorable password."
      />
      <Input label="Type the password again" name="confirm" type="password" required autoComplete="new-password" error={problem.confirm} />
      <Button type="submit" className="w-full" disabled={pending}>{pending ? "Sending…" : "Create my practice"}</Button>
    </form>
  );
}
