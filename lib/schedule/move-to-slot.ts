import "server-only";
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findAppointmentFor, practiceTimeZone } from "./access";
import { moveAppointment } from "./change";
import { toLocal } from "./time";

// Dropping an appointment on another slot of the calendar: the same move as the appointment's
// Move form (same checks, lock, conflicts and audit), keeping its length and place; only this
// occurrence moves.

export const slotSchema = z.object({
  id: z.uuid({ message: "That appointment could not be found." }),
  date: z.iso.date({ message: "Choose a day on the calendar." }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a time on the calendar."),
});

export async function moveToSlot(actor: Actor, input: unknown, context: AuditContext) {
  const slot = slotSchema.parse(input);
  const appointment = await findAppointmentFor(actor, slot.id);
  const minutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
  await moveAppointment(actor, slot.id, { date: slot.date, time: slot.time, durationMinutes: minutes, room: appointment.room, onlineLink: appointment.onlineLink, scope: "ONE" }, context);
  const timeZone = await practiceTimeZone(actor.practiceId);
  return { code: appointment.client.code, from: toLocal(appointment.startsAt, timeZone), to: { date: slot.date, time: slot.time } };
}
