import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { isClinician } from "@/lib/clients/access";
import { eraseClient } from "@/lib/clients/erase";
import { openWith, sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { DataRequest } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { limitKey, LIMITS, reserveAttempt } from "@/lib/rate-limit";
import { clientActor, type PortalClient } from "@/lib/portal/session";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { parseClientCode } from "@/lib/clients/code";
import { assertPracticeActive } from "@/lib/platform/active";
import { destroyRequestContact, readRequestContact, requestContactSchema, storeRequestContact } from "@/lib/vault/request-contact";
import { extendedDueDate, statutoryDueDate } from "./due";
import { groundText, refusalSchema } from "./grounds";

// Data-subject requests: submitted by a client from the portal, handled by the practice's
// owners within the statutory deadline, every step audited and visible to the client.

export const REQUEST_KINDS = {
  ACCESS: { title: "A copy of my data", verb: "see everything the practice holds about you" },
  RECTIFICATION: { title: "Correct something", verb: "have something wrong put right" },
  ERASURE: { title: "Delete my data", verb: "have your data deleted" },
  OBJECTION: { title: "Object or restrict", verb: "stop or limit how your data is used" },
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

const requestAad = (id: string) => `request:${id}`;
import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";
export { fulfilAccess, takeExport } from "./access-copy";
export { recordHarmReview } from "./harm-review";

const submitSchema = z.object({
  kind: z.enum(["ACCESS", "RECTIFICATION", "ERASURE", "OBJECTION"], { message: "Choose what you would like." }),
  details: z.string().trim().max(5000, "Please keep this under 5,000 characters.").optional().default(""),
});

export async function submitRequest(portal: PortalClient, input: unknown, context: AuditContext) {
  const { kind, details } = submitSchema.parse(input);
  if (kind === "RECTIFICATION" && !details) throw new AppError("details_required", "Tell us what is wrong and what it should say.", 400);
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.requestSubmit, key: limitKey(LIMITS.requestSubmit, portal.code) }])).allowed) {
    throw new AppError("too_many", "You have sent many requests in the last hour. Please wait a little and try again.", 429);
  }
  const id = randomUUID();
  const dataKey = details ? await notesDataKey(portal.clientId) : null;
  const now = new Date();
  return db().$transaction(async (tx) => {
    const request = await tx.dataRequest.create({
      data: {
        id,
        practiceId: portal.practiceId,
        clientId: portal.clientId,
        clientCode: portal.code,
        kind,
        source: "portal",
        identityVerified: true,
        detailsEnc: dataKey ? new Uint8Array(sealWith(dataKey, details, requestAad(id))) : null,
        receivedAt: now,
        clockStartedAt: now,
        dueOn: statutoryDueDate(now),
      },
    });
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "request.submitted", target: { type: "request", id }, outcome: "SUCCESS", details: { kind, client: portal.code }, context });
    return request;
  });
}

export const effectiveDue = (r: Pick<DataRequest, "dueOn" | "extendedDueOn">) => r.extendedDueOn ?? r.dueOn;

/** The client's own requests, newest first, for the portal (with any export ready to collect). */
export async function listOwnRequests(portal: PortalClient) {
  return db().dataRequest.findMany({
    where: { clientId: portal.clientId },
    orderBy: { receivedAt: "desc" },
    include: { exports: { where: { downloadedAt: null, expiresAt: { gt: new Date() } }, select: { id: true, expiresAt: true } } },
  });
}

function requireOwner(actor: Actor) {
  if (actor.role !== "OWNER") throw forbidden();
}

/** The practice's queue: open requests by due date, then recently closed ones. */
export async function listPracticeRequests(actor: Actor) {
  requireOwner(actor);
  const [open, closed] = await Promise.all([
    db().dataRequest.findMany({ where: { practiceId: actor.practiceId, status: "OPEN" }, orderBy: [{ dueOn: "asc" }] }),
    db().dataRequest.findMany({ where: { practiceId: actor.practiceId, status: { not: "OPEN" } }, orderBy: { closedAt: "desc" }, take: 50 }),
  ]);
  return { open: open.sort((a, b) => effectiveDue(a).getTime() - effectiveDue(b).getTime()), closed };
}

