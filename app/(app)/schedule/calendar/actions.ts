"use server";

import { redirect } from "next/navigation";
import { bookEvent, dismissEvent, keepEventBusy, restoreEvent } from "@/lib/calendar-import/decide";
import { connectCalendar, disconnectCalendar, setScheduledSync, syncCalendar } from "@/lib/calendar-import/sync";
import { formatClientCode } from "@/lib/clients/code";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { formText } from "@/lib/entry/form";

const PAGE = "/schedule/calendar";
const here = () => PAGE;
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const keepTyped = (message: string, formData: FormData): CalendarFormState => ({ error: message, values: fields(formData) });

export type CalendarFormState = { error: string | null; values: Record<string, string> };

export const connectAction = memberAction({ failure: keepTyped }, async ({ actor, audit }, _prev: CalendarFormState, formData: FormData): Promise<CalendarFormState> => {
  const { added } = await connectCalendar(actor, fields(formData), audit);
  await flash(`Calendar connected: ${plural(added, "event")} in the next 90 days (and the last 14) to look at.`);
  redirect(PAGE);
});

export const syncAction = memberAction({ back: here }, async ({ actor, audit }) => {
  const c = await syncCalendar(actor, audit);
  return `Calendar synced: ${c.added} new, ${c.updated} changed, ${c.removed} gone.`;
});

export const scheduleAction = memberAction({ back: here }, async ({ actor, audit }, formData: FormData) => {
  const on = formText(formData, "on") === "true";
  await setScheduledSync(actor, on, audit);
  return on ? "Scheduled sync switched on." : "Scheduled sync switched off.";
});

export const disconnectAction = memberAction({ back: here }, async ({ actor, audit }) => {
  await disconnectCalendar(actor, audit);
  return "Calendar disconnected. Its address and its events are deleted; appointments you booked from it stay.";
});

export const keepBusyAction = memberAction({ back: here }, async ({ actor, audit }, formData: FormData) => {
  await keepEventBusy(actor, formText(formData, "id"), audit);
  return "Kept as busy time. Others see it as \u201cBusy (external)\u201d in your schedule.";
});

export const dismissAction = memberAction({ back: here }, async ({ actor, audit }, formData: FormData) => {
  await dismissEvent(actor, formText(formData, "id"), audit);
  return "Event dismissed.";
});

export const restoreAction = memberAction({ back: here }, async ({ actor, audit }, formData: FormData) => {
  await restoreEvent(actor, formText(formData, "id"), audit);
  return "Event brought back to decide.";
});

export const bookEventAction = memberAction({ failure: keepTyped }, async ({ actor, audit }, _prev: CalendarFormState, formData: FormData): Promise<CalendarFormState> => {
  const values = fields(formData);
  const { clientCode } = await bookEvent(actor, values.id ?? "", values, audit);
  await flash(`Appointment booked for ${formatClientCode(clientCode)}.`);
  redirect(PAGE);
});
