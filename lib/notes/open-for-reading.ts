import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { Client, Note } from "@/lib/generated/prisma/client";
import { addendumAad, noteAad } from "./content";
import { notesDataKey } from "./keys";
import { memberNames, noteAuditBase } from "./load-note";
import { layoutOf, normaliseSections, type NoteLayout, type Sections, type TemplateId } from "./templates";

export interface NoteView {
  id: string;
  kind: Note["kind"];
  template: TemplateId;
  /** The sections it is written in (a built-in template, or its practice template's copy). */
  layout: NoteLayout;
  /** Set when its author discarded this draft (its versions stay in its history). */
  discardedAt: Date | null;
  sessionDate: string;
  status: Note["status"];
  revision: number;
  sections: Sections;
  wordCount: number;
  updatedAt: Date;
  mine: boolean;
  authorName: string;
  signedAt: Date | null;
  signedByName: string | null;
  contentHash: string | null;
  addenda: { id: string; authorName: string; createdAt: Date; text: string; contentHash: string }[];
}

/** Decrypts a note and its addenda for reading and records the read (with `why`, if any). */
export async function openForReading(actor: Actor, client: Client, note: Note, context: AuditContext, why: Record<string, string | null>): Promise<NoteView> {
  const key = await notesDataKey(client.id);
  const addenda = await db().noteAddendum.findMany({ where: { noteId: note.id }, orderBy: { createdAt: "asc" } });
  const names = await memberNames([note.authorId, ...(note.signedById ? [note.signedById] : []), ...addenda.map((a) => a.authorId)]);
  const { sections } = JSON.parse(openWith(key, note.contentEnc, noteAad(note.id))) as { sections: Sections };
  await recordAudit(db(), { ...noteAuditBase(actor, context, note.id), action: "note.read", outcome: "SUCCESS", details: { client: client.code, kind: note.kind, addenda: addenda.length, ...why } });
  return {
    id: note.id,
    kind: note.kind,
    template: note.template,
    layout: layoutOf(note),
    discardedAt: note.discardedAt,
    sessionDate: note.sessionDate.toISOString().slice(0, 10),
    status: note.status,
    revision: note.revision,
    sections: normaliseSections(layoutOf(note), sections),
    wordCount: note.wordCount,
    updatedAt: note.updatedAt,
    mine: note.authorId === actor.membershipId,
    authorName: names.get(note.authorId) ?? "Former member",
    signedAt: note.signedAt,
    signedByName: note.signedById ? (names.get(note.signedById) ?? "Former member") : null,
    contentHash: note.contentHash ? Buffer.from(note.contentHash).toString("hex") : null,
    addenda: addenda.map((a) => ({
      id: a.id,
      authorName: names.get(a.authorId) ?? "Former member",
      createdAt: a.createdAt,
      text: openWith(key, a.contentEnc, addendumAad(a.id)),
      contentHash: Buffer.from(a.contentHash).toString("hex"),
    })),
  };
}
