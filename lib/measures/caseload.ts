import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { CHANGE_ORDER, classifyChange, type ChangeCategory } from "./change";
import { MEASURE_IDS, type MeasureId } from "./definitions";

// The caseload's measure columns: for one measure, each client's latest score and change
// (first scored against latest), only for clients this member is assigned to (scores are
// clinical; owners see note activity, not content). Sorting and filtering happen here, not in
// the page.

export const caseloadMeasureQuerySchema = z.object({
  measure: z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]]).catch("PHQ9"),
  sort: z.enum(["label", "score", "change"]).catch("label"),
  change: z.enum(["any", "recovered", "improvement", "none", "deterioration", "unmeasured"]).catch("any"),
});
export type CaseloadMeasureQuery = z.infer<typeof caseloadMeasureQuerySchema>;

export interface ClientMeasure {
  latest: number | null;
  change: ChangeCategory | null;
  scores: number;
}

const FILTER: Record<Exclude<CaseloadMeasureQuery["change"], "any" | "unmeasured">, ChangeCategory> = {
  recovered: "recovered",
  improvement: "reliable improvement",
  none: "no reliable change",
  deterioration: "reliable deterioration",
};

/** Latest score and change of one measure for the given clients (by id) this member is assigned to. */
export async function caseloadMeasures(actor: Actor, clientIds: readonly string[], measure: MeasureId): Promise<Map<string, ClientMeasure>> {
  if (clientIds.length === 0 || actor.role === "MANAGER") return new Map();
  const rows = await db().$queryRaw<{ clientId: string; first: number; latest: number; scores: bigint }[]>`
    SELECT r."clientId",
           (array_agg(r.score ORDER BY r."takenOn" ASC, r."completedAt" ASC, r.id ASC))[1] AS first,
           (array_agg(r.score ORDER BY r."takenOn" DESC, r."completedAt" DESC, r.id DESC))[1] AS latest,
           count(*) AS scores
      FROM measure_response r
     WHERE r."practiceId" = ${actor.practiceId}::uuid
       AND r."clientId" = ANY(${clientIds as string[]}::uuid[])
       AND r.measure = ${measure}
       AND r.score IS NOT NULL
       AND EXISTS (SELECT 1 FROM client_assignment a WHERE a."clientId" = r."clientId" AND a."membershipId" = ${actor.membershipId}::uuid)
     GROUP BY r."clientId"`;
  return new Map(rows.map((r) => [r.clientId, { latest: r.latest, scores: Number(r.scores), change: Number(r.scores) >= 2 ? classifyChange(measure, r.first, r.latest).category : null }]));
}

/** Applies the change filter and the sort to caseload rows carrying their measure. */
export function sortCaseloadByMeasure<T extends { label: string | null; code: string; measure: ClientMeasure | null }>(rows: T[], query: CaseloadMeasureQuery): T[] {
  const kept = rows.filter((r) =>
    query.change === "any" ? true : query.change === "unmeasured" ? !r.measure : r.measure?.change === FILTER[query.change],
  );
  const byLabel = (a: T, b: T) => (a.label ?? "").localeCompare(b.label ?? "") || a.code.localeCompare(b.code);
  if (query.sort === "score") return kept.sort((a, b) => (b.measure?.latest ?? -1) - (a.measure?.latest ?? -1) || byLabel(a, b));
  if (query.sort === "change") {
    // Worst first: deterioration, then no change, improvement, recovered; unmeasured last.
    const rank = (r: T) => (r.measure?.change ? CHANGE_ORDER.indexOf(r.measure.change) : -1);
    return kept.sort((a, b) => rank(b) - rank(a) || byLabel(a, b));
  }
  return kept.sort(byLabel);
}
