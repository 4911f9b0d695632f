import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Operator } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { practiceIdSchema, suspendPracticeSchema } from "./schema";

/**
 * Suspends a practice (step-up required): its members can no longer sign in (they are told so
 * only generically, once their credentials prove right) and every live session of theirs ends
 * now. Sessions also check the practice on every request (loadActiveSession), so none survives.
 * The reason goes to the audit trail; the operator's free-text note only onto the practice row.
 */
export async function suspendPractice(operator: Operator, input: unknown, context: AuditContext) {
  assertSteppedUp(operator);
  const { practiceId, reason, note } = suspendPracticeSchema.parse(input);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.practice.updateMany({
      where: { id: practiceId, suspendedAt: null },
      data: { suspendedAt: now, suspendedReason: reason, suspendedNote: note || null },
    });
    if (count === 0) {
      if (await tx.practice.findUnique({ where: { id: practiceId }, select: { id: true } })) {
        throw new AppError("already_suspended", "This practice is already suspended.", 409);
      }
      throw notFound("That practice");
    }
    const ended = await tx.session.updateMany({
      where: { revokedAt: null, membership: { is: { practiceId } } },
      data: { revokedAt: now },
    });
    await recordAudit(tx, {
      practiceId: null,
      actor: memberActor(operator),
      action: "platform.practice_suspended",
      target: { type: "practice", id: practiceId },
      outcome: "SUCCESS",
      details: { reason: reason.toLowerCase() as Lowercase<typeof reason>, sessionsEnded: ended.count },
      context,
    });
    return { sessionsEnded: ended.count };
  });
}

/** Lifts a suspension (step-up required): members can sign in again; the reason and note are cleared. */
export async function reactivatePractice(operator: Operator, practiceId: unknown, context: AuditContext) {
  assertSteppedUp(operator);
  const id = practiceIdSchema.parse(practiceId);
  await db().$transaction(async (tx) => {
    const { count } = await tx.practice.updateMany({
      where: { id, suspendedAt: { not: null } },
      data: { suspendedAt: null, suspendedReason: null, suspendedNote: null },
    });
    if (count === 0) {
      if (await tx.practice.findUnique({ where: { id }, select: { id: true } })) {
        throw new AppError("not_suspended", "This practice is not suspended.", 409);
      }
      throw notFound("That practice");
    }
    await recordAudit(tx, {
      practiceId: null,
      actor: memberActor(operator),
      action: "platform.practice_reactivated",
      target: { type: "practice", id },
      outcome: "SUCCESS",
      context,
    });
  });
}
