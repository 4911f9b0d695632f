import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { contentJson, noteAad } from "./content";
import { notesDataKey } from "./keys";
import { noteAuditBase } from "./load-note";
import { newNoteSchema } from "./schema";

export async function createNote(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { template, kind, sessionDate, appointmentId } = newNoteSchema.parse(input);
  const id = randomUUID();
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    if (appointmentId) {
      const appointment = await tx.appointment.findFirst({ where: { id: appointmentId, clientId: access.client.id }, select: { note: { select: { id: true } } } });
      if (!appointment) throw notFound("That appointment");
      if (appointment.note || kind !== "CLINICAL") throw new AppError("appointment_has_note", "That appointment already has its note; open it from the appointment.", 409);
    }
    const note = await tx.note.create({
      data: {
        id,
        practiceId: actor.practiceId,
        clientId: access.client.id,
        authorId: actor.membershipId,
        kind,
        template,
        sessionDate: new Date(`${sessionDate}T00:00:00Z`),
        appointmentId: appointmentId ?? null,
        contentEnc: new Uint8Array(sealWith(key, contentJson(template, {}), noteAad(id))),
      },
    });
    await recordAudit(tx, { ...noteAuditBase(actor, context, id), action: "note.created", outcome: "SUCCESS", details: { client: access.client.code, kind, template, appointment: appointmentId ?? null } });
    return note;
  });
}