/** One request, with the client's words decrypted; audited. Owners, or the clinician assigned to review it. */
export async function getRequest(actor: Actor, id: string, context: AuditContext) {
  if (!z.uuid().safeParse(id).success) throw notFound("That request");
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  if (actor.role !== "OWNER" && !(isClinician(actor) && request.assigneeId === actor.membershipId)) throw notFound("That request");
  const details = request.detailsEnc && request.clientId ? openWith(await notesDataKey(request.clientId), request.detailsEnc, requestAad(request.id)) : null;
  const reviewer = request.harmReviewById ? await db().membership.findUnique({ where: { id: request.harmReviewById }, select: { user: { select: { displayName: true } } } }) : null;
  await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "request.viewed", target: { type: "request", id }, outcome: "SUCCESS", details: { kind: request.kind }, context });
  return { request, details, reviewerName: reviewer?.user.displayName ?? null };
}

async function openRequest(actor: Actor, id: string) {
  requireOwner(actor);
  if (!z.uuid().safeParse(id).success) throw notFound("That request");
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  if (request.status !== "OPEN") throw new AppError("closed", "This request is already closed.", 409);
  return request;
}

const base = (actor: Actor, id: string, context: AuditContext) => ({ practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "request", id }, context });

export async function extendRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { reason } = z.object({ reason: z.string().trim().min(10, "Say why the request is complex (the client will see this).").max(500) }).parse(input);
  if (request.extendedDueOn) throw new AppError("already_extended", "This request has already been extended.", 409);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { extendedDueOn: extendedDueDate(request.clockStartedAt), extensionReason: reason } });
    await recordAudit(tx, { ...base(actor, id, context), action: "request.extended", outcome: "SUCCESS", details: { kind: request.kind } });
  });
}

/** Who may be assigned a request: owners, and therapists assigned to the request's client. */
export async function reviewCandidates(actor: Actor, request: Pick<DataRequest, "clientId">) {
  return db().membership.findMany({
    where: {
      practiceId: actor.practiceId,
      removedAt: null,
      OR: [{ role: "OWNER" }, ...(request.clientId ? [{ role: "THERAPIST" as const, assignments: { some: { clientId: request.clientId } } }] : [])],
    },
    select: { id: true, role: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The owner assigns a clinician to the request (e.g. for the serious-harm review). */
export async function assignRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { membershipId } = z.object({ membershipId: z.uuid({ message: "Choose a clinician." }) }).parse(input);
  const member = (await reviewCandidates(actor, request)).find((m) => m.id === membershipId);
  if (!member) throw new AppError("not_reviewer", "Choose an owner or a therapist assigned to this client: only they may read the record to review it.", 400);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { assigneeId: member.id } });
    await recordAudit(tx, { ...base(actor, id, context), action: "request.assigned", outcome: "SUCCESS", details: { membershipId: member.id } });
  });
}

/** Requests assigned to a clinician who is not an owner (they open them from their overview). */
export async function listAssignedRequests(actor: Actor) {
  return db().dataRequest.findMany({ where: { practiceId: actor.practiceId, assigneeId: actor.membershipId, status: "OPEN" }, orderBy: { dueOn: "asc" } });
}

export async function completeRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.kind === "ACCESS" || request.kind === "ERASURE") throw new AppError("wrong_kind", "Use the access or erasure action for this request.", 400);
  const { outcome } = z.object({ outcome: z.string().trim().min(5, "Tell the client what was done.").max(2000) }).parse(input);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { status: "COMPLETED", outcome, closedAt: new Date(), closedById: actor.membershipId } });
    await recordAudit(tx, { ...base(actor, id, context), action: "request.completed", outcome: "SUCCESS", details: { kind: request.kind } });
  });
}

export async function refuseRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { ground, explanation, partly } = refusalSchema(request.kind).parse(input);
  const outcome = [groundText(request.kind, ground), explanation].filter(Boolean).join(" ");
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { status: partly ? "PARTLY_REFUSED" : "REFUSED", legalGround: ground, outcome, closedAt: new Date(), closedById: actor.membershipId } });
    await recordAudit(tx, { ...base(actor, id, context), action: "request.refused", outcome: "SUCCESS", details: { kind: request.kind, ground, partly } });
  });
}

