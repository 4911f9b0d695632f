import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { Note, Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/http/errors";

// What the note operations share: finding a note the actor may see, locking it for a write,
// the edit rule, the audit event's common fields and the names of the members involved.

// Session notes: encrypted under the client's notes data key and bound to their row; saved
// with optimistic concurrency (a save on an older revision is a conflict, never an overwrite);
// signed notes are locked (also by a database trigger) and take addenda; every saved state is
// kept as a version. Process notes are their author's alone.

export function noteAuditBase(actor: Actor, context: AuditContext, noteId: string) {
  return { practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "note", id: noteId }, context };
}

/** A note of this client the actor may see: clinical notes, or their own process notes. */
export async function findNote(actor: Actor, access: ClientAccess, noteId: string, tx: Prisma.TransactionClient | ReturnType<typeof db> = db()) {
  if (!z.uuid().safeParse(noteId).success) throw notFound("That note");
  const note = await tx.note.findUnique({ where: { id: noteId } });
  if (!note || note.clientId !== access.client.id) throw notFound("That note");
  if (note.kind === "PROCESS" && note.authorId !== actor.membershipId) throw notFound("That note");
  return note;
}

/** Locks the note row for the rest of the transaction (saves and signing serialise on it). */
export async function lockNote(tx: Prisma.TransactionClient, actor: Actor, access: ClientAccess, noteId: string) {
  const note = await findNote(actor, access, noteId, tx);
  await tx.$queryRaw`SELECT 1 FROM note WHERE id = ${note.id}::uuid FOR UPDATE`;
  // Re-read under the lock: a discard that committed meanwhile may have removed it.
  const locked = await tx.note.findUnique({ where: { id: note.id } });
  if (!locked) throw notFound("That note");
  return locked;
}

export function assertEditable(actor: Actor, note: Note) {
  if (note.status === "SIGNED") throw new AppError("note_signed", "This note is signed and can no longer be changed. Add an addendum instead.", 409);
  if (note.authorId !== actor.membershipId) throw new AppError("not_author", "Only the note's author can edit a draft.", 403);
  if (note.discardedAt) throw new AppError("note_discarded", "This draft was discarded. Its saved versions are in its history; start a new note instead.", 409);
}

export async function memberNames(ids: string[]) {
  const members = await db().membership.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, user: { select: { displayName: true } } } });
  return new Map(members.map((m) => [m.id, m.user.displayName]));
}
