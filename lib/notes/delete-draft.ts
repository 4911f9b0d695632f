import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { assertEditable, lockNote, noteAuditBase } from "./load-note";

/** Deletes the author's own unsigned draft (e.g. started by mistake). */
export async function deleteDraft(actor: Actor, code: string, noteId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  await db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    await tx.note.delete({ where: { id: note.id } });
    await recordAudit(tx, { ...noteAuditBase(actor, context, note.id), action: "note.deleted", outcome: "SUCCESS", details: { client: access.client.code, words: note.wordCount } });
  });
}
