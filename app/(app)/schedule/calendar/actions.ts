"use server";

import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { bookEvent, dismissEvent, keepEventBusy, restoreEvent } from "@/lib/calendar-import/decide";
import { connectCalendar, disconnectCalendar, setScheduledSync, syncCalendar } from "@/lib/calendar-import/sync";
import { formatClientCode } from "@/lib/clients/code";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";

const PAGE = "/schedule/calendar";
const text = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export type CalendarFormState = { error: string | null; values: Record<string, string> };

export async function connectAction(_prev: CalendarFormState, formData: FormData): Promise<CalendarFormState> {
  const actor = await requireActor();
  const values = fields(formData);
  let added: number;
  try {
    ({ added } = await connectCalendar(actor, values, await requestAuditContext()));
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(`Calendar connected: ${plural(added, "event")} in the next 90 days (and the last 14) to look at.`);
  redirect(PAGE);
}

/** Runs a change from a plain button form, reporting the outcome as a flash. */
async function run(operation: () => Promise<string>) {
  try {
    await flash(await operation());
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect(PAGE);
}

export async function syncAction() {
  const actor = await requireActor();
  await run(async () => {
    const c = await syncCalendar(actor, await requestAuditContext());
    return `Calendar synced: ${c.added} new, ${c.updated} changed, ${c.removed} gone.`;
  });
}

export async function scheduleAction(formData: FormData) {
  const actor = await requireActor();
  const on = text(formData, "on") === "true";
  await run(async () => {
    await setScheduledSync(actor, on, await requestAuditContext());
    return on ? "Scheduled sync switched on." : "Scheduled sync switched off.";
  });
}

export async function disconnectAction() {
  const actor = await requireActor();
  await run(async () => {
    await disconnectCalendar(actor, await requestAuditContext());
    return "Calendar disconnected. Its address and its events are deleted; appointments you booked from it stay.";
  });
}

export async function keepBusyAction(formData: FormData) {
  const actor = await requireActor();
  await run(async () => {
    await keepEventBusy(actor, text(formData, "id"), await requestAuditContext());
    return "Kept as busy time. Others see it as \u201cBusy (external)\u201d in your schedule.";
  });
}

export async function dismissAction(formData: FormData) {
  const actor = await requireActor();
  await run(async () => {
    await dismissEvent(actor, text(formData, "id"), await requestAuditContext());
    return "Event dismissed.";
  });
}

export async function restoreAction(formData: FormData) {
  const actor = await requireActor();
  await run(async () => {
    await restoreEvent(actor, text(formData, "id"), await requestAuditContext());
    return "Event brought back to decide.";
  });
}

export async function bookEventAction(_prev: CalendarFormState, formData: FormData): Promise<CalendarFormState> {
  const actor = await requireActor();
  const values = fields(formData);
  let code: string;
  try {
    ({ clientCode: code } = await bookEvent(actor, values.id ?? "", values, await requestAuditContext()));
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(`Appointment booked for ${formatClientCode(code)}.`);
  redirect(PAGE);
}
