import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntityRows } from "./archive";
import { chunks, insertAppointments } from "./bulk";
import type { ImportMaps } from "./check-practice-import";

/**
 * Inserts the archive's note templates (beside this practice's own, names checked first), its
 * rooms (beside this practice's, and every room an appointment names, so the list holds them
 * all, as for an archive from before rooms were a list), its appointment types (replacing this
 * practice's unused ones), appointments and sent reminders.
 */
export async function restoreSchedule(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps) {
  const { member, clientIdOf, typeIdOf } = maps;
  if (rows.note_templates.length > 0) {
    await tx.practiceNoteTemplate.createMany({
      data: rows.note_templates.map((t) => ({
        id: t.id,
        practiceId,
        name: t.name,
        sections: t.sections,
        archivedAt: t.archivedAt ? new Date(t.archivedAt) : null,
        createdAt: new Date(t.createdAt),
        updatedAt: new Date(t.updatedAt),
      })),
    });
  }
  const rooms = new Map(rows.rooms.map((r) => [r.name, r]));
  for (const a of rows.appointments) if (a.room && !rooms.has(a.room)) rooms.set(a.room, { name: a.room, archivedAt: null, createdAt: a.createdAt });
  if (rooms.size > 0) {
    await tx.practiceRoom.createMany({
      data: [...rooms.values()].map((r) => ({ practiceId, name: r.name, archivedAt: r.archivedAt ? new Date(r.archivedAt) : null, createdAt: new Date(r.createdAt) })),
      skipDuplicates: true,
    });
  }
  if (rows.appointment_types.length > 0) {
    await tx.practiceAppointmentType.deleteMany({ where: { practiceId } });
    await tx.practiceAppointmentType.createMany({
      data: rows.appointment_types.map((t) => ({
        id: t.id,
        practiceId,
        name: t.name,
        category: t.category,
        durationMinutes: t.durationMinutes,
        feePence: t.feePence,
        position: t.position,
        archivedAt: t.archivedAt ? new Date(t.archivedAt) : null,
        createdAt: new Date(t.createdAt),
        noteTemplate: t.noteTemplate,
        noteTemplateId: t.noteTemplateId,
      })),
    });
  }
  await insertAppointments(
    tx,
    rows.appointments.map((a) => ({
      id: a.id,
      practiceId,
      clientId: clientIdOf.get(a.clientCode)!,
      clinicianId: member(a.clinicianId),
      seriesId: a.seriesId,
      startsAt: new Date(a.startsAt),
      endsAt: new Date(a.endsAt),
      type: a.type,
      practiceTypeId: typeIdOf(a)!,
      room: a.room,
      onlineLink: a.onlineLink,
      status: a.status,
      feePence: a.feePence,
      paymentState: a.paymentState,
      paidAt: a.paidAt ? new Date(a.paidAt) : null,
      createdById: member(a.createdById),
      createdAt: new Date(a.createdAt),
      updatedAt: new Date(a.updatedAt),
    })),
  );
  // Reminders already sent stay sent: the restored schedule never emails them again.
  const reminded = rows.appointments.filter((a) => a.reminderSentAt !== null);
  for (const part of chunks(reminded)) {
    await tx.appointmentReminder.createMany({
      data: part.map((a) => ({ appointmentId: a.id, practiceId, status: "SENT" as const, claimedAt: new Date(a.reminderSentAt!), sentAt: new Date(a.reminderSentAt!) })),
    });
  }
}
