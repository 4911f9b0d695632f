import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { clientActor, type PortalClient } from "@/lib/portal/session";
import { openAnswers, sealAnswers } from "./answers";
import { completeResponse } from "./complete-response";
import { asMeasureId, MEASURES } from "./definitions";
import { answersFromFields } from "./schema";

// The client's side: what is waiting to be answered, one measure per short page, progress kept
// (sealed like notes) when they leave, and scoring when they send. A client only ever reaches
// their own responses; anything else is a 404.

/** An every-session measure is asked for the next appointment starting within this window. */
export const DUE_BEFORE_MS = 3 * 24 * 60 * 60_000;
/** ...and stays open until this long after it started (answered in the waiting room). */
const DUE_AFTER_MS = 12 * 60 * 60_000;

/**
 * Opens a form for each every-session measure ahead of the client's next appointment: the
 * earliest scheduled one in the window not yet answered for. Racing page loads insert once
 * (the response is unique per assignment and appointment).
 */
async function openDueForms(portal: PortalClient) {
  const assignments = await db().measureAssignment.findMany({ where: { clientId: portal.clientId, practiceId: portal.practiceId, schedule: "EVERY_SESSION", endedAt: null } });
  if (assignments.length === 0) return;
  const now = Date.now();
  const appointments = await db().appointment.findMany({
    where: { clientId: portal.clientId, practiceId: portal.practiceId, status: "SCHEDULED", startsAt: { gte: new Date(now - DUE_AFTER_MS), lte: new Date(now + DUE_BEFORE_MS) } },
    orderBy: { startsAt: "asc" },
    take: 10,
    select: { id: true },
  });
  if (appointments.length === 0) return;
  const existing = await db().measureResponse.findMany({
    where: { assignmentId: { in: assignments.map((a) => a.id) }, appointmentId: { in: appointments.map((a) => a.id) } },
    select: { assignmentId: true, appointmentId: true, completedAt: true },
  });
  const key = await notesDataKey(portal.clientId);
  const rows = [];
  for (const a of assignments) {
    for (const appt of appointments) {
      const row = existing.find((e) => e.assignmentId === a.id && e.appointmentId === appt.id);
      if (row?.completedAt) continue;
      if (!row) {
        const id = randomUUID();
        const measure = asMeasureId(a.measure);
        rows.push({ id, practiceId: portal.practiceId, clientId: portal.clientId, measure, assignmentId: a.id, appointmentId: appt.id, answersEnc: sealAnswers(key, id, MEASURES[measure].items.map(() => null)) });
      }
      break;
    }
  }
  if (rows.length) await db().measureResponse.createMany({ data: rows, skipDuplicates: true });
}

export interface PendingMeasure {
  id: string;
  measure: string;
  name: string;
  answered: number;
  items: number;
  appointmentStartsAt: Date | null;
}

export async function listPendingMeasures(portal: PortalClient): Promise<PendingMeasure[]> {
  await openDueForms(portal);
  const rows = await db().measureResponse.findMany({
    where: { clientId: portal.clientId, practiceId: portal.practiceId, completedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { appointment: { select: { startsAt: true } } },
  });
  return rows.map((r) => {
    const m = MEASURES[asMeasureId(r.measure)];
    return { id: r.id, measure: m.id, name: m.name, answered: r.answered, items: m.items.length, appointmentStartsAt: r.appointment?.startsAt ?? null };
  });
}

async function findPending(portal: PortalClient, id: string) {
  const row = z.uuid().safeParse(id).success
    ? await db().measureResponse.findFirst({ where: { id, clientId: portal.clientId, practiceId: portal.practiceId }, include: { appointment: { select: { startsAt: true } } } })
    : null;
  if (!row) throw notFound("That questionnaire");
  return row;
}

/** One pending form with the answers saved so far, for the client to carry on. */
export async function openPendingMeasure(portal: PortalClient, id: string) {
  const row = await findPending(portal, id);
  const measure = asMeasureId(row.measure);
  if (row.completedAt) return { id: row.id, measure, completed: true as const, risk: row.risk, answers: null };
  const key = await notesDataKey(portal.clientId);
  return { id: row.id, measure, completed: false as const, risk: false, answers: openAnswers(key, row.id, row.answersEnc) };
}

/**
 * Saves the client's answers. `finish` scores and sends them (every item must be answered: the
 * client can always come back); otherwise progress is kept for later. Returns whether a risk
 * item was above zero, so the page can show the crisis text at once.
 */
export async function answerPendingMeasure(portal: PortalClient, id: string, fields: Record<string, unknown>, finish: boolean, context: AuditContext) {
  const row = await findPending(portal, id);
  if (row.completedAt) throw new AppError("already_answered", "You have already sent these answers. Thank you.", 409);
  const measure = asMeasureId(row.measure);
  const answers = answersFromFields(measure, fields);
  const answered = answers.filter((a) => a !== null).length;
  const key = await notesDataKey(portal.clientId);
  const audit = { practiceId: portal.practiceId, actor: clientActor(portal.code), target: { type: "client", id: portal.code }, outcome: "SUCCESS" as const, context };
  if (!finish) {
    await db().$transaction(async (tx) => {
      const { count } = await tx.measureResponse.updateMany({ where: { id: row.id, clientId: portal.clientId, completedAt: null }, data: { answersEnc: sealAnswers(key, row.id, answers), answered, updatedAt: new Date() } });
      if (count === 0) throw new AppError("already_answered", "You have already sent these answers. Thank you.", 409);
      await recordAudit(tx, { ...audit, action: "measure.progress_saved", details: { client: portal.code, measure, answered } });
    });
    return { completed: false, risk: false, missing: answers.length - answered };
  }
  const missing = answers.flatMap((a, i) => (a === null ? [i + 1] : []));
  if (missing.length > 0) {
    // Keep what they gave, and say which questions are left.
    await db().measureResponse.updateMany({ where: { id: row.id, clientId: portal.clientId, completedAt: null }, data: { answersEnc: sealAnswers(key, row.id, answers), answered, updatedAt: new Date() } });
    throw new AppError("answers_missing", `Please answer question${missing.length === 1 ? "" : "s"} ${missing.join(", ")} too. Your other answers are saved.`, 400);
  }
  const result = await db().$transaction(async (tx) => {
    const done = await completeResponse(tx, key, { practiceId: portal.practiceId, clientId: portal.clientId, measure, responseId: row.id, appointmentStartsAt: row.appointment?.startsAt ?? null, recordedById: null }, answers);
    await recordAudit(tx, { ...audit, action: "measure.completed", details: { client: portal.code, measure, by: "client", risk: done.risk } });
    return done;
  });
  return { completed: true, risk: result.risk, missing: 0 };
}
