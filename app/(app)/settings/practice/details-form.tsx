"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input, Select } from "@/components/ui/field";
import { savePracticeDetailsAction, type DetailsState } from "./actions";

type Option = { value: string; label: string };

export function PracticeDetailsForm({ current, timeZones, currencies, locales, confirmed }: {
  current: { name: string; timeZone: string; currency: string; locale: string };
  timeZones: readonly string[];
  currencies: Option[];
  locales: Option[];
  confirmed: boolean;
}) {
  const [state, action, pending] = useActionState<DetailsState, FormData>(savePracticeDetailsAction, { error: null });
  const values = state.values ?? current;
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" key={JSON.stringify(state.values ?? null)}>
      <FormError message={state.error} />
      <Input label="Practice name" name="name" required minLength={2} maxLength={100} defaultValue={values.name} hint="Shown to members, in reminder emails and in the client portal." />
      <div className="grid max-w-xl gap-4">
        <Select label="Time zone" name="timeZone" defaultValue={values.timeZone} hint="Appointments, reminders and dates follow this clock.">
          {timeZones.map((z) => <option key={z} value={z}>{z.replaceAll("_", " ")}</option>)}
        </Select>
        <Select label="Currency" name="currency" defaultValue={values.currency} hint="Fees, billing and statements.">
          {currencies.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </Select>
        <Select label="Money and date format" name="locale" defaultValue={values.locale} hint="How amounts and dates are written.">
          {locales.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        </Select>
      </div>
      <Button type="submit" disabled={pending}>{confirmed ? "Save practice details" : "Confirm and save"}</Button>
    </form>
  );
}
