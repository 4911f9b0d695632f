import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { openRequest, requestAuditBase } from "./load-request";

/** Closes a rectification or objection request with what was done (access and erasure have their own). */
export async function completeRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  if (request.kind === "ACCESS" || request.kind === "ERASURE") throw new AppError("wrong_kind", "Use the access or erasure action for this request.", 400);
  const { outcome } = z.object({ outcome: z.string().trim().min(5, "Tell the client what was done.").max(2000) }).parse(input);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { status: "COMPLETED", outcome, closedAt: new Date(), closedById: actor.membershipId } });
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.completed", outcome: "SUCCESS", details: { kind: request.kind } });
  });
}
