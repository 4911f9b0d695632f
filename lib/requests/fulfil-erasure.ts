import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { eraseClient } from "@/lib/clients/erase";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { invoicesKeptOnErasure } from "@/lib/invoices/retention";
import { groundText } from "./grounds";
import { openRequest, requestAuditBase } from "./load-request";

/**
 * What the client is told when invoices must be kept: erasure is refused for those documents
 * only, on the legal-obligation ground (UK GDPR Art. 17(3)(b)), and until when.
 */
export function keptInvoicesOutcome(documents: number, until: string) {
  return `Your data has been deleted, except ${documents === 1 ? "1 invoice or receipt document" : `${documents} invoice and credit note documents`} (with their payments) that we must keep until ${until}. ${groundText("ERASURE", "legal_obligation")} They hold your client code, dates, services and amounts, and the name and address they were sent to; we delete them after that day.`;
}

/** Erasure: closes the request (its record keeps only the code), then erases the client. Invoices within their legal retention period are kept: the request is then refused in part, with the ground. */
export async function fulfilErasure(actor: Actor, id: string, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.kind !== "ERASURE" || !request.clientId) throw new AppError("wrong_kind", "This is not an erasure request for a current client.", 400);
  const client = await db().client.findUnique({ where: { id: request.clientId } });
  if (!client) throw notFound("That client");
  // The request closes in the erasure's own transaction: a failed erasure leaves it open.
  await eraseClient(actor, client, "erasure_request", context, async (tx) => {
    const kept = await invoicesKeptOnErasure(tx, actor.practiceId, client.id);
    const closing = kept.documents > 0 && kept.until
      ? { status: "PARTLY_REFUSED" as const, legalGround: "legal_obligation", outcome: keptInvoicesOutcome(kept.documents, kept.until) }
      : { status: "COMPLETED" as const, outcome: "Your data has been deleted." };
    const { count } = await tx.dataRequest.updateMany({ where: { id, practiceId: actor.practiceId }, data: { ...closing, closedAt: new Date(), closedById: actor.membershipId } });
    if (count !== 1) throw notFound("That request");
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.completed", outcome: "SUCCESS", details: { kind: "ERASURE" } });
  });
}
