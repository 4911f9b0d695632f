import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { notesDataKey } from "@/lib/notes/keys";
import { openAnswers } from "./answers";
import { changeOver, type Change } from "./change";
import { asMeasureId, MEASURES, type MeasureDefinition } from "./definitions";
import { bandFor } from "./score";

// Everything the client page shows about measures, for clinicians who read the client's notes:
// a series per measure (scores by day, with session days for markers), its change, the latest
// answers item by item (decrypted), what is assigned and what is waiting. One audited read.

export interface ScorePoint {
  id: string;
  takenOn: string;
  completedAt: Date;
  score: number | null;
  band: string | null;
  risk: boolean;
  inSession: boolean;
}

export interface MeasureSeries {
  definition: MeasureDefinition;
  points: ScorePoint[];
  change: Change | null;
  latestAnswers: (number | null)[] | null;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function readClientMeasures(actor: Actor, access: ClientAccess, context: AuditContext) {
  if (!access.canReadNotes) return null;
  const clientId = access.client.id;
  const where = { clientId, practiceId: actor.practiceId };
  const [assignments, responses, sessions] = await Promise.all([
    db().measureAssignment.findMany({ where: { ...where, endedAt: null }, orderBy: { createdAt: "asc" } }),
    db().measureResponse.findMany({ where, orderBy: [{ takenOn: "asc" }, { completedAt: "asc" }, { id: "asc" }], include: { appointment: { select: { startsAt: true } } } }),
    db().appointment.findMany({ where: { ...where, status: { in: ["ATTENDED", "SCHEDULED"] }, startsAt: { lte: new Date() } }, orderBy: { startsAt: "asc" }, select: { startsAt: true } }),
  ]);
  const completed = responses.filter((r) => r.completedAt);
  const key = completed.length ? await notesDataKey(clientId) : null;
  const series: MeasureSeries[] = [];
  for (const m of Object.values(MEASURES)) {
    const mine = completed.filter((r) => r.measure === m.id);
    if (mine.length === 0) continue;
    const points = mine.map((r) => ({ id: r.id, takenOn: isoDay(r.takenOn!), completedAt: r.completedAt!, score: r.score, band: r.score === null ? null : bandFor(m, r.score), risk: r.risk, inSession: r.recordedById !== null }));
    const latest = mine[mine.length - 1]!;
    series.push({ definition: m, points, change: changeOver(m.id, points.flatMap((p) => (p.score === null ? [] : [p.score]))), latestAnswers: openAnswers(key!, latest.id, latest.answersEnc) });
  }
  if (completed.length > 0) {
    await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.read", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { client: access.client.code, responses: completed.length }, context });
  }
  return {
    series,
    sessionDays: [...new Set(sessions.map((s) => isoDay(s.startsAt)))],
    assignments: assignments.map((a) => ({ id: a.id, measure: MEASURES[asMeasureId(a.measure)], schedule: a.schedule, since: a.createdAt })),
    pending: responses.filter((r) => !r.completedAt).map((r) => ({ id: r.id, measure: MEASURES[asMeasureId(r.measure)], answered: r.answered, appointmentStartsAt: r.appointment?.startsAt ?? null })),
    recentRisks: completed.filter((r) => r.risk && r.completedAt!.getTime() > Date.now() - RISK_WINDOW_MS).reverse().map((r) => ({ id: r.id, measure: MEASURES[asMeasureId(r.measure)], completedAt: r.completedAt! })),
  };
}

/** How long a risk answer stays on the home page and the client page. */
export const RISK_WINDOW_MS = 14 * 24 * 60 * 60_000;
