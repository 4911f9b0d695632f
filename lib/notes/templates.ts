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

/** Sections in the template's order, every key present (missing ones empty), others dropped. */
export function normaliseSections(template: TemplateId, sections: Sections): Sections {
  return Object.fromEntries(TEMPLATES[template].sections.map((s) => [s.key, sections[s.key] ?? ""]));
}

export const countWords = (sections: Sections) =>
  Object.values(sections).reduce((n, text) => n + (text.trim() ? text.trim().split(/\s+/u).length : 0), 0);
