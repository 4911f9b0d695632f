import "server-only";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { isClinician } from "@/lib/clients/access";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { requestAad } from "./load-request";

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
