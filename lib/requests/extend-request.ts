import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { extendedDueDate } from "./due";
import { openRequest, requestAuditBase } from "./load-request";

/** Extends a complex request by the statutory two further months, once, with a reason the client sees. */
export async function extendRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { reason } = z.object({ reason: z.string().trim().min(10, "Say why the request is complex (the client will see this).").max(500) }).parse(input);
  if (request.extendedDueOn) throw new AppError("already_extended", "This request has already been extended.", 409);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { extendedDueOn: extendedDueDate(request.clockStartedAt), extensionReason: reason } });
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.extended", outcome: "SUCCESS", details: { kind: request.kind } });
  });
}
