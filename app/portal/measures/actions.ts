"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { portalAction } from "@/lib/entry/action";
import { formFields, formText } from "@/lib/entry/form";
import { answerPendingMeasure } from "@/lib/measures/portal-measures";

const formPath = (formData: FormData) => `/portal/measures/${encodeURIComponent(formText(formData, "id"))}` as Route;

/** Saves the answers; "Send" scores them (the page then thanks the client, with crisis help after a risk answer). */
export const answerMeasureAction = portalAction({ back: formPath }, async ({ client, audit }, formData: FormData) => {
  const finish = formText(formData, "finish") === "1";
  const result = await answerPendingMeasure(client, formText(formData, "id"), formFields(formData), finish, audit);
  if (result.completed) redirect(formPath(formData));
  return result.missing === 0 ? "Saved. You can send your answers when you are ready." : "Saved. You can come back and finish later.";
});
