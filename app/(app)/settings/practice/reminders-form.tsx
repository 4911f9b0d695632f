"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { saveReminderSettingsAction, type ReminderSettingsState } from "./actions";

export function ReminderSettingsForm({ remindersEnabled, reminderHoursBefore }: { remindersEnabled: boolean; reminderHoursBefore: number }) {
  const [state, action, pending] = useActionState<ReminderSettingsState, FormData>(saveReminderSettingsAction, { error: null });
  const values = state.values ?? { remindersEnabled, reminderHoursBefore: String(reminderHoursBefore) };
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" key={JSON.stringify(state.values ?? null)}>
      <FormError message={state.error} />
      <label className="flex items-start gap-3">
        <input type="checkbox" name="remindersEnabled" defaultChecked={values.remindersEnabled} className="mt-1 size-4" />
        <span>
          <span className="font-medium text-ink">Send appointment reminder emails</span>
          <span className="block text-sm text-muted">Only to clients who opted in, in their portal or with their clinician.</span>
        </span>
      </label>
      <div className="w-56">
        <Input label="Hours before the appointment" name="reminderHoursBefore" type="number" min={1} max={168} required defaultValue={values.reminderHoursBefore} hint="Between 1 and 168. 24 means the same time the day before." />
      </div>
      <Button type="submit" disabled={pending}>Save reminder settings</Button>
    </form>
  );
}