/** Erasure: closes the request (its record keeps only the code), then erases the client. */
export async function fulfilErasure(actor: Actor, id: string, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.kind !== "ERASURE" || !request.clientId) throw new AppError("wrong_kind", "This is not an erasure request for a current client.", 400);
  const client = await db().client.findUnique({ where: { id: request.clientId } });
  if (!client) throw notFound("That client");
  // The request closes in the erasure's own transaction: a failed erasure leaves it open.
  await eraseClient(actor, client, "erasure_request", context, async (tx) => {
    const { count } = await tx.dataRequest.updateMany({ where: { id, practiceId: actor.practiceId }, data: { status: "COMPLETED", outcome: "Your data has been deleted.", closedAt: new Date(), closedById: actor.membershipId } });
    if (count !== 1) throw notFound("That request");
    await recordAudit(tx, { ...base(actor, id, context), action: "request.completed", outcome: "SUCCESS", details: { kind: "ERASURE" } });
  });
}

/**
 * A request from the public form (no portal access): the contact details and what the person
 * wrote go to the vault; the clinical side keeps only the kind and the dates. Identity is not
 * verified until an owner links the request to a client. Refused while the practice is suspended.
 */
export async function submitPublicRequest(practiceId: string, input: unknown, context: AuditContext) {
  const practice = await assertPracticeActive(practiceId);
  const { kind } = z.object({ kind: submitSchema.shape.kind }).parse(input);
  const contact = requestContactSchema.parse(input);
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.requestSubmit, key: limitKey(LIMITS.requestSubmit, `ip:${context.ip ?? "unknown"}`) }])).allowed) {
    throw new AppError("too_many", "Many requests have been sent from here in the last hour. Please try again later.", 429);
  }
  const id = randomUUID();
  const now = new Date();
  await storeRequestContact(id, practice.id, contact);
  try {
    await db().$transaction(async (tx) => {
      await tx.dataRequest.create({ data: { id, practiceId: practice.id, kind, source: "public form", receivedAt: now, clockStartedAt: now, dueOn: statutoryDueDate(now) } });
      await recordAudit(tx, { practiceId: practice.id, actor: { type: "CLIENT", id: null, role: "public" }, action: "request.submitted", target: { type: "request", id }, outcome: "SUCCESS", details: { kind, source: "public_form" }, context });
    });
  } catch (error) {
    await destroyRequestContact(practice.id, id).catch(() => {});
    throw error;
  }
  return { id, practiceName: practice.name };
}

/** An owner, having checked who the person is, links a public request to the client's record. */
export async function linkRequestToClient(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.clientId) throw new AppError("already_linked", "This request is already linked to a client.", 409);
  const { code } = z.object({ code: z.string().max(20) }).parse(input);
  const canonical = parseClientCode(code);
  const client = canonical ? await db().client.findUnique({ where: { code: canonical } }) : null;
  if (!client || client.practiceId !== actor.practiceId) throw new AppError("unknown_client", "No client of this practice has that code. Check it and try again.", 400);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { clientId: client.id, clientCode: client.code, identityVerified: true } });
    await recordAudit(tx, { ...base(actor, id, context), action: "request.identity_verified", outcome: "SUCCESS", details: { client: client.code } });
  });
}

/** The contact details of a public request, from the vault: a reveal, audited. */
export async function revealRequestContact(actor: Actor, id: string, context: AuditContext) {
  requireOwner(actor);
  assertSteppedUp(actor);
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  const contact = await readRequestContact(actor.practiceId, id);
  await recordAudit(db(), { ...base(actor, id, context), action: "identity.revealed", outcome: "SUCCESS", details: { reason: "data_request", scope: "request_contact", recorded: contact !== null } });
  return contact;
}

/** A fresh export link for the client's own ready export (the token is only ever in this URL). */
export async function exportLink(portal: PortalClient, exportId: string) {
  const row = await db().dataExport.findUnique({ where: { id: exportId } });
  if (!row || row.clientId !== portal.clientId || row.downloadedAt || row.expiresAt <= new Date()) throw notFound("That download");
  const token = newSecretToken();
  await db().dataExport.update({ where: { id: row.id }, data: { tokenHash: new Uint8Array(hashToken(token)) } });
  return token;
}
