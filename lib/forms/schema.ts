import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { identitySchema, type Identity } from "@/lib/vault/schema";

// Practice forms, in one place: what a question may be, how a form version is checked before it
// is published, how a client's answer to each kind is checked, and which answers are identity
// (they go to the vault) and which are clinical (sealed under the client's notes key).

export const FORM_LIMITS = {
  title: 120,
  fields: 40,
  label: 200,
  help: 500,
  options: 20,
  option: 100,
  statement: 4000,
  shortAnswer: 200,
  longAnswer: 5000,
  /** The whole version (title and questions) as stored JSON. */
  versionBytes: 64 * 1024,
  /** Questions shown per portal page (each page is saved on "Save and continue"). */
  perPage: 3,
} as const;

export const FIELD_KINDS = {
  short_text: "Short answer",
  long_text: "Long answer",
  choice: "Choice (pick one)",
  date: "Date",
  yes_no: "Yes or no",
  consent: "Consent statement (signed by typing their name)",
} as const;
export type FieldKind = keyof typeof FIELD_KINDS;

/** The vault fields a question may fill (identity); anything else is clinical. */
export const IDENTITY_TARGETS = {
  fullName: "Full name",
  dateOfBirth: "Date of birth",
  email: "Email",
  phone: "Phone",
  address: "Address",
  gp: "GP",
  emergencyContact: "Emergency contact",
} as const satisfies Partial<Record<keyof Identity, string>>;
export type IdentityTarget = keyof typeof IDENTITY_TARGETS;

const text = (max: number, what: string) => z.string().trim().max(max, `Keep ${what} under ${max} characters.`);

export const fieldSchema = z.object({
  id: z.string().regex(/^f[0-9a-z]{4,16}$/),
  kind: z.enum(Object.keys(FIELD_KINDS) as [FieldKind, ...FieldKind[]], { message: "Choose what kind of question this is." }),
  label: text(FORM_LIMITS.label, "the question").min(1, "Write the question."),
  help: text(FORM_LIMITS.help, "the hint").default(""),
  required: z.boolean().default(false),
  identity: z.enum(Object.keys(IDENTITY_TARGETS) as [IdentityTarget, ...IdentityTarget[]]).nullable().default(null),
  options: z.array(text(FORM_LIMITS.option, "each choice").min(1)).max(FORM_LIMITS.options, `Offer at most ${FORM_LIMITS.options} choices.`).default([]),
  statement: text(FORM_LIMITS.statement, "the consent statement").default(""),
});
export type FormField = z.infer<typeof fieldSchema>;

/** The problem with one question on its own, in plain words (null: it is fine). */
export function fieldProblem(field: FormField): string | null {
  if (field.kind === "choice") {
    if (field.options.length < 2) return "A choice question needs at least two choices (one per line).";
    if (new Set(field.options.map((o) => o.toLowerCase())).size !== field.options.length) return "Each choice must be different.";
  } else if (field.options.length > 0) return "Only a choice question has choices.";
  if (field.kind === "consent") {
    if (!field.statement) return "Write the consent statement the client agrees to.";
    if (field.identity) return "A consent statement is signed with a typed name, which is kept in the vault; it cannot also fill an identity field.";
  } else if (field.statement) return "Only a consent question has a statement.";
  if (field.identity === "dateOfBirth" && field.kind !== "date") return "Date of birth must be a date question.";
  if (field.identity && field.identity !== "dateOfBirth" && field.kind !== "short_text" && field.kind !== "long_text") return `${IDENTITY_TARGETS[field.identity]} must be a short or long answer.`;
  return null;
}

export const versionContentSchema = z
  .object({
    title: text(FORM_LIMITS.title, "the title").min(1, "Give the form a title."),
    fields: z.array(fieldSchema).max(FORM_LIMITS.fields, `A form can have at most ${FORM_LIMITS.fields} questions.`),
  })
  .superRefine((v, ctx) => {
    const ids = new Set<string>();
    const targets = new Set<string>();
    v.fields.forEach((field, i) => {
      const problem = fieldProblem(field);
      if (problem) ctx.addIssue({ code: "custom", path: ["fields", i], message: `Question ${i + 1}: ${problem}` });
      if (ids.has(field.id)) ctx.addIssue({ code: "custom", path: ["fields", i], message: `Question ${i + 1} repeats another's id.` });
      ids.add(field.id);
      if (field.identity) {
        if (targets.has(field.identity)) ctx.addIssue({ code: "custom", path: ["fields", i], message: `Question ${i + 1}: another question already asks for ${IDENTITY_TARGETS[field.identity].toLowerCase()}.` });
        targets.add(field.identity);
      }
    });
    if (Buffer.byteLength(JSON.stringify(v)) > FORM_LIMITS.versionBytes) ctx.addIssue({ code: "custom", path: ["fields"], message: "This form is too long. Split it into two forms." });
  });
