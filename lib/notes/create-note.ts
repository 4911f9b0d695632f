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
import { layoutFromPracticeTemplate } from "./practice-template-rules";
import { newNoteSchema } from "./schema";

export async function createNote(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { template: choice, kind, sessionDate, appointmentId } = newNoteSchema.parse(input);
  const id = randomUUID();
  const key = await notesDataKey(access.client.id);
  return db()
    .$transaction(async (tx) => {
    // A practice template's note is stored as FREE with its own copy of the template's layout.
    let practice: { id: string; layout: ReturnType<typeof layoutFromPracticeTemplate> } | null = null;
    if ("practiceTemplateId" in choice) {
      const row = await tx.practiceNoteTemplate.findFirst({ where: { id: choice.practiceTemplateId, practiceId: actor.practiceId, archivedAt: null } });
      if (!row) throw notFound("That template");
      practice = { id: row.id, layout: layoutFromPracticeTemplate(row) };
      if (practice.layout.sections.length === 0) throw notFound("That template");
    }
    const template = "builtIn" in choice ? choice.builtIn : "FREE";
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
        practiceTemplateId: practice?.id ?? null,
        layout: practice ? { name: practice.layout.name, sections: practice.layout.sections.map((s) => ({ ...s })) } : undefined,
        contentEnc: new Uint8Array(sealWith(key, contentJson(practice?.layout ?? template, {}), noteAad(id))),
      },
    });
    await recordAudit(tx, { ...noteAuditBase(actor, context, id), action: "note.created", outcome: "SUCCESS", details: { client: access.client.code, kind, template, appointment: appointmentId ?? null, practiceTemplate: practice?.id ?? null } });
    return note;
  })
    .catch((error: unknown) => {
      // Two starts from one appointment at once: the second meets the one-note-per-appointment rule.
      if (appointmentId && (error as { code?: string }).code === "P2002") throw new AppError("appointment_has_note", "That appointment already has its note; open it from the appointment.", 409);
      throw error;
    });
}
