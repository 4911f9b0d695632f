import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { createNote } from "@/lib/notes/create-note";
import { availablePracticeTemplates } from "@/lib/notes/manage-practice-templates";
import { choiceValue, defaultChoiceFor } from "@/lib/notes/practice-template-rules";
import { TEMPLATES, templateIds } from "@/lib/notes/templates";
import { findAppointmentFor, practiceTimeZone } from "./access";
import { toLocal } from "./time";

// An appointment's note. Only clinicians who may read the client's notes get here
// (findClientForNotes: a manager, or an owner not assigned, gets the same 404 as for any note).

/**
 * What starting an appointment's note offers: its existing note, or the template choice (the
 * built-ins and the practice's templates) with the appointment type's template chosen first.
 */
export async function appointmentNoteStart(actor: Actor, appointmentId: string, context: AuditContext) {
  const appointment = await findAppointmentFor(actor, appointmentId);
  await findClientForNotes(actor, appointment.client.code, context);
  const existing = await db().note.findUnique({ where: { appointmentId: appointment.id }, select: { id: true } });
  const [type, practiceTemplates, timeZone] = await Promise.all([
    db().practiceAppointmentType.findUniqueOrThrow({ where: { id: appointment.practiceTypeId }, select: { name: true, noteTemplate: true, noteTemplateId: true } }),
    availablePracticeTemplates(actor.practiceId),
    practiceTimeZone(actor.practiceId),
  ]);
  const local = toLocal(appointment.startsAt, timeZone);
  return {
    appointment: { id: appointment.id, clientCode: appointment.client.code, clientLabel: appointment.client.label, typeName: type.name, date: local.date, time: local.time },
    noteId: existing?.id ?? null,
    options: [
      ...templateIds.map((id) => ({ value: id, name: TEMPLATES[id].name, sections: TEMPLATES[id].sections.map((s) => s.label), practice: false })),
      ...practiceTemplates.map((t) => ({ value: t.id, name: t.name, sections: (t.sections as { label: string }[]).map((s) => s.label), practice: true })),
    ],
    defaultChoice: choiceValue(defaultChoiceFor(type, practiceTemplates)),
  };
}

/**
 * Opens the appointment's note, or starts it with `template` (a built-in id or a practice
 * template id; missing means the type's template) dated the appointment's local day. Two starts
 * at once end on the same note: the second finds the first.
 */
export async function appointmentNote(actor: Actor, appointmentId: string, template: string | null, context: AuditContext) {
  const start = await appointmentNoteStart(actor, appointmentId, context);
  const { clientCode, date } = start.appointment;
  if (start.noteId) return { clientCode, noteId: start.noteId, created: false };
  try {
    const note = await createNote(actor, clientCode, { template: template ?? start.defaultChoice, sessionDate: date, appointmentId }, context);
    return { clientCode, noteId: note.id, created: true };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "appointment_has_note")) throw error;
    const existing = await db().note.findUnique({ where: { appointmentId }, select: { id: true } });
    if (!existing) throw error;
    return { clientCode, noteId: existing.id, created: false };
  }
}
