"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { setLabelAction, type LabelState } from "../actions";
import { LabelCheck } from "../label-check";

/** The client's working label: a label that looks like a name is checked before it is saved. */
export function LabelForm({ code, label }: { code: string; label: string }) {
  const [state, action, pending] = useActionState<LabelState, FormData>(setLabelAction, { error: null });
  return (
    <form action={action} className="space-y-2" key={`${state.label ?? ""}|${state.labelCheck ?? ""}`}>
      <FormError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Input label="Label" name="label" maxLength={60} defaultValue={state.label ?? label} hint="Never a name or initials." />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>Save</Button>
      </div>
      {state.labelCheck ? <LabelCheck warning={state.labelCheck} /> : null}
    </form>
  );
}
