import type { NoteView } from "./open-for-reading";

// What may be done with a note as it stands, asked by the note screen (the operations in
// lib/notes refuse the same cases with their own messages).

/** A draft is edited by its author alone; a signed note never changes. */
export const noteIsEditable = (note: Pick<NoteView, "status" | "mine">) => note.status === "DRAFT" && note.mine;

/** Clinical notes are signed; process notes stay private working notes and never are. */
export const noteIsSignable = (note: Pick<NoteView, "kind">) => note.kind === "CLINICAL";

/** Addenda are for signed notes (a draft is edited instead). */
export const noteTakesAddenda = (note: Pick<NoteView, "status">) => note.status === "SIGNED";
