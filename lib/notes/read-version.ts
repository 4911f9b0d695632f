import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { versionAad } from "./content";
import { notesDataKey } from "./keys";
import { findNote, memberNames, noteAuditBase } from "./load-note";
import { layoutOf, normaliseSections, type Sections } from "./templates";

/** One version's text and the one before it (to show what changed); audited. */
export async function readVersion(actor: Actor, code: string, noteId: string, number: number, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  const rows = await db().noteVersion.findMany({ where: { noteId: note.id, number: { in: [number, number - 1] } } });
  const current = rows.find((r) => r.number === number);
  if (!current) throw notFound("That version");
  const previous = rows.find((r) => r.number === number - 1) ?? null;
  const key = await notesDataKey(access.client.id);
  const open = (r: { id: string; contentEnc: Uint8Array }) =>
    normaliseSections(layoutOf(note), (JSON.parse(openWith(key, r.contentEnc, versionAad(r.id))) as { sections: Sections }).sections);
  const names = await memberNames([current.savedById]);
  await recordAudit(db(), { ...noteAuditBase(actor, context, note.id), action: "note.version_read", outcome: "SUCCESS", details: { client: access.client.code, version: number } });
  return {
    note,
    number,
    savedAt: current.savedAt,
    savedByName: names.get(current.savedById) ?? "Former member",
    sections: open(current),
    previous: previous ? open(previous) : null,
  };
}
