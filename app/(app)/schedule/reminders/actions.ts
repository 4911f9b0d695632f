"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { setReminderSettings } from "@/lib/practice/settings";

export type ReminderSettingsState = { error: string | null; values?: { remindersEnabled: boolean; reminderHoursBefore: string } };

export async function saveReminderSettingsAction(_prev: ReminderSettingsState, formData: FormData): Promise<ReminderSettingsState> {
  const actor = await requireActor();
  const values = { remindersEnabled: formData.get("remindersEnabled") === "on", reminderHoursBefore: String(formData.get("reminderHoursBefore") ?? "") };
  try {
    await setReminderSettings(actor, values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(values.remindersEnabled ? `Saved. Clients who opted in get a reminder ${values.reminderHoursBefore} hours before each appointment.` : "Saved. The practice sends no reminder emails.");
  redirect("/schedule/reminders");
}
