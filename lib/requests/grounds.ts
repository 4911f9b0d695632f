import { z } from "zod";

// The legal grounds on which a practice may refuse a data-subject request, in whole or in part,
// by kind of request: each kind offers only its own, and the server refuses any other. The
// wording is what the client reads (in the portal and in their copy). An access request is
// refused here only as a whole (Art. 12(5)); refusing part of it (another person's data,
// serious harm) is the harm review's note-by-note withholding, so the client still gets a copy
// of the rest (see harm-review.ts and access-copy.ts).

const MANIFESTLY = {
  manifestly_unfounded: "The request is manifestly unfounded (UK GDPR Art. 12(5)).",
  manifestly_excessive: "The request is manifestly excessive, for example because it repeats one we have just answered (UK GDPR Art. 12(5)).",
} as const;

/** Grounds for withholding part of an access copy (the serious-harm review applies them item by item). */
export const WITHHOLDING_GROUNDS = {
  third_party: "It would reveal information about another person who has not agreed to this, and it is not reasonable to disclose it without their consent (Data Protection Act 2018, Sch. 2 Part 3 para. 16).",
  serious_harm: "A health professional judged that releasing it would be likely to cause serious harm to your physical or mental health, or to someone else's (Data Protection Act 2018, Sch. 3 Part 2 para. 5).",
} as const;
export type WithholdingGround = keyof typeof WITHHOLDING_GROUNDS;
export const withholdingGroundSchema = z.enum(Object.keys(WITHHOLDING_GROUNDS) as [WithholdingGround, ...WithholdingGround[]], { message: "Choose the ground for withholding." });

export const REFUSAL_GROUNDS = {
  ACCESS: { ...MANIFESTLY },
  RECTIFICATION: { ...MANIFESTLY },
  ERASURE: {
    legal_obligation: "We must keep these records by law (Art. 17(3)(b)), for example under professional record-keeping rules.",
    public_health: "The records are needed for reasons of public health (Art. 17(3)(c)).",
    legal_claims: "The records are needed to establish, exercise or defend legal claims (Art. 17(3)(e)).",
    ...MANIFESTLY,
  },
  OBJECTION: {
    compelling_grounds: "We have compelling legitimate grounds for the processing which override your interests, or need it for legal claims (UK GDPR Art. 21(1)).",
    ...MANIFESTLY,
  },
} as const satisfies Record<string, Record<string, string>>;
export type RefusableKind = keyof typeof REFUSAL_GROUNDS;
/** A refusal ground of any kind of request (each kind offers only its own: refusalSchema). */
export type RefusalGround = { [K in RefusableKind]: keyof (typeof REFUSAL_GROUNDS)[K] }[RefusableKind];

/** The grounds offered for this kind of request: [key, what the client reads]. */
export const refusalGroundsFor = (kind: RefusableKind): [string, string][] => Object.entries(REFUSAL_GROUNDS[kind]);

/**
 * Whether this kind of request may be refused in part from the refusal form. Access: never (see
 * above). Erasure: never, since erasure here is all or nothing (the client's keys are destroyed),
 * so "partly refused" would promise a part that never happens. Correction and objection: yes,
 * the practice acts on the rest itself (an addendum, a change in processing) and says so.
 */
export const refusableInPart = (kind: RefusableKind) => kind === "RECTIFICATION" || kind === "OBJECTION";

const WHOLE_ONLY: Partial<Record<RefusableKind, string>> = {
  ACCESS: "An access request is refused here only as a whole. To withhold part of the copy, record it in the serious-harm review, note by note; the client then gets the rest.",
  ERASURE: "An erasure request is refused here only as a whole: erasure removes the whole record or nothing. To keep the record, refuse on the ground that applies.",
};

/** What the refusal panel says for a kind refused only as a whole, or null. */
export function wholeRefusalHint(kind: RefusableKind): string | null {
  if (kind === "ACCESS") return "Only when the whole request is manifestly unfounded or excessive: the client then gets no copy. To keep back part of it (about another person, or likely to cause serious harm), withhold those notes in the serious-harm review instead: the client gets a copy of everything else, and it names the ground.";
  if (kind === "ERASURE") return "Erasure removes the whole record or nothing, so refusing keeps all of it. Choose the ground that applies: the client reads it.";
  return null;
}

/** The schema for a refusal of this kind of request: any ground of another kind is a 400. */
export function refusalSchema(kind: RefusableKind) {
  const keys = Object.keys(REFUSAL_GROUNDS[kind]) as [RefusalGround, ...RefusalGround[]];
  return z.object({
    ground: z.enum(keys, { message: "Choose one of the legal grounds offered for this kind of request." }),
    explanation: z.string().trim().max(2000).optional().default(""),
    partly: refusableInPart(kind)
      ? z.boolean().default(false)
      : z.literal(false, { message: WHOLE_ONLY[kind] ?? "This request is refused here only as a whole." }).default(false),
  });
}

/** What the client reads for a recorded ground (any kind), or null for an unknown key. */
export function groundText(kind: RefusableKind, ground: string): string | null {
  return (REFUSAL_GROUNDS[kind] as Record<string, string>)[ground] ?? null;
}