export type VersionContent = z.infer<typeof versionContentSchema>;

/** What must hold to publish: a valid version with at least one question. */
export function publishProblem(content: unknown): string | null {
  const parsed = versionContentSchema.safeParse(content);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  if (parsed.data.fields.length === 0) return "Add at least one question before publishing.";
  return null;
}

/** The fields as stored; anything else (hand-edited rows) is refused loudly. */
export const storedFields = (json: unknown): FormField[] => z.array(fieldSchema).parse(json);

export const newFieldId = () => `f${randomBytes(6).toString("hex")}`;

/** SHA-256 of a version's canonical content, recorded at publishing. */
export const versionHash = (content: VersionContent) => createHash("sha256").update(JSON.stringify({ title: content.title, fields: content.fields })).digest();

/** SHA-256 of a consent statement as shown: what a consent record points at. */
export const statementHash = (statement: string) => createHash("sha256").update(statement).digest();

/** Where a question's answer is kept. */
export type AnswerHome = "vault" | "clinical";
export const answerHome = (field: FormField): AnswerHome => (field.identity || field.kind === "consent" ? "vault" : "clinical");

// Answers: every answer is a string as the portal form posts it. A consent's answer is the typed
// name (vault) plus whether they agreed (its consent row).
export interface ConsentAnswer {
  agreed: boolean;
  name: string;
}

/** Checks one posted answer; "" means not answered. Returns the normalised answer or a problem. */
export function checkAnswer(field: FormField, raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  const value = raw.trim();
  if (value === "") return { ok: true, value: "" };
  switch (field.kind) {
    case "short_text":
      if (value.length > FORM_LIMITS.shortAnswer) return { ok: false, problem: `Keep this answer under ${FORM_LIMITS.shortAnswer} characters.` };
      break;
    case "long_text":
      if (value.length > FORM_LIMITS.longAnswer) return { ok: false, problem: `Keep this answer under ${FORM_LIMITS.longAnswer} characters.` };
      break;
    case "choice":
      if (!field.options.includes(value)) return { ok: false, problem: "Choose one of the answers given." };
      break;
    case "yes_no":
      if (value !== "yes" && value !== "no") return { ok: false, problem: "Choose yes or no." };
      break;
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)) || new Date(value).toISOString().slice(0, 10) !== value) return { ok: false, problem: "Enter a date, as day, month and year." };
      break;
    case "consent":
      if (value.length > FORM_LIMITS.shortAnswer) return { ok: false, problem: "Type your name, under 200 characters." };
      break;
  }
  if (field.identity) {
    const checked = identitySchema.shape[field.identity].safeParse(value);
    if (!checked.success) return { ok: false, problem: checked.error.issues[0]!.message.replace("the client's", "your") };
    return { ok: true, value: checked.data ?? "" };
  }
  return { ok: true, value };
}

/** The problem that stops a form being sent, or null: required questions answered, required consents given. */
export function submitProblem(fields: FormField[], answers: Record<string, string>, consents: Record<string, boolean>): string | null {
  for (const [i, field] of fields.entries()) {
    if (!field.required) continue;
    if (field.kind === "consent" ? !(consents[field.id] && answers[field.id]) : !answers[field.id]) {
      return `Question ${i + 1} needs an answer${field.kind === "consent" ? " (tick that you agree and type your name)" : ""} before you send the form.`;
    }
  }
  return null;
}

export const pageCount = (fields: FormField[]) => Math.max(1, Math.ceil(fields.length / FORM_LIMITS.perPage));
export const pageFields = (fields: FormField[], page: number) => fields.slice(page * FORM_LIMITS.perPage, (page + 1) * FORM_LIMITS.perPage);
