import type { NoteView } from "./open-for-reading";

// What may be done with a note as it stands, asked by the note screen (the operations in
// lib/notes refuse the same cases with their own messages).

/** A draft is edited by its author alone; a signed or discarded note never changes. */
export const noteIsEditable = (note: Pick<NoteView, "status" | "mine" | "discardedAt">) => note.status === "DRAFT" && note.mine && note.discardedAt === null;

/** Clinical notes are signed; process notes stay private working notes and never are. */
export const noteIsSignable = (note: Pick<NoteView, "kind">) => note.kind === "CLINICAL";

/** Addenda are for signed notes (a draft is edited instead). */
export const noteTakesAddenda = (note: Pick<NoteView, "status">) => note.status === "SIGNED";

/** Only its author discards a draft, and only while it is an unsigned draft. */
export const noteIsDiscardable = noteIsEditable;

/**
 * Whether discarding keeps the draft as history: yes once it (or any saved version of it) held
 * text, so no written words are ever destroyed; an empty draft is simply removed.
 */
export const discardKeepsHistory = (note: { wordCount: number }, versions: { wordCount: number }[]) =>
  note.wordCount > 0 || versions.some((v) => v.wordCount > 0);
