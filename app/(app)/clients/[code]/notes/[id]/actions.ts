"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { addAddendum } from "@/lib/notes/add-addendum";
import { signNote } from "@/lib/notes/sign-note";

const notePath = (code: string, id: string) => `/clients/${encodeURIComponent(code)}/notes/${encodeURIComponent(id)}` as Route;

export type NoteActionState = { error: string | null; text?: string };

export async function signNoteAction(_prev: NoteActionState, formData: FormData): Promise<NoteActionState> {
  const actor = await requireActor();
  const code = String(formData.get("code") ?? "");
  const id = String(formData.get("noteId") ?? "");
  try {
    await signNote(actor, code, id, { baseRevision: formData.get("baseRevision") }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error) };
  }
  await flash("Note signed. It is now locked; add an addendum if anything needs to change.");
  redirect(notePath(code, id));
}

export async function addAddendumAction(_prev: NoteActionState, formData: FormData): Promise<NoteActionState> {
  const actor = await requireActor();
  const code = String(formData.get("code") ?? "");
  const id = String(formData.get("noteId") ?? "");
  try {
    await addAddendum(actor, code, id, { text: formData.get("text") }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), text: String(formData.get("text") ?? "") };
  }
  await flash("Addendum added and signed.");
  redirect(notePath(code, id));
}
