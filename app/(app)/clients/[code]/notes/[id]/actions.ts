"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { addAddendum } from "@/lib/notes/add-addendum";
import { discardDraft } from "@/lib/notes/discard-draft";
import { signNote } from "@/lib/notes/sign-note";
import { formText } from "@/lib/entry/form";

const notePath = (formData: FormData) => `/clients/${encodeURIComponent(formText(formData, "code"))}/notes/${encodeURIComponent(formText(formData, "noteId"))}` as Route;

export type NoteActionState = { error: string | null; text?: string };

/** Posted from the confirmation step (…/sign): a refusal is shown there, success on the note. */
export const signNoteAction = memberAction({ back: (formData) => `${notePath(formData)}/sign` }, async ({ actor, audit }, formData: FormData) => {
  await signNote(actor, formText(formData, "code"), formText(formData, "noteId"), { baseRevision: formData.get("baseRevision") }, audit);
  await flash("Note signed. It is now locked; add an addendum if anything needs to change.");
  redirect(notePath(formData));
});

export const discardDraftAction = memberAction({ back: notePath }, async ({ actor, audit }, formData: FormData) => {
  const { kept } = await discardDraft(actor, formText(formData, "code"), formText(formData, "noteId"), audit);
  await flash(kept ? "Draft discarded. Its saved versions stay in its history." : "Empty draft discarded.");
  redirect(`/clients/${encodeURIComponent(formText(formData, "code"))}` as Route);
});

export const addAddendumAction = memberAction(
  { failure: (message, formData): NoteActionState => ({ error: message, text: formText(formData, "text") }) },
  async ({ actor, audit }, _prev: NoteActionState, formData: FormData): Promise<NoteActionState> => {
    await addAddendum(actor, formText(formData, "code"), formText(formData, "noteId"), { text: formData.get("text") }, audit);
    await flash("Addendum added and signed.");
    redirect(notePath(formData));
  },
);
