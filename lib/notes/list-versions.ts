import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { findNote, memberNames, noteAuditBase } from "./load-note";

/** A note's versions (who, when, size); opening the list is audited. */
export async function listVersions(actor: Actor, code: string, noteId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  const versions = await db().noteVersion.findMany({
    where: { noteId: note.id },
    orderBy: { number: "desc" },
    select: { number: true, savedById: true, startedAt: true, savedAt: true, wordCount: true },
  });
  const names = await memberNames(versions.map((v) => v.savedById));
  await recordAudit(db(), { ...noteAuditBase(actor, context, note.id), action: "note.history_viewed", outcome: "SUCCESS", details: { client: access.client.code, versions: versions.length } });
  return { note, versions: versions.map((v) => ({ ...v, savedByName: names.get(v.savedById) ?? "Former member" })) };
}
