"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Textarea } from "@/components/ui/field";
import type { FormField } from "@/lib/forms/schema";
import { saveFormPageAction, type PortalFormPageState } from "../actions";

const initial: PortalFormPageState = { error: null };

/** One page of a form, phone first. Works without JavaScript; a refused answer keeps what was typed. */
export function FormPage({ formId, page, fields, answers, consents, first }: { formId: string; page: number; fields: (FormField & { number: number })[]; answers: Record<string, string>; consents: Record<string, boolean>; first: number }) {
  const [state, action, pending] = useActionState(saveFormPageAction, initial);
  const value = (id: string) => state.values?.[id] ?? answers[id] ?? "";
  return (
    <form action={action} className="space-y-6" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="page" value={page} />
      {fields.map((f) => {
        const label = `${f.number}. ${f.label}${f.required ? "" : " (optional)"}`;
        const hint = f.help || undefined;
        switch (f.kind) {
          case "long_text":
            return <Textarea key={f.id} label={label} hint={hint} name={f.id} rows={5} maxLength={5000} defaultValue={value(f.id)} />;
          case "date":
            return <Input key={f.id} label={label} hint={hint ?? "Pick the date, or type the day, month and year."} name={f.id} type="date" defaultValue={value(f.id)} className="max-w-56" />;
          case "choice":
          case "yes_no": {
            const options = f.kind === "choice" ? f.options.map((o) => [o, o]) : [["yes", "Yes"], ["no", "No"]];
            return (
              <fieldset key={f.id} className="space-y-2">
                <legend className="text-sm font-medium text-ink">{label}</legend>
                {hint ? <p className="text-sm text-muted">{hint}</p> : null}
                {options.map(([v, text]) => (
                  <label key={v} className="flex min-h-11 items-center gap-3 rounded-md border border-slate-200 bg-white px-3">
                    <input type="radio" name={f.id} value={v} defaultChecked={value(f.id) === v} className="size-5" /> {text}
                  </label>
                ))}
              </fieldset>
            );
          }
          case "consent":
            return (
              <fieldset key={f.id} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
                <legend className="px-1 text-sm font-medium text-ink">{label}</legend>
                <p className="whitespace-pre-wrap">{f.statement}</p>
                <label className="flex min-h-11 items-center gap-3">
                  <input type="checkbox" name={`${f.id}__agree`} defaultChecked={state.values ? state.values[`${f.id}__agree`] === "on" : consents[f.id] === true} className="size-5" /> I agree
                </label>
                <Input label="Type your full name to sign" name={f.id} autoComplete="name" maxLength={200} defaultValue={value(f.id)} />
              </fieldset>
            );
          default:
            return <Input key={f.id} label={label} hint={hint} name={f.id} maxLength={200} defaultValue={value(f.id)} autoComplete={f.identity === "fullName" ? "name" : f.identity === "email" ? "email" : f.identity === "phone" ? "tel" : undefined} />;
        }
      })}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button type="submit" className="w-full sm:w-auto" disabled={pending}>{pending ? "Saving…" : "Save and continue"}</Button>
        <Button type="submit" name="leave" value="1" variant="secondary" className="w-full sm:w-auto" disabled={pending}>Save and finish later</Button>
      </div>
      <p className="text-sm text-muted">{fields.length === 1 ? `Question ${first}` : `Questions ${first} to ${first + fields.length - 1}`}. Your answers are saved each time you press a button, so you can stop and come back.</p>
    </form>
  );
}
