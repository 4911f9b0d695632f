"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { portalAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { formFields, formText } from "@/lib/entry/form";
import { saveFormPage, submitOwnForm } from "@/lib/forms/portal-forms";

export type PortalFormPageState = { error: string | null; values?: Record<string, string> };

const posted = (formData: FormData) => Object.fromEntries(Object.entries(formFields(formData)).filter(([k, v]) => !k.startsWith("$") && typeof v === "string")) as Record<string, string>;

/** "Save and continue": this page's answers are saved, then the next page (or the last step). */
export const saveFormPageAction = portalAction(
  { failure: (message, formData): PortalFormPageState => ({ error: message, values: posted(formData) }) },
  async ({ client, audit }, _prev: PortalFormPageState, formData: FormData): Promise<PortalFormPageState> => {
    const id = formText(formData, "formId");
    const next = await saveFormPage(client, id, formText(formData, "page"), posted(formData), audit);
    if (formText(formData, "leave") === "1") {
      await flash("Saved. You can come back to this form at any time.");
      redirect("/portal/home");
    }
    redirect(`/portal/form/${id}?${next === null ? "step=send" : `page=${next}`}` as Route);
  },
);

export const submitFormAction = portalAction({ back: (formData) => `/portal/form/${formText(formData, "formId")}?step=send` }, async ({ client, audit }, formData: FormData) => {
  await submitOwnForm(client, formText(formData, "formId"), audit);
  await flash("Thank you. Your form has been sent to the practice.");
  redirect("/portal/home");
});
