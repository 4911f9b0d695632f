"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { formFields, formText } from "@/lib/entry/form";
import { createForm, editForm, publishForm } from "@/lib/forms/build";

export type FieldFormState = { error: string | null; values: Record<string, string> };

const formPath = (formData: FormData) => `/forms/${formText(formData, "formId")}`;
const texts = (formData: FormData) => Object.fromEntries(Object.entries(formFields(formData)).filter(([k, v]) => !k.startsWith("$") && typeof v === "string")) as Record<string, string>;

export const createFormAction = memberAction({ back: () => "/forms" }, async ({ actor, audit }, formData: FormData) => {
  const id = await createForm(actor, { title: formText(formData, "title") }, audit);
  redirect(`/forms/${id}` as Route);
});

/** Adds a question; on a problem the form keeps what was typed. */
export const addFieldAction = memberAction(
  { failure: (message, formData): FieldFormState => ({ error: message, values: texts(formData) }) },
  async ({ actor, audit }, _prev: FieldFormState, formData: FormData): Promise<FieldFormState> => {
    await editForm(actor, formText(formData, "formId"), { ...texts(formData), op: "add" }, audit);
    await flash("Question added to the draft.");
    redirect(`${formPath(formData)}#add-question` as Route);
  },
);

/** The draft's small buttons: rename, move, remove. */
export const editFormAction = memberAction({ back: formPath }, async ({ actor, audit }, formData: FormData) => {
  const op = formText(formData, "op");
  await editForm(actor, formText(formData, "formId"), op === "title" ? { op, title: formText(formData, "title") } : { op, fieldId: formText(formData, "fieldId") }, audit);
  return op === "title" ? "Title saved in the draft." : op === "remove" ? "Question removed from the draft." : undefined;
});

export const publishFormAction = memberAction({ back: formPath }, async ({ actor, audit }, formData: FormData) => {
  await publishForm(actor, formText(formData, "formId"), audit);
  return "Published. Forms you send from now on use this version; it will not change.";
});
