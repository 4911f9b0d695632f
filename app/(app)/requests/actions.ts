"use server";

import type { Route } from "next";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/entry/action";
import { flash } from "@/lib/entry/cookies";
import { AppError } from "@/lib/http/errors";
import { assignRequest } from "@/lib/requests/assign-request";
import { completeRequest } from "@/lib/requests/complete-request";
import { extendRequest } from "@/lib/requests/extend-request";
import { fulfilAccess } from "@/lib/requests/access-copy";
import { fulfilErasure } from "@/lib/requests/fulfil-erasure";
import { linkRequestToClient } from "@/lib/requests/link-request-to-client";
import { recordHarmReview } from "@/lib/requests/harm-review";
import { refuseRequest } from "@/lib/requests/refuse-request";
import { revealRequestContact } from "@/lib/requests/reveal-request-contact";
import { formText } from "@/lib/entry/form";

const back = (f: FormData) => `/requests/${encodeURIComponent(formText(f, "id"))}` as Route;

export const extendAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await extendRequest(actor, formText(f, "id"), { reason: formText(f, "reason") }, audit);
  return "Deadline extended by two months. The client sees your reason.";
});

export const harmReviewAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  // One select per note, named withhold:<note id>: empty releases the note, a ground withholds it.
  const withhold = [...f.entries()].flatMap(([k, v]) => (k.startsWith("withhold:") && v ? [{ noteId: k.slice("withhold:".length), ground: String(v) }] : []));
  const reason = formText(f, "reason") || undefined;
  await recordHarmReview(actor, formText(f, "id"), { opinion: formText(f, "opinion"), withheld: formText(f, "withheld"), withhold, reason }, audit);
  return "Serious-harm review recorded.";
});

export const fulfilAccessAction = memberAction({ back, stepUp: true }, async ({ actor, audit }, f: FormData) => {
  await fulfilAccess(actor, formText(f, "id"), audit);
  return "Done. The client can download their copy from the portal for 7 days.";
});

export const completeAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await completeRequest(actor, formText(f, "id"), { outcome: formText(f, "outcome") }, audit);
  return "Request completed. The client sees the outcome in the portal.";
});

export const refuseAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await refuseRequest(actor, formText(f, "id"), { ground: formText(f, "ground"), explanation: formText(f, "explanation"), partly: f.get("partly") === "on" }, audit);
  return "Recorded. The client sees the legal ground.";
});

export const eraseAction = memberAction({ back, stepUp: true }, async ({ actor, audit }, f: FormData) => {
  if (formText(f, "confirm") !== "ERASE") throw new AppError("not_confirmed", "Type ERASE to confirm. Erasure cannot be undone.", 400);
  await fulfilErasure(actor, formText(f, "id"), audit);
  await flash("The client's data has been erased for good. Only the code and the fact of erasure remain in the audit trail.");
  redirect("/requests");
});

export const linkAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await linkRequestToClient(actor, formText(f, "id"), { code: formText(f, "code") }, audit);
  return "Linked. The request now belongs to that client's record.";
});

export type ContactState = { error: string | null; contact: Record<string, string> | null };

export const revealContactAction = memberAction(
  { failure: (message): ContactState => ({ error: message, contact: null }) },
  async ({ actor, audit }, _prev: ContactState, f: FormData): Promise<ContactState> => {
    const contact = await revealRequestContact(actor, formText(f, "id"), audit);
    return { error: null, contact: contact ? Object.fromEntries(Object.entries(contact).filter(([, v]) => v)) : {} };
  },
);

export const assignAction = memberAction({ back }, async ({ actor, audit }, f: FormData) => {
  await assignRequest(actor, formText(f, "id"), { membershipId: formText(f, "membershipId") }, audit);
  return "Assigned. The clinician sees the request on their overview.";
});
