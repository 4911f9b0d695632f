import "server-only";
import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { findClientForNotes } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { sealAnswers } from "./answers";
import { z } from "zod";
import { asMeasureId, MEASURES } from "./definitions";
import { assignMeasureSchema } from "./schema";

/**
 * An assigned clinician asks the client to answer a measure: once (a pending form appears in the
 * portal now) or before every session (one appears ahead of each appointment, lib/measures/
 * portal-measures.ts). One open assignment per measure and client; the client row is locked so
 * two clicks cannot make two.
 */
export async function assignMeasure(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { measure, schedule } = assignMeasureSchema.parse(input);
  if (access.client.status !== "ACTIVE") throw new AppError("client_discharged", "This client is discharged. Reopen them first.", 409);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM client WHERE id = ${access.client.id}::uuid AND "practiceId" = ${actor.practiceId}::uuid FOR UPDATE`;
    const open = await tx.measureAssignment.count({ where: { clientId: access.client.id, practiceId: actor.practiceId, measure, endedAt: null } });
    if (open > 0) throw new AppError("already_assigned", `This client is already asked to answer the ${MEASURES[measure].name}. End that first to change when.`, 409);
    const assignment = await tx.measureAssignment.create({ data: { practiceId: actor.practiceId, clientId: access.client.id, measure, schedule, createdById: actor.membershipId } });
    if (schedule === "ONCE") {
      const id = randomUUID();
      await tx.measureResponse.create({ data: { id, practiceId: actor.practiceId, clientId: access.client.id, measure, assignmentId: assignment.id, answersEnc: sealAnswers(key, id, MEASURES[measure].items.map(() => null)) } });
    }
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.assigned", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, measure, schedule }, context });
    return assignment;
  });
}

/** Stops asking: no new forms; unanswered ones are withdrawn, answers already given stay. */
export async function endMeasureAssignment(actor: Actor, code: string, assignmentId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  if (!z.uuid().safeParse(assignmentId).success) throw notFound("That measure");
  await db().$transaction(async (tx) => {
    const assignment = await tx.measureAssignment.findFirst({ where: { id: assignmentId, clientId: access.client.id, practiceId: actor.practiceId, endedAt: null } });
    if (!assignment) throw notFound("That measure");
    await tx.measureAssignment.update({ where: { id: assignment.id }, data: { endedAt: new Date() } });
    await tx.measureResponse.deleteMany({ where: { assignmentId: assignment.id, practiceId: actor.practiceId, completedAt: null } });
    await recordAudit(tx, { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.assignment_ended", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, measure: asMeasureId(assignment.measure) }, context });
  });
}
