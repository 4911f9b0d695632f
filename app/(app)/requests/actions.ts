"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { requestAuditContext } from "@/lib/entry/context";
import { requireActor } from "@/lib/entry/caller";
import { requireStepUp } from "@/lib/entry/step-up";
import { failureMessage as actionErrorMessage } from "@/lib/entry/respond";
import { flash } from "@/lib/entry/cookies";
import { assignRequest } from "@/lib/requests/assign-request";
import { completeRequest } from "@/lib/requests/complete-request";
import { extendRequest } from "@/lib/requests/extend-request";
import { fulfilAccess } from "@/lib/requests/access-copy";
import { fulfilErasure } from "@/lib/requests/fulfil-erasure";
import { linkRequestToClient } from "@/lib/requests/link-request-to-client";
import { recordHarmReview } from "@/lib/requests/harm-review";
import { refuseRequest } from "@/lib/requests/refuse-request";
import { revealRequestContact } from "@/lib/requests/reveal-request-contact";

const path = (id: string) => `/requests/${encodeURIComponent(id)}` as Route;
const field = (f: FormData, k: string) => String(f.get(k) ?? "");

async function run(id: string, op: () => Promise<unknown>, success: string, after: Route = path(id)) {
  try {
    await op();
    await flash(success);
  } catch (error) {
    await flash(actionErrorMessage(error));
    redirect(path(id));
  }
  redirect(after);
}

export async function extendAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  await run(id, async () => extendRequest(actor, id, { reason: field(f, "reason") }, await requestAuditContext()), "Deadline extended by two months. The client sees your reason.");
}

export async function harmReviewAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  // One select per note, named withhold:<note id>: empty releases the note, a ground withholds it.
  const withhold = [...f.entries()].flatMap(([k, v]) => (k.startsWith("withhold:") && v ? [{ noteId: k.slice("withhold:".length), ground: String(v) }] : []));
  const reason = field(f, "reason") || undefined;
  await run(id, async () => recordHarmReview(actor, id, { opinion: field(f, "opinion"), withheld: field(f, "withheld"), withhold, reason }, await requestAuditContext()), "Serious-harm review recorded.");
}

export async function fulfilAccessAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  requireStepUp(actor, path(id));
  await run(id, async () => fulfilAccess(actor, id, await requestAuditContext()), "Done. The client can download their copy from the portal for 7 days.");
}

export async function completeAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  await run(id, async () => completeRequest(actor, id, { outcome: field(f, "outcome") }, await requestAuditContext()), "Request completed. The client sees the outcome in the portal.");
}

export async function refuseAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  await run(id, async () => refuseRequest(actor, id, { ground: field(f, "ground"), explanation: field(f, "explanation"), partly: f.get("partly") === "on" }, await requestAuditContext()), "Recorded. The client sees the legal ground.");
}

export async function eraseAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  requireStepUp(actor, path(id));
  if (field(f, "confirm") !== "ERASE") {
    await flash('Type ERASE to confirm. Erasure cannot be undone.');
    redirect(path(id));
  }
  await run(id, async () => fulfilErasure(actor, id, await requestAuditContext()), "The client's data has been erased for good. Only the code and the fact of erasure remain in the audit trail.", "/requests");
}

export async function linkAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  await run(id, async () => linkRequestToClient(actor, id, { code: field(f, "code") }, await requestAuditContext()), "Linked. The request now belongs to that client's record.");
}

export type ContactState = { error: string | null; contact: Record<string, string> | null };

export async function revealContactAction(_prev: ContactState, f: FormData): Promise<ContactState> {
  const actor = await requireActor();
  try {
    const contact = await revealRequestContact(actor, field(f, "id"), await requestAuditContext());
    return { error: null, contact: contact ? Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) : {} };
  } catch (error) {
    return { error: actionErrorMessage(error), contact: null };
  }
}

export async function assignAction(f: FormData) {
  const actor = await requireActor();
  const id = field(f, "id");
  await run(id, async () => assignRequest(actor, id, { membershipId: field(f, "membershipId") }, await requestAuditContext()), "Assigned. The clinician sees the request on their overview.");
}
