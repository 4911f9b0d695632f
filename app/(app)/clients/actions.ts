"use server";

import { redirect } from "next/navigation";
import type { Route } from "next";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { requireStepUp } from "@/lib/entry/step-up";
import { assignClinician } from "@/lib/clients/assign-clinician";
import { createClient } from "@/lib/clients/create-client";
import { recordIdentity } from "@/lib/clients/record-identity";
import { setClientLabel } from "@/lib/clients/set-client-label";
import { setClientStatus } from "@/lib/clients/set-client-status";
import { unassignClinician } from "@/lib/clients/unassign-clinician";
import { formatClientCode } from "@/lib/clients/code";
import { revealIdentity } from "@/lib/clients/reveal";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { createNote } from "@/lib/notes/create-note";
import { deleteDraft } from "@/lib/notes/delete-draft";
import { config } from "@/lib/config";
import { issuePortalAccess } from "@/lib/portal/access";
import { inviteReflectionConnection } from "@/lib/portal/reflections";
import { recordReminderConsent } from "@/lib/reminders/consent";
import { findClientFor } from "@/lib/clients/access";

const clientPath = (code: string) => `/clients/${encodeURIComponent(code)}` as Route;
const text = (formData: FormData, key: string) => String(formData.get(key) ?? "");

export type NewClientState = { error: string | null; values: Record<string, string> };

const IDENTITY_KEYS = ["fullName", "preferredName", "dateOfBirth", "email", "phone", "address", "emergencyContact", "gp"] as const;

export async function createClientAction(_prev: NewClientState, formData: FormData): Promise<NewClientState> {
  const actor = await requireActor();
  const values = Object.fromEntries(["label", ...IDENTITY_KEYS].map((k) => [k, text(formData, k)]));
  const identity = Object.fromEntries(IDENTITY_KEYS.map((k) => [k, values[k]]));
  let created;
  try {
    created = await createClient(actor, { label: values.label, identity: values.fullName ? identity : undefined }, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash(created.warning ?? `Client ${formatClientCode(created.client.code)} created and assigned to you.`);
  redirect(clientPath(formatClientCode(created.client.code)));
}

/** Runs a client operation from a plain form, reporting the outcome as a flash message. */
async function onClient(code: string, operation: () => Promise<unknown>, success: string | (() => string)) {
  try {
    await operation();
    await flash(typeof success === "string" ? success : success());
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect(clientPath(code));
}

export async function assignAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  await onClient(code, async () => assignClinician(actor, code, formData.get("membershipId"), await requestAuditContext()), "Clinician assigned: they can now read and write this client's notes.");
}

export async function unassignAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  await onClient(code, async () => unassignClinician(actor, code, formData.get("membershipId"), await requestAuditContext()), "Clinician removed from this client.");
}

export async function setStatusAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  const status = text(formData, "status") === "DISCHARGED" ? "DISCHARGED" : "ACTIVE";
  await onClient(code, async () => setClientStatus(actor, code, status, await requestAuditContext()), status === "DISCHARGED" ? "Client discharged. Their records are kept." : "Client back on the active caseload.");
}

export async function setLabelAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  let warning: string | null = null;
  await onClient(
    code,
    async () => {
      warning = (await setClientLabel(actor, code, text(formData, "label"), await requestAuditContext())).warning;
    },
    () => warning ?? "Label saved.",
  );
}

export type IdentityState = { error: string | null; values: Record<string, string> };

export async function recordIdentityAction(_prev: IdentityState, formData: FormData): Promise<IdentityState> {
  const actor = await requireActor();
  const code = text(formData, "code");
  const values = Object.fromEntries(IDENTITY_KEYS.map((k) => [k, text(formData, k)]));
  try {
    await recordIdentity(actor, code, values, await requestAuditContext());
  } catch (error) {
    return { error: actionErrorMessage(error), values };
  }
  await flash("Identity saved to the vault.");
  redirect(clientPath(code));
}

export type RevealState = { error: string | null; fields: { label: string; value: string }[] | null; expiresAt: string | null; nonce: number };

export async function revealAction(prev: RevealState, formData: FormData): Promise<RevealState> {
  const actor = await requireActor();
  const code = text(formData, "code");
  requireStepUp(actor, clientPath(code));
  try {
    const shown = await revealIdentity(actor, code, { reason: formData.get("reason") || undefined }, await requestAuditContext());
    return { error: null, fields: shown.fields, expiresAt: shown.expiresAt, nonce: prev.nonce + 1 };
  } catch (error) {
    return { error: actionErrorMessage(error), fields: null, expiresAt: null, nonce: prev.nonce + 1 };
  }
}

export async function createNoteAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  let noteId: string | null = null;
  try {
    const note = await createNote(
      actor,
      code,
      { template: formData.get("template"), kind: formData.get("process") === "on" ? "PROCESS" : "CLINICAL", sessionDate: formData.get("sessionDate") },
      await requestAuditContext(),
    );
    noteId = note.id;
  } catch (error) {
    await flash(actionErrorMessage(error));
  }
  redirect(noteId ? (`${clientPath(code)}/notes/${noteId}` as Route) : clientPath(code));
}

export async function deleteDraftAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  await onClient(code, async () => deleteDraft(actor, code, text(formData, "noteId"), await requestAuditContext()), "Draft deleted.");
}

export type PortalAccessState = { error: string | null; handout: { code: string; pin: string; url: string } | null };

export async function issuePortalAccessAction(_prev: PortalAccessState, formData: FormData): Promise<PortalAccessState> {
  const actor = await requireActor();
  try {
    const issued = await issuePortalAccess(actor, text(formData, "code"), await requestAuditContext());
    return { error: null, handout: { code: issued.code, pin: issued.pin, url: `${config().APP_URL}/portal` } };
  } catch (error) {
    return { error: actionErrorMessage(error), handout: null };
  }
}

export async function inviteReflectionsAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  await onClient(
    code,
    async () => {
      const context = await requestAuditContext();
      await inviteReflectionConnection(actor, await findClientFor(actor, code, context), context);
    },
    "Invitation sent. The client sees it in their portal and can accept or decline.",
  );
}

export async function recordReminderConsentAction(formData: FormData) {
  const actor = await requireActor();
  const code = text(formData, "code");
  const on = formData.get("on") === "1";
  await onClient(
    code,
    async () => {
      const context = await requestAuditContext();
      await recordReminderConsent(actor, await findClientFor(actor, code, context), on, context);
    },
    on ? "Recorded: the client asked for appointment reminder emails." : "Recorded: the client no longer wants reminder emails.",
  );
}
