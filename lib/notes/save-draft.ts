import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { openWith, sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { Note, Prisma } from "@/lib/generated/prisma/client";
import { noteAad, versionAad } from "./content";
import { notesDataKey } from "./keys";
import { assertEditable, lockNote, memberNames, noteAuditBase } from "./load-note";
import { saveSchema } from "./schema";
import { countWords, layoutOf, normaliseSections } from "./templates";

/** Autosaves by the same author within this window extend the latest version. */
export const VERSION_COALESCE_MS = 10 * 60_000;

export type SaveResult =
  | { ok: true; revision: number; savedAt: Date; wordCount: number }
  | { ok: false; conflict: { revision: number; savedAt: Date; savedByName: string } };

/**
 * Saves a draft based on `baseRevision`. If the note moved on since (another tab, another
 * device), nothing is written and the caller learns who saved when: a conflict, not an
 * overwrite.
 */
export async function saveDraft(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext): Promise<SaveResult> {
  const access = await findClientForNotes(actor, code, context);
  const { baseRevision, sections } = saveSchema.parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    const audit = noteAuditBase(actor, context, note.id);
    if (note.revision === baseRevision + 1 && (await isReplayOfLastSave(tx, actor, note, key, sections))) {
      // The same save again (its answer was lost: the app restarted or the connection dropped
      // after the commit): already saved and audited, so no second version and no conflict.
      return { ok: true as const, revision: note.revision, savedAt: note.updatedAt, wordCount: note.wordCount };
    }
    if (note.revision !== baseRevision) {
      await recordAudit(tx, { ...audit, action: "note.save_conflict", outcome: "DENIED", details: { client: access.client.code, baseRevision, revision: note.revision } });
      const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" } });
      const names = await memberNames([latest?.savedById ?? note.authorId]);
      return { ok: false as const, conflict: { revision: note.revision, savedAt: note.updatedAt, savedByName: names.get(latest?.savedById ?? note.authorId) ?? "Someone" } };
    }
    const normalised = normaliseSections(layoutOf(note), sections);
    const json = JSON.stringify({ sections: normalised });
    const wordCount = countWords(normalised);
    const now = new Date();
    const revision = note.revision + 1;
    await tx.note.update({
      where: { id: note.id },
      data: { contentEnc: new Uint8Array(sealWith(key, json, noteAad(note.id))), revision, wordCount, updatedAt: now },
    });
    const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" } });
    let versionNumber: number;
    if (latest && latest.savedById === actor.membershipId && now.getTime() - latest.savedAt.getTime() < VERSION_COALESCE_MS) {
      await tx.noteVersion.update({
        where: { id: latest.id },
        data: { contentEnc: new Uint8Array(sealWith(key, json, versionAad(latest.id))), savedAt: now, wordCount },
      });
      versionNumber = latest.number;
    } else {
      const id = randomUUID();
      versionNumber = (latest?.number ?? 0) + 1;
      await tx.noteVersion.create({
        data: { id, noteId: note.id, number: versionNumber, savedById: actor.membershipId, startedAt: now, savedAt: now, wordCount, contentEnc: new Uint8Array(sealWith(key, json, versionAad(id))) },
      });
    }
    await recordAudit(tx, { ...audit, action: "note.saved", outcome: "SUCCESS", details: { client: access.client.code, revision, version: versionNumber, words: wordCount } });
    return { ok: true as const, revision, savedAt: now, wordCount };
  });
}

/** Whether `sections` are exactly what this member's last save stored (a retried save). */
async function isReplayOfLastSave(
  tx: Prisma.TransactionClient,
  actor: Actor,
  note: Pick<Note, "id" | "template" | "layout" | "contentEnc">,
  key: Uint8Array,
  sections: Record<string, string>,
): Promise<boolean> {
  const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" }, select: { savedById: true } });
  if (latest?.savedById !== actor.membershipId) return false;
  const stored = openWith(key, note.contentEnc, noteAad(note.id));
  return stored === JSON.stringify({ sections: normaliseSections(layoutOf(note), sections) });
}
