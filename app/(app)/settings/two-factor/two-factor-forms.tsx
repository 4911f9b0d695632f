"use client";

import type { Route } from "next";
import { useActionState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { confirmEnrolmentAction, regenerateCodesAction, type CodesState } from "./actions";

const initial: CodesState = { error: null, codes: null };

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="codes-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="codes-heading" className="text-lg font-semibold text-ink">Your recovery codes</h2>
      <p className="text-sm text-ink">
        Each code signs you in once if you lose your phone. Save them somewhere safe now (a password manager, or printed and
        locked away): <strong>they will not be shown again.</strong>
      </p>
      <ol className="grid grid-cols-2 gap-2 font-mono text-base sm:grid-cols-5" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1 text-center">{c}</li>
        ))}
      </ol>
      <ButtonLink href="/dashboard">I have saved my codes</ButtonLink>
    </section>
  );
}

export function ConfirmEnrolmentForm({ stepUpHref }: { stepUpHref: Route }) {
  const [state, action, pending] = useActionState(confirmEnrolmentAction, initial);
  if (state.codes) return <RecoveryCodes codes={state.codes} />;
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      {state.stepUp ? <StepUpNotice href={stepUpHref} doing="To turn on two-factor authentication" /> : null}
      <div className="max-w-xs">
        <Input label="Code from your app" name="code" inputMode="numeric" autoComplete="one-time-code" required hint="6 digits." />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Checking…" : "Turn on two-factor authentication"}</Button>
    </form>
  );
}

export function RegenerateCodesForm() {
  const [state, action, pending] = useActionState(regenerateCodesAction, initial);
  if (state.codes) return <RecoveryCodes codes={state.codes} />;
  return (
    <form action={action} className="space-y-3">
      <FormError message={state.error} />
      <Button type="submit" variant="secondary" disabled={pending}>Make new recovery codes</Button>
      <p className="text-sm text-muted">Your old codes stop working as soon as the new ones are made.</p>
    </form>
  );
}
