import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { addendumAad, sha256 } from "./content";
import { notesDataKey } from "./keys";
import { lockNote, noteAuditBase } from "./load-note";
import { addendumSchema } from "./schema";

/** Adds a signed, unchangeable addendum to a signed clinical note. */
export async function addAddendum(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { text } = addendumSchema.parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    if (note.status !== "SIGNED") throw new AppError("not_signed", "Addenda are for signed notes. Edit the draft instead.", 409);
    const id = randomUUID();
    const contentHash = sha256(text);
    await tx.noteAddendum.create({
      data: { id, noteId: note.id, authorId: actor.membershipId, contentEnc: new Uint8Array(sealWith(key, text, addendumAad(id))), contentHash: new Uint8Array(contentHash) },
    });
    await recordAudit(tx, { ...noteAuditBase(actor, context, note.id), action: "note.addendum_added", outcome: "SUCCESS", details: { client: access.client.code, addendum: id, sha256: contentHash.toString("hex") } });
    return { id };
  });
}
