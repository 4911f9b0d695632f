import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { CHANGE_ORDER, classifyChange, type ChangeCategory } from "./change";
import { MEASURES, type MeasureId } from "./definitions";

// The practice's outcomes: for each measure, how many clients (with at least two scores) are in
// each change category. Counts only, and never a group smaller than the threshold: a small
// count is shown as "fewer than N", and when only one cell of a measure is hidden its total is
// hidden too, so it cannot be worked out by subtraction.

export const OUTCOMES_MIN_GROUP = 5;

/** A count, or why it is hidden: too small, or it would give away a small one by subtraction. */
export type Cell = { count: number } | { suppressed: "small" | "derivable" };

export interface MeasureOutcomes {
  measure: MeasureId;
  name: string;
  total: Cell;
  byChange: Record<ChangeCategory, Cell>;
}

/** Pure: turns raw counts into what may be shown. */
export function suppress(counts: Record<ChangeCategory, number>, threshold = OUTCOMES_MIN_GROUP): { total: Cell; byChange: Record<ChangeCategory, Cell> } {
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  const small = (n: number) => n > 0 && n < threshold;
  const byChange = Object.fromEntries(CHANGE_ORDER.map((c) => [c, small(counts[c]) ? { suppressed: "small" } : { count: counts[c] }])) as Record<ChangeCategory, Cell>;
  const hidden = CHANGE_ORDER.filter((c) => small(counts[c])).length;
  return { total: small(total) ? { suppressed: "small" } : hidden === 1 ? { suppressed: "derivable" } : { count: total }, byChange };
}

export async function practiceOutcomes(actor: Actor, context: AuditContext, threshold = OUTCOMES_MIN_GROUP): Promise<MeasureOutcomes[]> {
  if (actor.role !== "OWNER" && actor.role !== "MANAGER") throw forbidden();
  const rows = await db().$queryRaw<{ measure: string; first: number; latest: number }[]>`
    SELECT r.measure,
           (array_agg(r.score ORDER BY r."takenOn" ASC, r."completedAt" ASC, r.id ASC))[1] AS first,
           (array_agg(r.score ORDER BY r."takenOn" DESC, r."completedAt" DESC, r.id DESC))[1] AS latest
      FROM measure_response r
     WHERE r."practiceId" = ${actor.practiceId}::uuid AND r.score IS NOT NULL
     GROUP BY r."clientId", r.measure
    HAVING count(*) >= 2`;
  const out: MeasureOutcomes[] = [];
  for (const m of Object.values(MEASURES)) {
    const counts = Object.fromEntries(CHANGE_ORDER.map((c) => [c, 0])) as Record<ChangeCategory, number>;
    for (const r of rows) if (r.measure === m.id) counts[classifyChange(m.id, r.first, r.latest).category] += 1;
    out.push({ measure: m.id, name: m.name, ...suppress(counts, threshold) });
  }
  await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "measure.outcomes_viewed", target: null, outcome: "SUCCESS", details: { clients: rows.length }, context });
  return out;
}
