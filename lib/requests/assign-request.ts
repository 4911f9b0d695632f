import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { openRequest, requestAuditBase } from "./load-request";
import { reviewCandidates } from "./review-candidates";

/** The owner assigns a clinician to the request (e.g. for the serious-harm review). */
export async function assignRequest(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const request = await openRequest(actor, id);
  const { membershipId } = z.object({ membershipId: z.uuid({ message: "Choose a clinician." }) }).parse(input);
  const member = (await reviewCandidates(actor, request)).find((m) => m.id === membershipId);
  if (!member) throw new AppError("not_reviewer", "Choose an owner or a therapist assigned to this client: only they may read the record to review it.", 400);
  await db().$transaction(async (tx) => {
    await tx.dataRequest.update({ where: { id }, data: { assigneeId: member.id } });
    await recordAudit(tx, { ...requestAuditBase(actor, id, context), action: "request.assigned", outcome: "SUCCESS", details: { membershipId: member.id } });
  });
}
