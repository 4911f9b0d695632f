"use server";

import type { Route } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { formatClientCode } from "@/lib/clients/code";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { bookAppointments } from "@/lib/schedule/book";
import { cancelAppointment, completeAppointment, moveAppointment, setPayment } from "@/lib/schedule/change";
import { enableFeed, revokeFeed } from "@/lib/schedule/feed";
import { appointmentNote } from "@/lib/schedule/note-link";

const text = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
const appointmentPath = (id: string) => `/schedule/${id}` as Route;

export type BookingState = { error: string | null; values: Record<string, string> };

export async function bookAction(_prev: BookingState, formData: FormData): Promise<BookingState> {
  const actor = await requireActor();
  const values = fields(formData);
  let booked;
  try {
    booked = await bookAppointments(actor, values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(booked.ids.length > 1 ? `${booked.ids.length} appointments booked for ${formatClientCode(booked.clientCode)}.` : `Appointment booked for ${formatClientCode(booked.clientCode)}.`);
  redirect(`/schedule?view=week&date=${values.date}` as Route);
}

/** Runs a change from a plain form on the appointment page, reporting the outcome as a flash. */
async function onAppointment(id: string, operation: () => Promise<unknown>, success: string) {
  try {
    await operation();
    await flash(success);
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect(appointmentPath(id));
}

export async function moveAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  const following = text(formData, "scope") === "FOLLOWING";
  await onAppointment(id, async () => moveAppointment(actor, id, fields(formData), await requestAuditContext()), following ? "This and the following appointments moved." : "Appointment moved.");
}

export async function cancelAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  const following = text(formData, "scope") === "FOLLOWING";
  await onAppointment(id, async () => cancelAppointment(actor, id, fields(formData), await requestAuditContext()), following ? "This and the following appointments cancelled." : "Appointment cancelled.");
}

export async function completeAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  await onAppointment(id, async () => completeAppointment(actor, id, fields(formData), await requestAuditContext()), "Outcome recorded.");
}

export async function paymentAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  const back = text(formData, "back");
  try {
    await setPayment(actor, id, fields(formData), await requestAuditContext());
    await flash("Payment updated.");
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect(back.startsWith("/schedule/billing") ? (back as Route) : appointmentPath(id));
}

export async function openNoteAction(formData: FormData) {
  const actor = await requireActor();
  const id = text(formData, "id");
  let target: Route;
  try {
    const { clientCode, noteId } = await appointmentNote(actor, id, await requestAuditContext());
    target = `/clients/${formatClientCode(clientCode)}/notes/${noteId}` as Route;
  } catch (error) {
    await flash(actionErrorMessage(error));
    target = appointmentPath(id);
  }
  redirect(target);
}

export type FeedState = { token: string | null };

export async function enableFeedAction(): Promise<FeedState> {
  const actor = await requireActor();
  const token = await enableFeed(actor, await requestAuditContext());
  revalidatePath("/schedule/feed");
  return { token };
}

export async function revokeFeedAction() {
  const actor = await requireActor();
  await revokeFeed(actor, await requestAuditContext());
  await flash("Calendar feed turned off. Its link no longer works.");
  redirect("/schedule/feed");
}
