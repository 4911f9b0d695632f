"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { addAddendum } from "@/lib/notes/add-addendum";
import { signNote } from "@/lib/notes/sign-note";

const field = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const notePath = (formData: FormData) => `/clients/${encodeURIComponent(field(formData, "code"))}/notes/${encodeURIComponent(field(formData, "noteId"))}` as Route;

export type NoteActionState = { error: string | null; text?: string };

export const signNoteAction = memberAction(
  { failure: (message): NoteActionState => ({ error: message }) },
  async ({ actor, audit }, _prev: NoteActionState, formData: FormData): Promise<NoteActionState> => {
    await signNote(actor, field(formData, "code"), field(formData, "noteId"), { baseRevision: formData.get("baseRevision") }, audit);
    await flash("Note signed. It is now locked; add an addendum if anything needs to change.");
    redirect(notePath(formData));
  },
);

export const addAddendumAction = memberAction(
  { failure: (message, formData): NoteActionState => ({ error: message, text: field(formData, "text") }) },
  async ({ actor, audit }, _prev: NoteActionState, formData: FormData): Promise<NoteActionState> => {
    await addAddendum(actor, field(formData, "code"), field(formData, "noteId"), { text: formData.get("text") }, audit);
    await flash("Addendum added and signed.");
    redirect(notePath(formData));
  },
);
