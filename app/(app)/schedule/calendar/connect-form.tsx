"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { connectAction, type CalendarFormState } from "./actions";

const initial: CalendarFormState = { error: null, values: {} };

export function ConnectForm() {
  const [state, action, pending] = useActionState(connectAction, initial);
  return (
    <form action={action} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-4" key={JSON.stringify(state.values)}>
      <FormError message={state.error} />
      <Input
        label="Calendar's iCal address"
        name="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://… or webcal://…"
        defaultValue={state.values.url}
        required
        hint="In Google Calendar: Settings → your calendar → “Secret address in iCal format”. Other services call it an iCal, ICS or subscription link. It is stored encrypted and never shown again."
      />
      <Button type="submit" disabled={pending}>{pending ? "Reading the calendar…" : "Connect and sync"}</Button>
    </form>
  );
}
