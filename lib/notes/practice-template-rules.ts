import { z } from "zod";
import { TEMPLATES, templateIds, type NoteLayout, type TemplateId } from "./templates";

// Practice note templates, the rules (pure: forms, operations and tests share them). A practice
// template is a name and 1 to MAX_SECTIONS named sections, each with an optional prompt. Its
// sections are keyed s1, s2, ... in order: a note copies the layout when it is started, so keys
// only have to be stable within one note.

export const MAX_SECTIONS = 12;
export const MAX_PRACTICE_TEMPLATES = 50;
export const MAX_NAME = 60;
export const MAX_PROMPT = 300;

const name = z
  .string()
  .trim()
  .min(1, "Give the template a name.")
  .max(MAX_NAME, `A template name has at most ${MAX_NAME} characters.`)
  .regex(/^[^<>\p{Cc}]*$/u, "Use letters, digits and ordinary punctuation in the name.");

const sectionSchema = z.object({
  label: z.string().trim().min(1).max(MAX_NAME, `A section name has at most ${MAX_NAME} characters.`).regex(/^[^<>\p{Cc}]*$/u, "Use letters, digits and ordinary punctuation in section names."),
  prompt: z.string().trim().max(MAX_PROMPT, `A prompt has at most ${MAX_PROMPT} characters.`),
});

/** A template as the owner wrote it; rows with no section name are left out (blank form rows). */
export const practiceTemplateSchema = z
  .object({
    name,
    sections: z
      .array(z.object({ label: z.string().max(1000).default(""), prompt: z.string().max(5000).default("") }))
      .max(MAX_SECTIONS * 2)
      .transform((rows) => rows.filter((r) => r.label.trim() !== ""))
      .pipe(z.array(sectionSchema).min(1, "Add at least one section.").max(MAX_SECTIONS, `A template has at most ${MAX_SECTIONS} sections.`)),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const s of t.sections) {
      const key = nameKey(s.label);
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `Two sections are called ${s.label}: give each its own name.`, path: ["sections"] });
      seen.add(key);
    }
  });

export type PracticeTemplateInput = z.infer<typeof practiceTemplateSchema>;
export type StoredSection = { key: string; label: string; prompt: string };

/** How names are compared for duplicates: case, spacing and accents aside. */
export const nameKey = (value: string) => value.normalize("NFKD").replace(/\p{M}/gu, "").trim().replace(/\s+/g, " ").toLowerCase();

/** Whether a practice template's name is taken by a built-in template. */
export const isBuiltInName = (value: string) => templateIds.some((id) => nameKey(TEMPLATES[id].name) === nameKey(value));

/** The sections as stored: keyed s1, s2, ... in order. */
export const storedSections = (sections: PracticeTemplateInput["sections"]): StoredSection[] =>
  sections.map((s, i) => ({ key: `s${i + 1}`, label: s.label, prompt: s.prompt }));

/** Reads stored sections back (anything malformed is dropped rather than shown). */
export function readStoredSections(value: unknown): StoredSection[] {
  const parsed = z.array(z.object({ key: z.string(), label: z.string(), prompt: z.string() })).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** The layout a note copies from a practice template when it is started. */
export const layoutFromPracticeTemplate = (t: { name: string; sections: unknown }): NoteLayout => ({
  name: t.name,
  sections: readStoredSections(t.sections).map((s) => ({ key: s.key, label: s.label, hint: s.prompt })),
});

/**
 * A template choice as forms send it: a built-in id (FREE, SOAP, DAP, BIRP) or a practice
 * template's id. Anything else is refused.
 */
export type TemplateChoice = { builtIn: TemplateId } | { practiceTemplateId: string };

export const templateChoiceSchema = z
  .string({ message: "Choose a template." })
  .trim()
  .transform((v, ctx): TemplateChoice => {
    if ((templateIds as string[]).includes(v)) return { builtIn: v as TemplateId };
    if (z.uuid().safeParse(v).success) return { practiceTemplateId: v.toLowerCase() };
    ctx.addIssue({ code: "custom", message: "Choose a template." });
    return z.NEVER;
  });

/** The form value of a choice (the inverse of templateChoiceSchema). */
export const choiceValue = (choice: TemplateChoice) => ("builtIn" in choice ? choice.builtIn : choice.practiceTemplateId);

/**
 * The template offered first for an appointment's note: the type's practice template while it
 * is available, else the type's built-in, else free text.
 */
export function defaultChoiceFor(type: { noteTemplate: TemplateId | null; noteTemplateId: string | null }, available: { id: string }[]): TemplateChoice {
  if (type.noteTemplateId && available.some((t) => t.id === type.noteTemplateId)) return { practiceTemplateId: type.noteTemplateId };
  return { builtIn: type.noteTemplate ?? "FREE" };
}

/** Reads the section rows of a template form (label-1, prompt-1, ... label-N, prompt-N). */
export function sectionsFromForm(get: (key: string) => unknown) {
  return Array.from({ length: MAX_SECTIONS }, (_, i) => ({
    label: typeof get(`label-${i + 1}`) === "string" ? (get(`label-${i + 1}`) as string) : "",
    prompt: typeof get(`prompt-${i + 1}`) === "string" ? (get(`prompt-${i + 1}`) as string) : "",
  }));
}
