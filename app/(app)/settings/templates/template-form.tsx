"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { MAX_NAME, MAX_PROMPT } from "@/lib/notes/practice-template-rules";
import { saveTemplateAction, type TemplateFormState } from "./actions";

/** A template's name and its section rows (blank rows are left out); keeps what was typed on a problem. */
export function TemplateForm({ id, initial, rows, submitLabel }: { id?: string; initial: Record<string, string>; rows: number; submitLabel: string }) {
  const [state, action, pending] = useActionState(saveTemplateAction, { error: null, values: initial } satisfies TemplateFormState);
  const v = state.values;
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <div className="max-w-sm">
        <Input label="Template name" name="name" defaultValue={v.name ?? ""} required maxLength={MAX_NAME} />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Sections, in order (leave a row empty to skip it)</legend>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
            <Input label={`Section ${i + 1} name`} name={`label-${i + 1}`} defaultValue={v[`label-${i + 1}`] ?? ""} maxLength={MAX_NAME} />
            <Input label={`Section ${i + 1} prompt (optional)`} name={`prompt-${i + 1}`} defaultValue={v[`prompt-${i + 1}`] ?? ""} maxLength={MAX_PROMPT} />
          </div>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
    </form>
  );
}
