import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { assertEditable, lockNote, noteAuditBase } from "./load-note";
import { discardKeepsHistory } from "./note-rules";

/**
 * Discards the author's own unsigned draft (started by mistake, or for the wrong session).
 * A draft that never held text is removed outright; one that did is hidden from drafts and
 * lists and released from its appointment, its versions kept as its history. Signed notes and
 * other people's drafts are refused (assertEditable); saves, signing and discarding serialise
 * on the note's row lock, so a discard never races a save or a signature.
 */
export async function discardDraft(actor: Actor, code: string, noteId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    const versions = await tx.noteVersion.findMany({ where: { noteId: note.id }, select: { wordCount: true } });
    const kept = discardKeepsHistory(note, versions);
    if (kept) {
      await tx.note.update({ where: { id: note.id }, data: { discardedAt: new Date(), discardedById: actor.membershipId, appointmentId: null } });
    } else {
      await tx.note.delete({ where: { id: note.id } });
    }
    await recordAudit(tx, {
      ...noteAuditBase(actor, context, note.id),
      action: "note.discarded",
      outcome: "SUCCESS",
      details: { client: access.client.code, words: note.wordCount, versions: versions.length, kept, appointment: note.appointmentId },
    });
    return { kept };
  });
}
