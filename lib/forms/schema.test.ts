import { describe, expect, it } from "vitest";
import { checkAnswer, FORM_LIMITS, pageCount, pageFields, publishProblem, statementHash, submitProblem, versionContentSchema, versionHash, type FormField } from "./schema";

const field = (over: Partial<FormField>): FormField => ({ id: `f${Math.random().toString(36).slice(2, 10)}`, kind: "short_text", label: "Question", help: "", required: false, identity: null, options: [], statement: "", ...over });
const problemOf = (fields: FormField[], title = "Intake") => {
  const parsed = versionContentSchema.safeParse({ title, fields });
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("form versions", () => {
  it("accepts one question of each kind, identity and clinical", () => {
    expect(problemOf([
      field({ identity: "fullName" }),
      field({ kind: "date", identity: "dateOfBirth" }),
      field({ kind: "long_text", identity: "emergencyContact" }),
      field({ kind: "long_text" }),
      field({ kind: "choice", options: ["Never", "Sometimes", "Often"] }),
      field({ kind: "yes_no" }),
      field({ kind: "consent", statement: "I agree to the practice's terms." }),
    ])).toBeNull();
  });

  it("refuses a date of birth that is not a date question, and identity on a choice", () => {
    expect(problemOf([field({ kind: "short_text", identity: "dateOfBirth" })])).toMatch(/Date of birth must be a date question/);
    expect(problemOf([field({ kind: "choice", options: ["a", "b"], identity: "gp" })])).toMatch(/GP must be a short or long answer/);
    expect(problemOf([field({ kind: "date", identity: "email" })])).toMatch(/Email must be a short or long answer/);
  });

  it("refuses a consent that also fills an identity field, or has no statement", () => {
    expect(problemOf([field({ kind: "consent", statement: "Yes", identity: "fullName" })])).toMatch(/cannot also fill an identity field/);
    expect(problemOf([field({ kind: "consent" })])).toMatch(/Write the consent statement/);
  });

  it("refuses a choice with fewer than two or repeated choices, and choices on other kinds", () => {
    expect(problemOf([field({ kind: "choice", options: ["Only"] })])).toMatch(/at least two/);
    expect(problemOf([field({ kind: "choice", options: ["Yes", "yes"] })])).toMatch(/must be different/);
    expect(problemOf([field({ kind: "short_text", options: ["a", "b"] })])).toMatch(/Only a choice/);
  });

  it("refuses two questions for the same identity field, and repeated ids", () => {
    expect(problemOf([field({ identity: "email" }), field({ identity: "email" })])).toMatch(/already asks for email/);
    const twin = field({});
    expect(problemOf([twin, { ...twin }])).toMatch(/repeats another's id/);
  });

  it("bounds hostile input: questions, choices, lengths and the whole size", () => {
    expect(problemOf(Array.from({ length: FORM_LIMITS.fields + 1 }, () => field({})))).toMatch(/at most 40 questions/);
    expect(problemOf([field({ kind: "choice", options: Array.from({ length: 21 }, (_, i) => `c${i}`) })])).toMatch(/at most 20 choices/);
    expect(problemOf([field({ label: "x".repeat(201) })])).toMatch(/under 200/);
    expect(problemOf([field({ kind: "consent", statement: "x".repeat(4001) })])).toMatch(/under 4000/);
    expect(problemOf([], "t".repeat(121))).toMatch(/under 120/);
    // 40 consents of 4000 characters are each allowed, but not together.
    expect(problemOf(Array.from({ length: 40 }, () => field({ kind: "consent", statement: "s".repeat(3000) })))).toMatch(/too long/);
  });

  it("needs a question before publishing", () => {
    expect(publishProblem({ title: "Empty", fields: [] })).toMatch(/at least one question/);
    expect(publishProblem({ title: "One", fields: [field({})] })).toBeNull();
  });

  it("hashes a version's content and a statement stably, and differently when they change", () => {
    const a = { title: "Intake", fields: [field({ id: "fabcd1" })] };
    expect(versionHash(a)).toEqual(versionHash(structuredClone(a)));
    expect(versionHash({ ...a, title: "Intake 2" })).not.toEqual(versionHash(a));
    expect(statementHash("I agree.")).not.toEqual(statementHash("I agree"));
  });
});

describe("answers", () => {
  it("checks each kind", () => {
    expect(checkAnswer(field({ kind: "choice", options: ["Often", "Never"] }), "Often")).toEqual({ ok: true, value: "Often" });
    expect(checkAnswer(field({ kind: "choice", options: ["Often", "Never"] }), "Sometimes")).toMatchObject({ ok: false });
    expect(checkAnswer(field({ kind: "yes_no" }), "maybe")).toMatchObject({ ok: false });
    expect(checkAnswer(field({ kind: "date" }), "2026-02-30")).toMatchObject({ ok: false, problem: expect.stringMatching(/Enter a date/) });
    expect(checkAnswer(field({ kind: "date" }), "1990-04-23")).toEqual({ ok: true, value: "1990-04-23" });
    expect(checkAnswer(field({ kind: "short_text" }), "x".repeat(201))).toMatchObject({ ok: false });
    expect(checkAnswer(field({ kind: "long_text" }), "x".repeat(5001))).toMatchObject({ ok: false });
    expect(checkAnswer(field({}), "   ")).toEqual({ ok: true, value: "" });
  });

  it("checks identity answers by the vault's own rules", () => {
    expect(checkAnswer(field({ identity: "email" }), "not-an-email")).toMatchObject({ ok: false, problem: expect.stringMatching(/valid email/) });
    expect(checkAnswer(field({ identity: "email" }), "Ada@Example.org")).toEqual({ ok: true, value: "ada@example.org" });
    expect(checkAnswer(field({ kind: "date", identity: "dateOfBirth" }), "2999-01-01")).toMatchObject({ ok: false, problem: expect.stringMatching(/in the past/) });
  });

  it("will not send a form with a required question unanswered or a required consent not given", () => {
    const q = field({ required: true });
    const c = field({ kind: "consent", statement: "I agree.", required: true });
    expect(submitProblem([q, c], {}, {})).toMatch(/Question 1 needs an answer/);
    expect(submitProblem([q, c], { [q.id]: "x", [c.id]: "Ada" }, { [c.id]: false })).toMatch(/Question 2 needs an answer \(tick/);
    expect(submitProblem([q, c], { [q.id]: "x", [c.id]: "Ada" }, { [c.id]: true })).toBeNull();
    expect(submitProblem([field({})], {}, {})).toBeNull();
  });

  it("splits questions into pages of three", () => {
    const fields = Array.from({ length: 7 }, () => field({}));
    expect(pageCount(fields)).toBe(3);
    expect(pageFields(fields, 2)).toEqual([fields[6]]);
    expect(pageCount([])).toBe(1);
  });
});
