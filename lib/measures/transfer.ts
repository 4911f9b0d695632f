import "server-only";
import type { EntityRows } from "@/lib/transfer/archive";
import { chunks } from "@/lib/transfer/bulk";
import type { ImportMaps } from "@/lib/transfer/check-practice-import";
import type { ClientKey } from "@/lib/transfer/restore-clients";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openAnswers, sealAnswers } from "./answers";
import { asMeasureId, MEASURES } from "./definitions";
import { scoreAnswers, validAnswers } from "./score";

// Measures in the practice export (lib/transfer): assignments and responses, answers decrypted;
// on restore the answers are sealed under the client's new notes key and scored again by the
// measure's rule, so a score can never disagree with its answers.

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

export async function collectMeasures(practiceId: string, codeOf: Map<string, string>, keyFor: (clientId: string) => Promise<Buffer | null>): Promise<Pick<EntityRows, "measure_assignments" | "measure_responses">> {
  const [assignments, responses] = await Promise.all([
    db().measureAssignment.findMany({ where: { practiceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db().measureResponse.findMany({ where: { practiceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  return {
    measure_assignments: assignments.map((a) => ({ id: a.id, clientCode: codeOf.get(a.clientId)!, measure: asMeasureId(a.measure), schedule: a.schedule, createdById: a.createdById, createdAt: a.createdAt.toISOString(), endedAt: isoOrNull(a.endedAt) })),
    measure_responses: await Promise.all(
      responses.map(async (r) => {
        const key = await keyFor(r.clientId);
        if (!key) throw new Error(`notes key missing for a client of practice ${practiceId}`);
        return {
          id: r.id,
          clientCode: codeOf.get(r.clientId)!,
          measure: asMeasureId(r.measure),
          assignmentId: r.assignmentId,
          appointmentId: r.appointmentId,
          answers: openAnswers(key, r.id, r.answersEnc),
          takenOn: r.takenOn?.toISOString().slice(0, 10) ?? null,
          completedAt: isoOrNull(r.completedAt),
          recordedById: r.recordedById,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        };
      }),
    ),
  };
}

/** Members an archive's measures refer to (they must be members here before a restore). */
export const measureMembers = (rows: EntityRows) => [...rows.measure_assignments.map((a) => a.createdById), ...rows.measure_responses.flatMap((r) => (r.recordedById ? [r.recordedById] : []))];

/** Plain sentences for what in the archive's measures does not hold together. */
export function measureImportProblems(rows: EntityRows, clientIdOf: Map<string, string>): string[] {
  const problems: string[] = [];
  const assignments = new Map(rows.measure_assignments.map((a) => [a.id, a]));
  const appointments = new Set(rows.appointments.map((a) => a.id));
  for (const a of rows.measure_assignments) if (!clientIdOf.has(a.clientCode)) problems.push(`Measure assignment ${a.id} belongs to a client code that is not in clients.json.`);
  for (const r of rows.measure_responses) {
    if (!clientIdOf.has(r.clientCode)) problems.push(`Measure response ${r.id} belongs to a client code that is not in clients.json.`);
    if (r.assignmentId && assignments.get(r.assignmentId)?.clientCode !== r.clientCode) problems.push(`Measure response ${r.id} names an assignment that is not in measure_assignments.json for the same client.`);
    if (r.appointmentId && !appointments.has(r.appointmentId)) problems.push(`Measure response ${r.id} is linked to an appointment that is not in appointments.json.`);
    if (!validAnswers(MEASURES[r.measure], r.answers)) problems.push(`Measure response ${r.id} does not have one valid answer per ${MEASURES[r.measure].name} item.`);
    if (r.completedAt && !r.takenOn) problems.push(`Measure response ${r.id} is completed but has no day it counts for.`);
  }
  return problems;
}

export async function restoreMeasures(tx: Prisma.TransactionClient, practiceId: string, rows: EntityRows, maps: ImportMaps, key: ClientKey) {
  for (const part of chunks(rows.measure_assignments)) {
    await tx.measureAssignment.createMany({
      data: part.map((a) => ({ id: a.id, practiceId, clientId: maps.clientIdOf.get(a.clientCode)!, measure: a.measure, schedule: a.schedule, createdById: maps.member(a.createdById), createdAt: new Date(a.createdAt), endedAt: a.endedAt ? new Date(a.endedAt) : null })),
    });
  }
  for (const part of chunks(rows.measure_responses)) {
    await tx.measureResponse.createMany({
      data: part.map((r) => {
        const clientId = maps.clientIdOf.get(r.clientCode)!;
        const scored = scoreAnswers(r.measure, r.answers);
        return {
          id: r.id,
          practiceId,
          clientId,
          measure: r.measure,
          assignmentId: r.assignmentId,
          appointmentId: r.appointmentId,
          answersEnc: sealAnswers(key(clientId), r.id, r.answers),
          answered: scored.answered,
          score: r.completedAt ? scored.score : null,
          risk: r.completedAt ? scored.risk : false,
          takenOn: r.takenOn ? new Date(`${r.takenOn}T00:00:00Z`) : null,
          completedAt: r.completedAt ? new Date(r.completedAt) : null,
          recordedById: r.recordedById ? maps.member(r.recordedById) : null,
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.updatedAt),
        };
      }),
    });
  }
}
