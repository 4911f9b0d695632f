import { maxOption, MEASURES, type MeasureDefinition, type MeasureId } from "./definitions";

// Scoring by each measure's own published rule (definitions.ts): reversed items flipped, a few
// missing items prorated from the mean of the answered ones where the measure allows it, and
// refusal to score past that. Pure, so scoring 10,000 responses needs no database.

/** One answer per item, in order: the option's index, or null when the item was left out. */
export type Answers = readonly (number | null)[];

export interface Scored {
  /** The score, or null when the measure's rule refuses to score (too many items missing). */
  score: number | null;
  band: string | null;
  answered: number;
  missing: number;
  /** The score stands in for missing items (the mean of the answered ones). */
  prorated: boolean;
  /** The risk item was answered above zero. */
  risk: boolean;
  /** At or above the clinical cut-off (null when not scored). */
  clinical: boolean | null;
}

/** Checks that answers fit the measure: one per item, each null or a whole option index. */
export function validAnswers(m: MeasureDefinition, answers: unknown): answers is Answers {
  return Array.isArray(answers) && answers.length === m.items.length && answers.every((a) => a === null || (Number.isInteger(a) && a >= 0 && a <= maxOption(m)));
}

export function bandFor(m: MeasureDefinition, score: number): string {
  let label = m.bands[0]!.label;
  for (const b of m.bands) if (score >= b.from) label = b.label;
  return label;
}

export function scoreAnswers(id: MeasureId, answers: Answers): Scored {
  const m = MEASURES[id];
  if (!validAnswers(m, answers)) throw new RangeError(`${m.name} takes ${m.items.length} answers, each 0 to ${maxOption(m)} or left out.`);
  const given = answers.flatMap((a, i) => (a === null ? [] : [m.reversed.includes(i + 1) ? maxOption(m) - a : a]));
  const answered = given.length;
  const missing = m.items.length - answered;
  const riskAnswer = m.riskItem === null ? null : answers[m.riskItem - 1];
  const risk = riskAnswer !== null && riskAnswer !== undefined && riskAnswer > 0;
  if (answered === 0 || missing > m.maxMissing) return { score: null, band: null, answered, missing, prorated: false, risk, clinical: null };
  const sum = given.reduce((s, v) => s + v, 0);
  const score = missing === 0 ? sum : Math.round(((sum * m.items.length) / answered) * 10) / 10;
  return { score, band: bandFor(m, score), answered, missing, prorated: missing > 0, risk, clinical: score >= m.clinicalCutoff };
}
