"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { addAddendum } from "@/lib/notes/add-addendum";
import { signNote } from "@/lib/notes/sign-note";
import { formText } from "@/lib/entry/form";

const notePath = (formData: FormData) => `/clients/${encodeURIComponent(formText(formData, "code"))}/notes/${encodeURIComponent(formText(formData, "noteId"))}` as Route;

export type NoteActionState = { error: string | null; text?: string };

export const signNoteAction = memberAction(
  { failure: (message): NoteActionState => ({ error: message }) },
  async ({ actor, audit }, _prev: NoteActionState, formData: FormData): Promise<NoteActionState> => {
    await signNote(actor, formText(formData, "code"), formText(formData, "noteId"), { baseRevision: formData.get("baseRevision") }, audit);
    await flash("Note signed. It is now locked; add an addendum if anything needs to change.");
    redirect(notePath(formData));
  },
);

export const addAddendumAction = memberAction(
  { failure: (message, formData): NoteActionState => ({ error: message, text: formText(formData, "text") }) },
  async ({ actor, audit }, _prev: NoteActionState, formData: FormData): Promise<NoteActionState> => {
    await addAddendum(actor, formText(formData, "code"), formText(formData, "noteId"), { text: formData.get("text") }, audit);
    await flash("Addendum added and signed.");
    redirect(notePath(formData));
  },
);
