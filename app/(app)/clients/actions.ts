"use server";

import { redirect } from "next/navigation";
import type { Route } from "next";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { assignClinician } from "@/lib/clients/assign-clinician";
import { createClient } from "@/lib/clients/create-client";
import { recordIdentity } from "@/lib/clients/record-identity";
import { setClientLabel } from "@/lib/clients/set-client-label";
import { setClientStatus } from "@/lib/clients/set-client-status";
import { unassignClinician } from "@/lib/clients/unassign-clinician";
import { formatClientCode } from "@/lib/clients/code";
import { revealIdentity } from "@/lib/clients/reveal";
import { createNote } from "@/lib/notes/create-note";
import { config } from "@/lib/config";
import { issuePortalAccess } from "@/lib/portal/access";
import { inviteReflectionConnection } from "@/lib/portal/reflections";
import { recordReminderConsent } from "@/lib/reminders/consent";
import { findClientFor } from "@/lib/clients/access";
import { formText, formTexts } from "@/lib/entry/form";
import { AppError } from "@/lib/http/errors";
import { LABEL_LOOKS_LIKE_A_NAME } from "@/lib/clients/manage";

const clientPath = (code: string) => `/clients/${encodeURIComponent(code)}` as Route;
const backToClient = (formData: FormData) => clientPath(formText(formData, "code"));

/** `labelCheck`: the label looks like a name; the form asks the member to change it or keep it knowingly. */
export type NewClientState = { error: string | null; values: Record<string, string>; labelCheck?: string };

/** Runs a save that checks the label; a name-like label comes back as the warning to show, not as an error. */
async function withLabelCheck<T>(save: () => Promise<T>): Promise<T | { labelCheck: string }> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof AppError && error.code === LABEL_LOOKS_LIKE_A_NAME) return { labelCheck: error.message };
    throw error;
  }
}

const IDENTITY_KEYS = ["fullName", "preferredName", "dateOfBirth", "email", "phone", "address", "emergencyContact", "gp"] as const;

export const createClientAction = memberAction(
  { failure: (message, formData): NewClientState => ({ error: message, values: formTexts(formData, ["label", ...IDENTITY_KEYS]) }) },
  async ({ actor, audit }, _prev: NewClientState, formData: FormData): Promise<NewClientState> => {
    const values = formTexts(formData, ["label", ...IDENTITY_KEYS]);
    const identity = Object.fromEntries(IDENTITY_KEYS.map((k) => [k, values[k]]));
    const keepLabel = formData.get("keepLabel") === "on";
    const created = await withLabelCheck(() => createClient(actor, { label: values.label, identity: values.fullName ? identity : undefined, keepLabel }, audit));
    if ("labelCheck" in created) return { error: null, values, labelCheck: created.labelCheck };
    await flash(`Client ${formatClientCode(created.client.code)} created and assigned to you.${created.warning ? " You chose to keep a label that looks like a name." : ""}`);
    redirect(clientPath(formatClientCode(created.client.code)));
  },
);

export const assignAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  await assignClinician(actor, formText(formData, "code"), formData.get("membershipId"), audit);
  return "Clinician assigned: they can now read and write this client's notes.";
});

export const unassignAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  await unassignClinician(actor, formText(formData, "code"), formData.get("membershipId"), audit);
  return "Clinician removed from this client.";
});

export const setStatusAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  const status = formText(formData, "status") === "DISCHARGED" ? "DISCHARGED" : "ACTIVE";
  await setClientStatus(actor, formText(formData, "code"), status, audit);
  return status === "DISCHARGED" ? "Client discharged. Their records are kept." : "Client back on the active caseload.";
});

export type LabelState = { error: string | null; label?: string; labelCheck?: string };

export const setLabelAction = memberAction(
  { back: backToClient, failure: (message, formData): LabelState => ({ error: message, label: formText(formData, "label") }) },
  async ({ actor, audit }, _prev: LabelState, formData: FormData): Promise<LabelState> => {
    const code = formText(formData, "code");
    const label = formText(formData, "label");
    const saved = await withLabelCheck(() => setClientLabel(actor, code, label, audit, { keep: formData.get("keepLabel") === "on" }));
    if ("labelCheck" in saved) return { error: null, label, labelCheck: saved.labelCheck };
    await flash(saved.warning ? "Label saved. You chose to keep a label that looks like a name." : "Label saved.");
    redirect(clientPath(code));
  },
);

export type IdentityState = { error: string | null; values: Record<string, string> };

export const recordIdentityAction = memberAction(
  { failure: (message, formData): IdentityState => ({ error: message, values: formTexts(formData, IDENTITY_KEYS) }) },
  async ({ actor, audit }, _prev: IdentityState, formData: FormData): Promise<IdentityState> => {
    const code = formText(formData, "code");
    await recordIdentity(actor, code, formTexts(formData, IDENTITY_KEYS), audit);
    await flash("Identity saved to the vault.");
    redirect(clientPath(code));
  },
);

export type RevealState = { error: string | null; fields: { label: string; value: string }[] | null; expiresAt: string | null; nonce: number };

export const revealAction = memberAction<[RevealState, FormData], RevealState>(
  {
    stepUp: true,
    back: backToClient,
    failure: (message, _formData, prev) => ({ error: message, fields: null, expiresAt: null, nonce: (prev?.nonce ?? 0) + 1 }),
  },
  async ({ actor, audit }, prev: RevealState, formData: FormData): Promise<RevealState> => {
    const shown = await revealIdentity(actor, formText(formData, "code"), { reason: formData.get("reason") || undefined }, audit);
    return { error: null, fields: shown.fields, expiresAt: shown.expiresAt, nonce: prev.nonce + 1 };
  },
);

export const createNoteAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  const code = formText(formData, "code");
  const note = await createNote(
    actor,
    code,
    { template: formData.get("template"), kind: formData.get("process") === "on" ? "PROCESS" : "CLINICAL", sessionDate: formData.get("sessionDate") },
    audit,
  );
  redirect(`${clientPath(code)}/notes/${note.id}` as Route);
});

export type PortalAccessState = { error: string | null; handout: { practice: string; code: string; pin: string; url: string } | null };

export const issuePortalAccessAction = memberAction(
  { failure: (message): PortalAccessState => ({ error: message, handout: null }) },
  async ({ actor, audit }, _prev: PortalAccessState, formData: FormData): Promise<PortalAccessState> => {
    const issued = await issuePortalAccess(actor, formText(formData, "code"), audit);
    return { error: null, handout: { practice: actor.practiceName, code: issued.code, pin: issued.pin, url: `${config().APP_URL}/portal` } };
  },
);

export const inviteReflectionsAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  await inviteReflectionConnection(actor, await findClientFor(actor, formText(formData, "code"), audit), audit);
  return "Invitation sent. The client sees it in their portal and can accept or decline.";
});

export const recordReminderConsentAction = memberAction({ back: backToClient }, async ({ actor, audit }, formData: FormData) => {
  const on = formData.get("on") === "1";
  await recordReminderConsent(actor, await findClientFor(actor, formText(formData, "code"), audit), on, audit);
  return on ? "Recorded: the client asked for appointment reminder emails." : "Recorded: the client no longer wants reminder emails.";
});
