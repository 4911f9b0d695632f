import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { createNote } from "@/lib/notes/create-note";
import { findAppointmentFor, practiceTimeZone } from "./access";
import { toLocal } from "./time";

/**
 * The note of an appointment: its existing note, or a new free-text one linked to it and dated
 * the appointment's local day. Only clinicians who may read the client's notes get here
 * (findClientForNotes: a manager gets the same 404 as for any note).
 */
export async function appointmentNote(actor: Actor, appointmentId: string, context: AuditContext) {
  const appointment = await findAppointmentFor(actor, appointmentId);
  await findClientForNotes(actor, appointment.client.code, context);
  const existing = await db().note.findUnique({ where: { appointmentId: appointment.id }, select: { id: true } });
  if (existing) return { clientCode: appointment.client.code, noteId: existing.id, created: false };
  const sessionDate = toLocal(appointment.startsAt, await practiceTimeZone(actor.practiceId)).date;
  const note = await createNote(actor, appointment.client.code, { template: "FREE", sessionDate, appointmentId: appointment.id }, context);
  return { clientCode: appointment.client.code, noteId: note.id, created: true };
}
