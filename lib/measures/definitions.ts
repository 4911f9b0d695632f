// The measures Confide offers, each defined once, as data, with its source. Wording, response
// options, scoring, bands and cut-offs are as published; nothing here is paraphrased. Scoring
// (score.ts) and change (change.ts) read only these definitions.

export type MeasureId = "PHQ9" | "GAD7" | "CORE10";

export interface Band {
  /** Lowest score in the band (inclusive); a band runs up to the next band's `from`. */
  from: number;
  label: string;
}

export interface MeasureDefinition {
  id: MeasureId;
  name: string;
  title: string;
  /** The instruction printed above the items. */
  instruction: string;
  /** Response options, in order; each is worth its index (before reversal). */
  options: readonly string[];
  items: readonly string[];
  /** 1-based numbers of items scored in reverse (max option value minus the answer). */
  reversed: readonly number[];
  /** 1-based number of the risk item, if any: an answer above zero is shown to clinicians at once. */
  riskItem: number | null;
  /** Missing items the measure's own rule still scores (the mean of the answered items stands in); more refuses. */
  maxMissing: number;
  maxScore: number;
  bands: readonly Band[];
  /** The clinical cut-off: a score at or above it is in the clinical range ("caseness"). */
  clinicalCutoff: number;
  /** The smallest change (points) that is reliable at the 95% level (Jacobson & Truax 1991, |RCI| >= 1.96). */
  reliableChange: number;
  /** Shown with the measure wherever it is shown (licence terms). */
  copyright: string;
  sources: { wording: string; scoring: string; cutoff: string; reliableChange: string };
}

const PHQ_OPTIONS = ["Not at all", "Several days", "More than half the days", "Nearly every day"] as const;

export const MEASURES: Record<MeasureId, MeasureDefinition> = {
  PHQ9: {
    id: "PHQ9",
    name: "PHQ-9",
    title: "Patient Health Questionnaire (PHQ-9)",
    instruction: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    options: PHQ_OPTIONS,
    items: [
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    reversed: [],
    riskItem: 9,
    maxMissing: 2,
    maxScore: 27,
    bands: [
      { from: 0, label: "Minimal" },
      { from: 5, label: "Mild" },
      { from: 10, label: "Moderate" },
      { from: 15, label: "Moderately severe" },
      { from: 20, label: "Severe" },
    ],
    clinicalCutoff: 10,
    reliableChange: 6,
    copyright: "PHQ-9 developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    sources: {
      wording: "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613 (the form as distributed at phqscreeners.com).",
      scoring: "Kroenke et al. 2001: items 0-3, total 0-27; bands 5, 10, 15, 20. Missing items: NHS Data Dictionary, Patient Health Questionnaire-9: one or two missing values may be replaced by the mean of the answered items; more than two, not scored.",
      cutoff: "NHS Talking Therapies for anxiety and depression manual (NHS England): caseness PHQ-9 >= 10; NHS Data Dictionary: 10 or above is clinically significant.",
      reliableChange: "NHS Talking Therapies manual: reliable change on the PHQ-9 is a change of 6 or more points.",
    },
  },
  GAD7: {
    id: "GAD7",
    name: "GAD-7",
    title: "Generalized Anxiety Disorder (GAD-7)",
    instruction: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    options: PHQ_OPTIONS,
    items: [
      "Feeling nervous, anxious or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid as if something awful might happen",
    ],
    reversed: [],
    riskItem: null,
    // The GAD-7 publication gives no prorating rule: a form with any item missing is not scored.
    maxMissing: 0,
    maxScore: 21,
    bands: [
      { from: 0, label: "Minimal" },
      { from: 5, label: "Mild" },
      { from: 10, label: "Moderate" },
      { from: 15, label: "Severe" },
    ],
    clinicalCutoff: 8,
    reliableChange: 4,
    copyright: "GAD-7 developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    sources: {
      wording: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.",
      scoring: "Spitzer et al. 2006: items 0-3, total 0-21; cut points 5, 10 and 15 for mild, moderate and severe anxiety.",
      cutoff: "NHS Talking Therapies for anxiety and depression manual (NHS England): caseness GAD-7 >= 8.",
      reliableChange: "NHS Talking Therapies manual: reliable change on the GAD-7 is a change of 4 or more points.",
    },
  },
  CORE10: {
    id: "CORE10",
    name: "CORE-10",
    title: "Clinical Outcomes in Routine Evaluation (CORE-10)",
    instruction: "This form has 10 statements about how you have been OVER THE LAST WEEK. Please read each statement and think how often you felt that way last week. Then tick the box which is closest to this.",
    options: ["Not at all", "Only occasionally", "Sometimes", "Often", "Most or all of the time"],
    items: [
      "I have felt tense, anxious or nervous",
      "I have felt I have someone to turn to for support when needed",
      "I have felt able to cope when things go wrong",
      "Talking to people has felt too much for me",
      "I have felt panic or terror",
      "I made plans to end my life",
      "I have had difficulty getting to sleep or staying asleep",
      "I have felt despairing or hopeless",
      "I have felt unhappy",
      "Unwanted images or memories have been distressing me",
    ],
    reversed: [2, 3],
    riskItem: 6,
    maxMissing: 1,
    maxScore: 40,
    bands: [
      { from: 0, label: "Healthy" },
      { from: 6, label: "Low level" },
      { from: 11, label: "Mild" },
      { from: 15, label: "Moderate" },
      { from: 20, label: "Moderate-to-severe" },
      { from: 25, label: "Severe" },
    ],
    clinicalCutoff: 11,
    reliableChange: 6,
    copyright: "CORE-10 © CORE System Trust. Licensed under CC BY-NC-ND: reproduced without change and never charged for. https://www.coresystemtrust.org.uk",
    sources: {
      wording: "Barkham M, Bewick B, Mullin T, et al. The CORE-10: A short measure of psychological distress for routine use in the psychological therapies. Couns Psychother Res 2013;13(1):3-13; the form as published by CORE System Trust.",
      scoring: "Barkham et al. 2013; CORE System Trust, 'What's in a name (1): scoring CORE measures': clinical score = sum of the 10 items (items 2 and 3 reversed), 0-40; with one item missing, the mean of the other nine times ten.",
      cutoff: "Barkham et al. 2013: clinical cut-off 11; bands healthy 0-5, low level 6-10, mild 11-14, moderate 15-19, moderate-to-severe 20-24, severe 25-40.",
      reliableChange: "Barkham et al. 2013 (CORE-10 user manual, section III): reliable change of 6 or more points.",
    },
  },
};

export const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];
export const isMeasureId = (value: unknown): value is MeasureId => typeof value === "string" && Object.hasOwn(MEASURES, value);
/** A stored measure id (the database allows only these). */
export function asMeasureId(value: string): MeasureId {
  if (!isMeasureId(value)) throw new RangeError(`Unknown measure ${value}`);
  return value;
}
export const maxOption = (m: MeasureDefinition) => m.options.length - 1;
