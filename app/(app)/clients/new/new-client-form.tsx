"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { createClientAction, type NewClientState } from "../actions";
import { IdentityFields } from "../identity-fields";
import { LabelCheck } from "../label-check";

const initial: NewClientState = { error: null, values: {} };

export function NewClientForm() {
  const [state, action, pending] = useActionState(createClientAction, initial);
  return (
    <form action={action} className="space-y-8" key={JSON.stringify([state.values, state.labelCheck ?? null])}>
      <FormError message={state.error} />
      <section aria-labelledby="clinical-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="clinical-heading" className="text-lg font-semibold">In the clinical record</h2>
        <p className="text-sm text-muted">
          Confide gives the client a random code. You may add a working label to tell clients apart in lists; it must not identify
          the person.
        </p>
        <div className="max-w-md">
          <Input label="Working label (optional)" name="label" maxLength={60} autoComplete="off" defaultValue={state.values.label} hint='For example "Tuesday 10am" or "Couples B". Not a name or initials.' />
        </div>
        {state.labelCheck ? <LabelCheck warning={state.labelCheck} /> : null}
      </section>
      <section aria-labelledby="vault-heading" className="space-y-4 rounded-lg border border-amber-200 bg-amber-50/60 p-5">
        <h2 id="vault-heading" className="text-lg font-semibold">In the identity vault (optional now)</h2>
        <p className="text-sm text-ink">
          Stored apart from the notes, encrypted under a separate key. Only assigned clinicians can reveal it, with a reason, and every
          reveal is recorded. Leave it empty to add it later.
        </p>
        <IdentityFields values={state.values} />
      </section>
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create client"}</Button>
    </form>
  );
}
