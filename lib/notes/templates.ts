// Note templates: the sections a note is written in. Content is stored as { sections: {key: text} }.

export type TemplateId = "FREE" | "SOAP" | "DAP" | "BIRP";

export interface TemplateSection {
  key: string;
  label: string;
  hint: string;
}

export const TEMPLATES: Record<TemplateId, { name: string; sections: TemplateSection[] }> = {
  FREE: { name: "Free text", sections: [{ key: "body", label: "Session note", hint: "What happened in the session." }] },
  SOAP: {
    name: "SOAP",
    sections: [
      { key: "subjective", label: "Subjective", hint: "What the client reported, in their words." },
      { key: "objective", label: "Objective", hint: "What you observed: presentation, affect, behaviour." },
      { key: "assessment", label: "Assessment", hint: "Your clinical impression and progress." },
      { key: "plan", label: "Plan", hint: "Next steps, homework, next session." },
    ],
  },
  DAP: {
    name: "DAP",
    sections: [
      { key: "data", label: "Data", hint: "What was said and observed." },
      { key: "assessment", label: "Assessment", hint: "Your interpretation and progress towards goals." },
      { key: "plan", label: "Plan", hint: "Next steps and next session." },
    ],
  },
  BIRP: {
    name: "BIRP",
    sections: [
      { key: "behaviour", label: "Behaviour", hint: "The client's presentation and what they reported." },
      { key: "intervention", label: "Intervention", hint: "What you did: techniques and approaches." },
      { key: "response", label: "Response", hint: "How the client responded." },
      { key: "plan", label: "Plan", hint: "Next steps and next session." },
    ],
  },
};

export const templateIds = Object.keys(TEMPLATES) as TemplateId[];

export type Sections = Record<string, string>;

/** What a note is written in: a built-in template, or the copy of a practice template it began with. */
export interface NoteLayout {
  name: string;
  sections: TemplateSection[];
}

/**
 * A note's layout: the practice template's copy stored on the note when there is one (its
 * `template` is then FREE, the built-in it falls back to), else the built-in template.
 */
export function layoutOf(note: { template: TemplateId; layout?: unknown }): NoteLayout {
  const stored = note.layout as NoteLayout | null | undefined;
  if (stored && typeof stored.name === "string" && Array.isArray(stored.sections) && stored.sections.length > 0) return stored;
  return TEMPLATES[note.template];
}

/** Sections in the layout's order, every key present (missing ones empty), others dropped. */
export function normaliseSections(layout: TemplateId | NoteLayout, sections: Sections): Sections {
  const { sections: order } = typeof layout === "string" ? TEMPLATES[layout] : layout;
  return Object.fromEntries(order.map((s) => [s.key, sections[s.key] ?? ""]));
}

export const countWords = (sections: Sections) =>
  Object.values(sections).reduce((n, text) => n + (text.trim() ? text.trim().split(/\s+/u).length : 0), 0);
