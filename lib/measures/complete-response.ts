import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { practiceTimeZone } from "@/lib/schedule/access";
import { toLocal } from "@/lib/schedule/time";
import { sealAnswers } from "./answers";
import type { MeasureId } from "./definitions";
import { scoreAnswers, type Answers } from "./score";

// The one place a response becomes completed: scored by the measure's rule, answers sealed,
// the day it counts for set (its appointment's day, else today, in the practice's time zone).
// Pending rows are claimed with a guarded update, so a double submit completes once.

interface Target {
  practiceId: string;
  clientId: string;
  measure: MeasureId;
  /** A pending response to complete; none: a new one is inserted. */
  responseId: string | null;
  appointmentStartsAt: Date | null;
  recordedById: string | null;
}

export async function completeResponse(tx: Prisma.TransactionClient, key: Uint8Array, target: Target, answers: Answers) {
  const scored = scoreAnswers(target.measure, answers);
  const timeZone = await practiceTimeZone(target.practiceId);
  const takenOn = new Date(`${toLocal(target.appointmentStartsAt ?? new Date(), timeZone).date}T00:00:00Z`);
  const now = new Date();
  const id = target.responseId ?? randomUUID();
  const data = { answersEnc: sealAnswers(key, id, answers), answered: scored.answered, score: scored.score, risk: scored.risk, takenOn, completedAt: now, updatedAt: now, recordedById: target.recordedById };
  if (target.responseId) {
    const { count } = await tx.measureResponse.updateMany({ where: { id, clientId: target.clientId, practiceId: target.practiceId, completedAt: null }, data });
    if (count === 0) throw new AppError("already_answered", "These answers were already sent.", 409);
  } else {
    await tx.measureResponse.create({ data: { id, practiceId: target.practiceId, clientId: target.clientId, measure: target.measure, ...data } });
  }
  return { id, ...scored };
}
