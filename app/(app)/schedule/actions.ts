"use server";

import type { Route } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formatClientCode } from "@/lib/clients/code";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { bookAppointments } from "@/lib/schedule/book";
import { cancelAppointment, completeAppointment, moveAppointment, setPayment } from "@/lib/schedule/change";
import { enableFeed, revokeFeed } from "@/lib/schedule/feed";
import { moveToSlot } from "@/lib/schedule/move-to-slot";
import { markPastAttended } from "@/lib/schedule/past-scheduled";
import { appointmentNote } from "@/lib/schedule/note-link";
import { formText } from "@/lib/entry/form";

const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")).map(([k, v]) => [k, String(v)]));
/** Back to the appointment's own page (its id is in the form). */
const onAppointment = (formData: FormData) => `/schedule/${formText(formData, "id")}`;
const following = (formData: FormData) => formText(formData, "scope") === "FOLLOWING";

export type BookingState = { error: string | null; values: Record<string, string> };

export const bookAction = memberAction(
  { failure: (message, formData): BookingState => ({ error: message, values: fields(formData) }) },
  async ({ actor, audit }, _prev: BookingState, formData: FormData): Promise<BookingState> => {
    const values = fields(formData);
    const booked = await bookAppointments(actor, values, audit);
    await flash(booked.ids.length > 1 ? `${booked.ids.length} appointments booked for ${formatClientCode(booked.clientCode)}.` : `Appointment booked for ${formatClientCode(booked.clientCode)}.`);
    redirect(`/schedule?view=week&date=${values.date}` as Route);
  },
);

export const moveAction = memberAction({ back: onAppointment }, async ({ actor, audit }, formData: FormData) => {
  await moveAppointment(actor, formText(formData, "id"), fields(formData), audit);
  return following(formData) ? "This and the following appointments moved." : "Appointment moved.";
});

export type SlotMoveState = { ok: boolean; message: string };

/** Dropping an appointment on a calendar slot (the drag enhancement): the same move, one occurrence. */
export const moveToSlotAction = memberAction(
  { failure: (message): SlotMoveState => ({ ok: false, message }) },
  async ({ actor, audit }, input: unknown): Promise<SlotMoveState> => {
    const moved = await moveToSlot(actor, input, audit);
    revalidatePath("/schedule");
    return { ok: true, message: `Appointment for ${formatClientCode(moved.code)} moved to ${moved.to.date} at ${moved.to.time}.` };
  },
);

/** The past-but-scheduled list: mark the ticked ones attended, all or none. */
export const markPastAttendedAction = memberAction({ back: () => "/schedule/outcomes" }, async ({ actor, audit }, formData: FormData) => {
  const { count } = await markPastAttended(actor, { ids: formData.getAll("ids").map(String) }, audit);
  return count === 1 ? "1 appointment marked attended." : `${count} appointments marked attended.`;
});

export const cancelAction = memberAction({ back: onAppointment }, async ({ actor, audit }, formData: FormData) => {
  await cancelAppointment(actor, formText(formData, "id"), fields(formData), audit);
  return following(formData) ? "This and the following appointments cancelled." : "Appointment cancelled.";
});

export const completeAction = memberAction({ back: onAppointment }, async ({ actor, audit }, formData: FormData) => {
  await completeAppointment(actor, formText(formData, "id"), fields(formData), audit);
  return "Outcome recorded.";
});

/** From the appointment page or the billing list (which names itself in `back`). */
export const paymentAction = memberAction(
  { back: (formData) => (formText(formData, "back").startsWith("/schedule/billing") ? formText(formData, "back") : onAppointment(formData)) },
  async ({ actor, audit }, formData: FormData) => {
    await setPayment(actor, formText(formData, "id"), fields(formData), audit);
    return "Payment updated.";
  },
);

export const openNoteAction = memberAction({ back: onAppointment }, async ({ actor, audit }, formData: FormData) => {
  const { clientCode, noteId } = await appointmentNote(actor, formText(formData, "id"), formText(formData, "template") || null, audit);
  redirect(`/clients/${formatClientCode(clientCode)}/notes/${noteId}` as Route);
});

export type FeedState = { token: string | null; error?: string | null };

export const enableFeedAction = memberAction({ failure: (message): FeedState => ({ token: null, error: message }) }, async ({ actor, audit }): Promise<FeedState> => {
  const token = await enableFeed(actor, audit);
  revalidatePath("/schedule/feed");
  return { token };
});

export const revokeFeedAction = memberAction({ back: () => "/schedule/feed" }, async ({ actor, audit }) => {
  await revokeFeed(actor, audit);
  return "Calendar feed turned off. Its link no longer works.";
});
