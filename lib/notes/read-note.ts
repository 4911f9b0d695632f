import "server-only";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { findNote } from "./load-note";
import { openForReading, type NoteView } from "./open-for-reading";

/** Decrypts a note and its addenda for reading; the read is audited. */
export async function readNote(actor: Actor, code: string, noteId: string, context: AuditContext): Promise<NoteView> {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  return openForReading(actor, access.client, note, context, {});
}
