import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { notesDataKey } from "@/lib/notes/keys";
import { completeResponse } from "./complete-response";
import { answersFromFields, measureIdSchema } from "./schema";

/**
 * A clinician records answers the client gave in session. Items may be left out: the measure's
 * own rule then prorates or refuses to score. A form already waiting for this measure (in the
 * portal) is completed by it rather than left open beside it.
 */
export async function recordMeasureInSession(actor: Actor, code: string, fields: Record<string, unknown>, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const measure = measureIdSchema.parse(fields.measure);
  const answers = answersFromFields(measure, fields);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const pending = await tx.measureResponse.findFirst({
      where: { clientId: access.client.id, practiceId: actor.practiceId, measure, completedAt: null },
      orderBy: { createdAt: "asc" },
      include: { appointment: { select: { startsAt: true } } },
    });
    const done = await completeResponse(tx, key, { practiceId: actor.practiceId, clientId: access.client.id, measure, responseId: pending?.id ?? null, appointmentStartsAt: pending?.appointment?.startsAt ?? null, recordedById: actor.membershipId }, answers);
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.completed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, measure, by: "clinician", risk: done.risk }, context });
    return done;
  });
}
