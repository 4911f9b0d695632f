import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { groundText, refusalSchema } from "./grounds";
import { openRequest, requestAuditBase } from "./load-request";

/** Refuses a request, wholly or partly, on a legal ground the client is told. */
export async function refuseRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { ground, explanation, partly } = refusalSchema(request.kind).parse(input);
  const outcome = [groundText(request.kind, ground), explanation].filter(Boolean).join(" ");
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { status: partly ? "PARTLY_REFUSED" : "REFUSED", legalGround: ground, outcome, closedAt: new Date(), closedById: actor.membershipId } });
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.refused", outcome: "SUCCESS", details: { kind: request.kind, ground, partly } });
  });
}
