"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { recordIdentityAction, type IdentityState } from "../../actions";
import { IdentityFields } from "../../identity-fields";

export function IdentityForm({ code, current }: { code: string; current: Record<string, string> }) {
  const [state, action, pending] = useActionState(recordIdentityAction, { error: null, values: current } satisfies IdentityState);
  return (
    <form action={action} className="space-y-6 rounded-lg border border-amber-200 bg-amber-50/60 p-5" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <IdentityFields values={state.values} requireName />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save to the vault"}</Button>
    </form>
  );
}
