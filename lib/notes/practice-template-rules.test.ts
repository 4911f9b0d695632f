import { describe, expect, it } from "vitest";
import { choiceValue, defaultChoiceFor, isBuiltInName, layoutFromPracticeTemplate, practiceTemplateSchema, readStoredSections, sectionsFromForm, storedSections, templateChoiceSchema } from "./practice-template-rules";

describe("practice template rules", () => {
  it("leaves blank form rows out and keys sections s1, s2, ... in order", () => {
    const parsed = practiceTemplateSchema.parse({ name: " Couples ", sections: [{ label: "Presenting", prompt: "What brought them" }, { label: "  ", prompt: "orphan prompt" }, { label: "Plan", prompt: "" }] });
    expect(parsed.name).toBe("Couples");
    expect(storedSections(parsed.sections)).toEqual([
      { key: "s1", label: "Presenting", prompt: "What brought them" },
      { key: "s2", label: "Plan", prompt: "" },
    ]);
  });

  it("refuses no sections, more than twelve, duplicates, markup and oversized text", () => {
    const sections = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Part ${i}`, prompt: "" }));
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: [] }).success).toBe(false);
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: sections(12) }).success).toBe(true);
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: sections(13) }).success).toBe(false);
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: [{ label: "Plan", prompt: "" }, { label: "PLAN", prompt: "" }] }).success).toBe(false);
    expect(practiceTemplateSchema.safeParse({ name: "<b>A</b>", sections: sections(1) }).success).toBe(false);
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: [{ label: "x".repeat(61), prompt: "" }] }).success).toBe(false);
    expect(practiceTemplateSchema.safeParse({ name: "A", sections: [{ label: "x", prompt: "p".repeat(301) }] }).success).toBe(false);
  });

  it("knows the built-in names whatever the case", () => {
    expect(isBuiltInName("soap")).toBe(true);
    expect(isBuiltInName(" Free  text ")).toBe(true);
    expect(isBuiltInName("Couples")).toBe(false);
  });

  it("reads a choice as a built-in id or a practice template id, and nothing else", () => {
    expect(templateChoiceSchema.parse("SOAP")).toEqual({ builtIn: "SOAP" });
    const id = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
    expect(templateChoiceSchema.parse(id.toUpperCase())).toEqual({ practiceTemplateId: id });
    expect(templateChoiceSchema.safeParse("soap").success).toBe(false);
    expect(templateChoiceSchema.safeParse("'; DROP TABLE note; --").success).toBe(false);
    expect(choiceValue({ builtIn: "DAP" })).toBe("DAP");
  });

  it("offers the type's practice template while available, else its built-in, else free text", () => {
    const id = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
    expect(defaultChoiceFor({ noteTemplate: null, noteTemplateId: id }, [{ id }])).toEqual({ practiceTemplateId: id });
    expect(defaultChoiceFor({ noteTemplate: null, noteTemplateId: id }, [])).toEqual({ builtIn: "FREE" });
    expect(defaultChoiceFor({ noteTemplate: "BIRP", noteTemplateId: null }, [])).toEqual({ builtIn: "BIRP" });
    expect(defaultChoiceFor({ noteTemplate: null, noteTemplateId: null }, [])).toEqual({ builtIn: "FREE" });
  });

  it("turns a stored template into a note layout with its prompts as hints, dropping malformed rows", () => {
    expect(layoutFromPracticeTemplate({ name: "Couples", sections: [{ key: "s1", label: "Plan", prompt: "Next steps" }] })).toEqual({ name: "Couples", sections: [{ key: "s1", label: "Plan", hint: "Next steps" }] });
    expect(readStoredSections([{ key: "s1" }])).toEqual([]);
    expect(readStoredSections("nonsense")).toEqual([]);
  });

  it("reads the form's numbered rows", () => {
    const form = new Map([["label-1", "Plan"], ["prompt-1", "Next"], ["label-3", "Risk"]]);
    const rows = sectionsFromForm((k) => form.get(k) ?? null);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ label: "Plan", prompt: "Next" });
    expect(rows[2]).toEqual({ label: "Risk", prompt: "" });
  });
});
