import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { eraseClient } from "@/lib/clients/erase";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { openRequest, requestAuditBase } from "./load-request";

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
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.completed", outcome: "SUCCESS", details: { kind: "ERASURE" } });
  });
}
