import { MEASURES, type MeasureId } from "./definitions";

// Change you can trust (Jacobson & Truax 1991, J Consult Clin Psychol 59(1):12-19):
// - reliable change: RCI = (latest - first) / S_diff, reliable when |RCI| >= 1.96. Each measure's
//   published reliable-change threshold (definitions.ts, cited) is 1.96 * S_diff, so
//   S_diff = threshold / 1.96 and "reliable" is exactly "changed by at least the threshold";
// - clinically significant change: moving from the clinical range (at or above the cut-off) to
//   below it. Reliable improvement that also crosses the cut-off is "recovered" (as NHS Talking
//   Therapies count reliable recovery). Higher scores are worse on every measure here.

export type ChangeCategory = "recovered" | "reliable improvement" | "no reliable change" | "reliable deterioration";

export interface Change {
  first: number;
  latest: number;
  /** latest - first (negative is better). */
  difference: number;
  /** The reliable change index, to two decimals. */
  rci: number;
  category: ChangeCategory;
  /** Started at or above the clinical cut-off and ended below it. */
  crossedCutoff: boolean;
}

/** Orders categories best first (for sorting a caseload by change). */
export const CHANGE_ORDER: readonly ChangeCategory[] = ["recovered", "reliable improvement", "no reliable change", "reliable deterioration"];

export function classifyChange(id: MeasureId, first: number, latest: number): Change {
  const m = MEASURES[id];
  const difference = Math.round((latest - first) * 10) / 10;
  const sDiff = m.reliableChange / 1.96;
  const rci = Math.round((difference / sDiff) * 100) / 100;
  const crossedCutoff = first >= m.clinicalCutoff && latest < m.clinicalCutoff;
  const improved = -difference >= m.reliableChange;
  const worse = difference >= m.reliableChange;
  const category: ChangeCategory = improved ? (crossedCutoff ? "recovered" : "reliable improvement") : worse ? "reliable deterioration" : "no reliable change";
  return { first, latest, difference, rci, category, crossedCutoff };
}

/** Change across a series of scores (oldest first): the first scored against the latest; null with fewer than two. */
export function changeOver(id: MeasureId, scores: readonly number[]): Change | null {
  return scores.length < 2 ? null : classifyChange(id, scores[0]!, scores[scores.length - 1]!);
}
