"use server";

import type { Route } from "next";
import { memberAction } from "@/lib/entry/action";
import { formText } from "@/lib/entry/form";
import { revealFormIdentity } from "@/lib/forms/read-answers";
import { sendForm } from "@/lib/forms/send";
import type { RevealState } from "../../actions";

const clientPath = (formData: FormData) => `/clients/${encodeURIComponent(formText(formData, "code"))}` as Route;

export const sendFormAction = memberAction({ back: (formData) => `${clientPath(formData)}#forms-heading` }, async ({ actor, audit }, formData: FormData) => {
  await sendForm(actor, formText(formData, "code"), { formId: formText(formData, "formId") }, audit);
  return "Form sent. The client sees it on their portal until they send it back.";
});

/** Same shape as the client's identity reveal, so the same panel shows it. */
export const revealFormIdentityAction = memberAction<[RevealState, FormData], RevealState>(
  {
    stepUp: true,
    back: (formData) => `${clientPath(formData)}/forms/${formText(formData, "id")}`,
    failure: (message, _formData, prev) => ({ error: message, fields: null, expiresAt: null, nonce: (prev?.nonce ?? 0) + 1 }),
  },
  async ({ actor, audit }, prev: RevealState, formData: FormData): Promise<RevealState> => {
    const shown = await revealFormIdentity(actor, formText(formData, "code"), formText(formData, "id"), { reason: formData.get("reason") || undefined }, audit);
    return { error: null, fields: shown.fields.map((f) => ({ label: f.label, value: f.value })), expiresAt: shown.expiresAt, nonce: prev.nonce + 1 };
  },
);
