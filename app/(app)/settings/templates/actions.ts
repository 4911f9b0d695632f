"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { formText } from "@/lib/entry/form";
import { changePracticeTemplate, createPracticeTemplate, setPracticeTemplateArchived, setTypeNoteTemplate } from "@/lib/notes/manage-practice-templates";
import { sectionsFromForm } from "@/lib/notes/practice-template-rules";

const PAGE = "/settings/templates" as Route;

export type TemplateFormState = { error: string | null; values: Record<string, string> };

const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k, v]) => !k.startsWith("$") && typeof v === "string").map(([k, v]) => [k, String(v).slice(0, 5000)]));

/** Adds a template (no id) or saves one (with its id); on a problem the form keeps what was typed. */
export const saveTemplateAction = memberAction(
  { failure: (message, formData): TemplateFormState => ({ error: message, values: fields(formData) }) },
  async ({ actor, audit }, _prev: TemplateFormState, formData: FormData): Promise<TemplateFormState> => {
    const id = formText(formData, "id");
    const input = { name: formData.get("name"), sections: sectionsFromForm((k) => formData.get(k)) };
    const saved = id ? await changePracticeTemplate(actor, id, input, audit) : await createPracticeTemplate(actor, input, audit);
    await flash(id ? `${saved.name} saved. Notes already started keep the sections they began with.` : `${saved.name} added. Clinicians can choose it when they start a note.`);
    redirect(PAGE);
  },
);

export const archiveTemplateAction = memberAction({ back: () => PAGE }, async ({ actor, audit }, formData: FormData) => {
  const archive = formText(formData, "command") === "archive";
  const t = await setPracticeTemplateArchived(actor, formText(formData, "id"), archive, audit);
  return archive ? `${t.name} archived: it is no longer offered for new notes; notes written with it keep it.` : `${t.name} is offered again.`;
});

export const typeTemplateAction = memberAction({ back: () => PAGE }, async ({ actor, audit }, formData: FormData) => {
  await setTypeNoteTemplate(actor, formText(formData, "typeId"), { template: formText(formData, "template") }, audit);
  return "Saved: notes started from this type's appointments now offer that template first.";
});
