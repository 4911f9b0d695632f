"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { formText, formTexts } from "@/lib/entry/form";
import { setPracticeDetails } from "@/lib/practice/conventions";
import { setIdleTimeout, setManagersMayRevealContact, setReminderSettings, setTwoFactorPolicy } from "@/lib/practice/settings";
import { setRetentionPolicy } from "@/lib/retention/review";

// Every practice-wide setting is changed here, by owners only (the role check is the entry's,
// and each lib operation checks again); lib/practice and lib/retention audit each change.

const PAGE = "/settings/practice";
const OWNERS = ["OWNER"] as const;
const at = (section: string) => () => `${PAGE}#${section}`;

export type DetailsState = { error: string | null; values?: Record<"name" | "timeZone" | "currency" | "locale", string> };
const DETAIL_KEYS = ["name", "timeZone", "currency", "locale"] as const;

export const savePracticeDetailsAction = memberAction(
  { roles: OWNERS, failure: (message, formData): DetailsState => ({ error: message, values: formTexts(formData, DETAIL_KEYS) }) },
  async ({ actor, audit }, _prev: DetailsState, formData: FormData): Promise<DetailsState> => {
    const { changed } = await setPracticeDetails(actor, formTexts(formData, DETAIL_KEYS), audit);
    await flash(changed.length ? "Saved. Times, money and dates now follow these settings." : "Saved. Nothing changed; the time zone and currency are confirmed.");
    redirect(PAGE);
  },
);

export const setIdleTimeoutAction = memberAction({ roles: OWNERS, back: at("security-heading") }, async ({ actor, audit }, formData: FormData) => {
  await setIdleTimeout(actor, { idleTimeoutMinutes: formData.get("idleTimeoutMinutes") }, audit);
  return "Saved. Screens now lock after that much inactivity.";
});

export const setTwoFactorPolicyAction = memberAction({ roles: OWNERS, back: at("mfa-policy-heading") }, async ({ actor, audit }, formData: FormData) => {
  const requireTwoFactor = formData.get("requireTwoFactor") === "on";
  await setTwoFactorPolicy(actor, { requireTwoFactor, reason: formText(formData, "reason") }, audit);
  return requireTwoFactor ? "Saved. Every member now needs a second factor." : "Saved. A second factor is now optional; your reason is on record.";
});

export const setManagersRevealAction = memberAction({ roles: OWNERS, back: at("reveal-policy-heading") }, async ({ actor, audit }, formData: FormData) => {
  const allowed = formData.get("allowed") === "on";
  await setManagersMayRevealContact(actor, { allowed }, audit);
  return allowed ? "Saved. Practice managers can reveal contact details, giving a reason each time." : "Saved. Practice managers can no longer reveal contact details.";
});

export const setRetentionPolicyAction = memberAction({ roles: OWNERS, back: at("retention-heading") }, async ({ actor, audit }, formData: FormData) => {
  await setRetentionPolicy(actor, formTexts(formData, ["retentionYears", "retentionMinorUntilAge", "reason"]), audit);
  return "Retention policy saved, with your reason on record.";
});

export type ReminderSettingsState = { error: string | null; values?: { remindersEnabled: boolean; reminderHoursBefore: string } };

const typedReminders = (formData: FormData) => ({ remindersEnabled: formData.get("remindersEnabled") === "on", reminderHoursBefore: formText(formData, "reminderHoursBefore") });

export const saveReminderSettingsAction = memberAction(
  { roles: OWNERS, failure: (message, formData): ReminderSettingsState => ({ error: message, values: typedReminders(formData) }) },
  async ({ actor, audit }, _prev: ReminderSettingsState, formData: FormData): Promise<ReminderSettingsState> => {
    const values = typedReminders(formData);
    await setReminderSettings(actor, values, audit);
    await flash(values.remindersEnabled ? `Saved. Clients who opted in get a reminder ${values.reminderHoursBefore} hours before each appointment.` : "Saved. The practice sends no reminder emails.");
    redirect(`${PAGE}#reminders-heading`);
  },
);
