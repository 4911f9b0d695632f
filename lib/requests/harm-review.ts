import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { accessFor, isClinician } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { DataRequest } from "@/lib/generated/prisma/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { readSignedNotesForReview } from "@/lib/notes/read-signed-notes-for-review";
import type { WithheldNote } from "./export";
import { withholdingGroundSchema } from "./grounds";

// The serious-harm review of an access request (DPA 2018 Sch. 3 Part 2): a clinician who may
// read the client's record (assigned to them, or an owner who records why they read a record
// that is not theirs) gives an opinion and decides, note by note, what is withheld and on which
// ground. The copy applies that decision (see access-copy.ts); the reviewer is recorded by id.

/** Why an owner who is not assigned to the client reads the record to review it. */
export const OWNER_REVIEW_REASONS = {
  no_clinician: "No clinician is assigned to this client",
  clinician_unavailable: "The client's clinician has left the practice or is unavailable",
  second_opinion: "A second clinical opinion is needed",
} as const;
type OwnerReviewReason = keyof typeof OWNER_REVIEW_REASONS;

export const withheldNotesSchema = z
  .array(z.object({ noteId: z.uuid({ message: "That note is not part of this record." }), ground: withholdingGroundSchema }))
  .max(2000, "Withhold at most 2,000 notes in one review.")
  .refine((items) => new Set(items.map((i) => i.noteId)).size === items.length, "Each note can be withheld only once.");

/** The stored decision, read strictly: a damaged list stops the copy rather than releasing everything. */
export const storedWithheldNotes = (request: Pick<DataRequest, "harmReviewWithheldNotes">): WithheldNote[] => withheldNotesSchema.parse(request.harmReviewWithheldNotes);

/**
 * The notes the client's latest serious-harm review withheld. Whatever the client sees of their
 * record leaves them out (the portal's "who has looked at my record" as well as the copy), or
 * the dates of their events would give them away.
 */
export async function latestWithheldNoteIds(clientId: string): Promise<Set<string>> {
  const latest = await db().dataRequest.findFirst({ where: { clientId, kind: "ACCESS", harmReviewAt: { not: null } }, orderBy: { harmReviewAt: "desc" }, select: { harmReviewWithheldNotes: true } });
  return new Set(latest ? storedWithheldNotes(latest).map((w) => w.noteId) : []);
}

const reasonSchema = z.enum(Object.keys(OWNER_REVIEW_REASONS) as [OwnerReviewReason, ...OwnerReviewReason[]], { message: "Choose why you are reviewing this record." });

const reviewSchema = z.object({
  opinion: z.string().trim().min(5, "Record your opinion: would releasing this be likely to cause serious harm?").max(2000),
  withheld: z.string().trim().max(2000).optional().default(""),
  withhold: withheldNotesSchema.default([]),
  reason: reasonSchema.optional(),
});

export type ReviewStanding = "assigned" | "owner_with_reason";

/**
 * May this actor record the review of this request? "assigned": a clinician who reads this
 * client's notes (a therapist also needs the request assigned to them, as they only see those);
 * "owner_with_reason": an owner not assigned to the client, who must give a reason; null: no.
 */
export async function reviewStanding(actor: Actor, request: Pick<DataRequest, "practiceId" | "clientId" | "assigneeId">): Promise<ReviewStanding | null> {
  if (!isClinician(actor) || !request.clientId || request.practiceId !== actor.practiceId) return null;
  if (actor.role === "THERAPIST" && request.assigneeId !== actor.membershipId) return null;
  const client = await db().client.findUnique({ where: { id: request.clientId } });
  if (!client) return null;
  const assigned = (await db().clientAssignment.count({ where: { clientId: client.id, membershipId: actor.membershipId } })) === 1;
  if (accessFor(actor, client, assigned)?.canReadNotes) return "assigned";
  return actor.role === "OWNER" ? "owner_with_reason" : null;
}

/** The notes a review decides on: the signed clinical notes that would go in the copy. */
export async function notesUnderReview(clientId: string) {
  return db().note.findMany({
    where: { clientId, kind: "CLINICAL", status: "SIGNED" },
    orderBy: { sessionDate: "asc" },
    select: { id: true, sessionDate: true, template: true, signedAt: true },
  });
}

/**
 * Whether the review screen opens the notes now: for an assigned clinician always; for an
 * unassigned owner only once they chose a reason from the fixed list (anything else: not yet).
 */
