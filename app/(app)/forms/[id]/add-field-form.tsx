"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select, Textarea } from "@/components/ui/field";
import { addFieldAction, type FieldFormState } from "../actions";

const initial: FieldFormState = { error: null, values: {} };

/** Adds a question to the draft. Works without JavaScript; on a problem, what was typed stays. */
export function AddFieldForm({ formId, kinds, homes }: { formId: string; kinds: [string, string][]; homes: [string, string][] }) {
  const [state, action, pending] = useActionState(addFieldAction, initial);
  const v: Record<string, string> = { kind: "short_text", home: "clinical", label: "", help: "", options: "", statement: "", required: "", ...state.values };
  return (
    <form action={action} className="space-y-4" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <input type="hidden" name="formId" value={formId} />
      <Select label="Kind of question" name="kind" defaultValue={v.kind}>
        {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </Select>
      <Select label="Where the answer is kept" name="home" defaultValue={v.home} hint="Names, dates of birth and contact details belong in the identity vault, never in the clinical record.">
        {homes.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </Select>
      <Input label="Question" name="label" required maxLength={200} defaultValue={v.label} />
      <Input label="Hint (optional)" name="help" maxLength={500} defaultValue={v.help} />
      <Textarea label="Choices (for a choice question, one per line)" name="options" rows={3} defaultValue={v.options} />
      <Textarea label="Consent statement (for a consent question)" name="statement" rows={4} maxLength={4000} defaultValue={v.statement} hint="The client ticks that they agree and types their name as a signature." />
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="required" className="size-4" defaultChecked={v.required === "on"} /> The client must answer this
      </label>
      <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add question"}</Button>
    </form>
  );
}
