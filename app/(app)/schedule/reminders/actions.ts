"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { setReminderSettings } from "@/lib/practice/settings";

export type ReminderSettingsState = { error: string | null; values?: { remindersEnabled: boolean; reminderHoursBefore: string } };

const typed = (formData: FormData) => ({ remindersEnabled: formData.get("remindersEnabled") === "on", reminderHoursBefore: String(formData.get("reminderHoursBefore") ?? "") });

export const saveReminderSettingsAction = memberAction(
  { failure: (message, formData): ReminderSettingsState => ({ error: message, values: typed(formData) }) },
  async ({ actor, audit }, _prev: ReminderSettingsState, formData: FormData): Promise<ReminderSettingsState> => {
    const values = typed(formData);
    await setReminderSettings(actor, values, audit);
    await flash(values.remindersEnabled ? `Saved. Clients who opted in get a reminder ${values.reminderHoursBefore} hours before each appointment.` : "Saved. The practice sends no reminder emails.");
    redirect("/schedule/reminders");
  },
);
