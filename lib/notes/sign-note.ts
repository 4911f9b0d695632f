import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { noteAad, sha256 } from "./content";
import { notesDataKey } from "./keys";
import { assertEditable, lockNote, noteAuditBase } from "./load-note";
import { signSchema } from "./schema";

/** Signs and locks a draft as it stands at `baseRevision`: signed by, at, and content hash. */
export async function signNote(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { baseRevision } = signSchema.parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    if (note.kind !== "CLINICAL") throw new AppError("process_note", "Process notes are private working notes and are not signed.", 400);
    if (note.revision !== baseRevision) {
      throw new AppError("stale", "The note changed since you opened it. Reload to see the latest text before signing.", 409);
    }
    if (note.wordCount === 0) throw new AppError("empty", "Write the note before signing it.", 400);
    const json = openWith(key, note.contentEnc, noteAad(note.id));
    const canonical = JSON.stringify({ template: note.template, sessionDate: note.sessionDate.toISOString().slice(0, 10), content: JSON.parse(json) });
    const contentHash = sha256(canonical);
    const signedAt = new Date();
    await tx.note.update({ where: { id: note.id }, data: { status: "SIGNED", signedAt, signedById: actor.membershipId, contentHash: new Uint8Array(contentHash) } });
    await recordAudit(tx, { ...noteAuditBase(actor, context, note.id), action: "note.signed", outcome: "SUCCESS", details: { client: access.client.code, revision: note.revision, sha256: contentHash.toString("hex") } });
    return { signedAt, contentHash: contentHash.toString("hex") };
  });
}
