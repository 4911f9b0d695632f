import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { decrypt, encrypt } from "@/lib/crypto/aead";
import { hashSecretToken as hashToken, newSecretToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import type { PortalClient } from "@/lib/portal/session";
import { clientActor } from "@/lib/portal/session";
import { buildClientExport } from "./export";
import { reviewIsStale, storedWithheldNotes } from "./harm-review";

// The client's copy of their data is built once, when an owner fulfils the access request, with
// the serious-harm review's decision applied, and stored sealed under the client's notes data key
// (erasure destroys that key and deletes the row). The portal download serves exactly that copy,
// once, and then clears it: later edits to the record never change what the client receives.

export const EXPORT_TTL_MS = 7 * 24 * 60 * 60_000;
/** A copy larger than this (compressed) is refused rather than stored; see docs/portal-and-rights.md. */
export const ACCESS_COPY_MAX_BYTES = 64 * 1024 * 1024;

const copyAad = (exportId: string) => `access-copy:${exportId}`;

/** Access: after the harm review, builds and stores the copy, and a single-use download for the portal. */
export async function fulfilAccess(actor: Actor, id: string, context: AuditContext) {
  if (actor.role !== "OWNER") throw forbidden();
  const request = await db().dataRequest.findUnique({ where: { id } });
  if (!request || request.practiceId !== actor.practiceId) throw notFound("That request");
  if (request.status !== "OPEN") throw new AppError("closed", "This request is already closed.", 409);
  if (request.kind !== "ACCESS" || !request.clientId) throw new AppError("wrong_kind", "Only access requests produce a copy of the data.", 400);
  if (!request.harmReviewAt) throw new AppError("harm_review_needed", "A clinician must record the serious-harm review before health data is released.", 409);
  if (await reviewIsStale(request)) {
    throw new AppError("harm_review_stale", "Notes were signed or added to since the serious-harm review. A clinician must record the review again.", 409);
  }
  const withheld = storedWithheldNotes(request);
  const { zip } = await buildClientExport(request.clientId, withheld);
  if (zip.length > ACCESS_COPY_MAX_BYTES) {
    throw new AppError("copy_too_large", "This client's copy is too large to prepare in one download. Contact support; nothing was sent.", 413);
  }
  const exportId = randomUUID();
  const contentEnc = encrypt(await notesDataKey(request.clientId), zip, copyAad(exportId), 1);
  const token = newSecretToken();
  const grounds = [...new Set(withheld.map((w) => w.ground))].sort();
  const now = new Date();
  await db().$transaction(async (tx) => {
    const { count } = await tx.dataRequest.updateMany({
      where: { id, status: "OPEN", harmReviewAt: request.harmReviewAt },
      data: {
        status: withheld.length ? "PARTLY_REFUSED" : "COMPLETED",
        legalGround: grounds.join(",") || null,
        closedAt: now,
        closedById: actor.membershipId,
        outcome: withheld.length
          ? "Your copy is ready. Download it from this page within 7 days; the link works once. Some information was withheld from it: the copy says on which grounds."
          : "Your copy is ready. Download it from this page within 7 days; the link works once.",
      },
    });
    if (count === 0) throw new AppError("changed", "The request changed while the copy was being prepared. Reload and try again.", 409);
    await tx.dataExport.create({ data: { id: exportId, requestId: id, clientId: request.clientId!, tokenHash: new Uint8Array(hashToken(token)), expiresAt: new Date(now.getTime() + EXPORT_TTL_MS), contentEnc: new Uint8Array(contentEnc) } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "request.export_prepared", target: { type: "request", id }, outcome: "SUCCESS", details: { client: request.clientCode, bytes: zip.length, withheld: withheld.length }, context });
  });
}

/** Takes a portal download: the client's own, unexpired, unused copy, as stored; marks it used and clears it. */
export async function takeExport(portal: PortalClient, token: string, context: AuditContext): Promise<Buffer> {
  const now = new Date();
  const row = await db().dataExport.findUnique({ where: { tokenHash: new Uint8Array(hashToken(token)) } });
  if (!row || row.clientId !== portal.clientId) throw notFound("That download");
  if (row.downloadedAt || row.expiresAt <= now || !row.contentEnc) {
    throw new AppError("link_used", "This download has already been used or has expired. Ask the practice for a new one.", 410);
  }
  const zip = decrypt(await notesDataKey(row.clientId), row.contentEnc, copyAad(row.id));
  const { count } = await db().dataExport.updateMany({ where: { id: row.id, downloadedAt: null, expiresAt: { gt: now } }, data: { downloadedAt: now, contentEnc: null } });
  if (count === 0) throw new AppError("link_used", "This download has already been used or has expired. Ask the practice for a new one.", 410);
  await recordAudit(db(), { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "request.export_downloaded", target: { type: "request", id: row.requestId }, outcome: "SUCCESS", context });
  return zip;
}

/**
 * The daily retention run: an access copy that expired without being downloaded loses its
 * stored content (the row stays, as the record that it was sent). Scoped by practice; returns
 * how many were cleared, and the caller audits the count only.
 */
export async function purgeExpiredCopies(practiceId: string, now = new Date()): Promise<number> {
  const { count } = await db().dataExport.updateMany({ where: { request: { practiceId }, contentEnc: { not: null }, expiresAt: { lte: now } }, data: { contentEnc: null } });
  return count;
}