export function reviewOpensNotes(standing: ReviewStanding | null, reason: unknown): boolean {
  return standing === "assigned" || (standing === "owner_with_reason" && reasonSchema.safeParse(reason).success);
}

/**
 * The content of the notes under review, for the reviewer to read: an assigned clinician as
 * they read them anywhere; an owner who is not assigned to the client only after choosing a
 * reason, which each read's audit event records (so the client sees the reads in "who has
 * looked at my record"). Anyone else is refused (403) before anything is decrypted.
 */
export async function readNotesForHarmReview(actor: Actor, id: string, reason: unknown, context: AuditContext) {
  if (!z.uuid().safeParse(id).success) throw notFound("That request");
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  if (request.kind !== "ACCESS" || request.status !== "OPEN") throw new AppError("not_reviewable", "Only an open access request has a serious-harm review.", 409);
  if (!request.clientId) throw new AppError("not_linked", "Link the request to the client's record before reviewing it.", 409);
  const standing = await reviewStanding(actor, request);
  if (!standing) throw new AppError("not_permitted", "Only a clinician assigned to this client (or an owner, with a reason) can read the notes for the review.", 403);
  let recordedReason: OwnerReviewReason | null = null;
  if (standing === "owner_with_reason") {
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) throw new AppError("reason_required", "You are not assigned to this client: choose why you are reviewing their record.", 400);
    recordedReason = parsed.data;
  }
  const client = await db().client.findFirst({ where: { id: request.clientId, practiceId: actor.practiceId } });
  if (!client) throw notFound("That request");
  return { standing, reason: recordedReason, notes: await readSignedNotesForReview(actor, client, { request: request.id, reason: recordedReason }, context) };
}

export async function recordHarmReview(actor: Actor, id: string, input: unknown, context: AuditContext) {
  if (!isClinician(actor)) throw forbidden();
  if (!z.uuid().safeParse(id).success) throw notFound("That request");
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId || request.status !== "OPEN") throw notFound("That request");
  if (actor.role !== "OWNER" && request.assigneeId !== actor.membershipId) throw notFound("That request");
  if (request.kind !== "ACCESS") throw new AppError("wrong_kind", "A serious-harm review is for access requests only.", 400);
  if (!request.clientId) throw new AppError("not_linked", "Link the request to the client's record before reviewing it.", 409);
  const standing = await reviewStanding(actor, request);
  if (!standing) throw new AppError("not_permitted", "Only a clinician assigned to this client (or an owner, with a reason) can record the review.", 403);
  const { opinion, withheld, withhold, reason } = reviewSchema.parse(input);
  if (standing === "owner_with_reason" && !reason) {
    throw new AppError("reason_required", "You are not assigned to this client: choose why you are reviewing their record.", 400);
  }
  const eligible = new Set((await notesUnderReview(request.clientId)).map((n) => n.id));
  if (withhold.some((w) => !eligible.has(w.noteId))) throw new AppError("unknown_note", "Only this client's signed notes can be withheld. Reload the page and try again.", 400);
  const recordedReason = standing === "owner_with_reason" ? reason! : null;
  await db().$transaction(async (tx) => {
    const { count } = await tx.dataRequest.updateMany({
      where: { id, status: "OPEN" },
      data: { harmReviewById: actor.membershipId, harmReviewAt: new Date(), harmReviewOpinion: opinion, harmReviewWithheld: withheld || null, harmReviewWithheldNotes: withhold, harmReviewReason: recordedReason },
    });
    if (count === 0) throw new AppError("closed", "This request is already closed.", 409);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "request.harm_review_recorded",
      target: { type: "request", id },
      outcome: "SUCCESS",
      details: { client: request.clientCode, reviewer: actor.membershipId, withheld: withhold.length, grounds: [...new Set(withhold.map((w) => w.ground))].sort().join(",") || null, reason: recordedReason },
      context,
    });
  });
}

/** Whether the record gained signed notes or addenda after the review (then it must be done again). */
export async function reviewIsStale(request: Pick<DataRequest, "clientId" | "harmReviewAt">): Promise<boolean> {
  if (!request.clientId || !request.harmReviewAt) return false;
  const after = { gt: request.harmReviewAt };
  const [notes, addenda] = await Promise.all([
    db().note.count({ where: { clientId: request.clientId, kind: "CLINICAL", status: "SIGNED", signedAt: after } }),
    db().noteAddendum.count({ where: { note: { clientId: request.clientId, kind: "CLINICAL" }, createdAt: after } }),
  ]);
  return notes + addenda > 0;
}
