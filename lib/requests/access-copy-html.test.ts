import { describe, expect, it } from "vitest";
import { accessCopyHtml, type AccessCopyData } from "./access-copy-html";

const data: AccessCopyData = {
  generatedAt: "2026-11-29T09:15:00.000Z",
  client: { code: "K7Q4-MX2P-B9X5" },
  identity: { fullName: "Ada <Lovelace>", dateOfBirth: "1990-04-02", emergencyContact: "Her sister", email: undefined },
  notes: [{ sessionDate: "2026-09-01", template: "SOAP", sections: { subjective: "Slept better.", plan: "Keep the diary." }, sectionLabels: { subjective: "Subjective", plan: "Plan" }, addenda: [{ addedAt: "2026-09-02T18:30:00.000Z", text: "A date corrected." }] }],
  reflections: [{ writtenAt: "2026-07-01T23:30:00.000Z", shared: true, text: "A calmer week." }],
  questionnaires: [{ measure: "PHQ-9", takenOn: "2026-09-01", by: "you, in the portal", score: 7, answers: [{ item: "Little interest <or> pleasure", answer: "Several days" }], copyright: "PHQ-9 (c) Pfizer" }],
  forms: [{ title: "Intake <form>", version: 2, sentAt: "2026-08-03T09:00:00.000Z", submittedAt: "2026-08-04T21:00:00.000Z", answers: [{ question: "What brings you here?", answer: "Exams" }], consents: [{ statement: "I agree to the terms.", agreed: true, recordedAt: "2026-08-04T21:00:00.000Z", signedAs: "Ada Lovelace" }] }],
  requests: [{ kind: "ACCESS", receivedAt: "2026-11-01T10:00:00.000Z", status: "OPEN", outcome: null }, { kind: "OBJECTION", receivedAt: "2026-10-01T10:00:00.000Z", status: "WITHDRAWN", outcome: "You withdrew this request." }],
  recordHistory: [{ at: "2026-07-01T10:05:00.000Z", who: "therapist", what: "read a note" }, { at: "2026-07-02T10:05:00.000Z", who: "you", what: "wrote a reflection" }],
  withheld: [],
  cover: { purposes: "P", retention: "R", recipients: "S", rights: "Q" },
};

describe("the access copy's HTML", () => {
  const html = accessCopyHtml(data);
  it("fits a phone's screen", () => {
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });
  it("labels details in words, not field names, and escapes what it shows", () => {
    for (const label of ["<dt>Full name</dt>", "<dt>Date of birth</dt>", "<dt>Emergency contact</dt>", "<h4>Subjective</h4>", "<h4>Plan</h4>"]) expect(html).toContain(label);
    for (const raw of ["fullName", "dateOfBirth", "emergencyContact", "subjective<", "ACCESS", "OBJECTION", "WITHDRAWN", ">therapist"]) expect(html).not.toContain(raw);
    expect(html).toContain("Ada &lt;Lovelace&gt;");
    expect(html).toContain("Little interest &lt;or&gt; pleasure: <strong>Several days</strong>");
    expect(html).toContain("Intake &lt;form&gt; (version 2)");
    expect(html).toContain("A copy of your data, sent 1 November 2026: being handled");
    expect(html).toContain("withdrawn by you");
    expect(html).toContain("Your therapist read a note");
  });
  it("writes dates as people do, in UK time (summer time included), never as ISO stamps", () => {
    expect(html).toContain("2 April 1990");
    expect(html).toContain("Session on 1 September 2026");
    expect(html).toContain("Added on 2 September 2026");
    // 23:30 UTC on 1 July is 00:30 on 2 July in London.
    expect(html).toContain("2 July 2026 · shared with your therapist");
    expect(html).toContain("1 July 2026 at 11:05");
    expect(html).toContain("PHQ-9, 1 September 2026");
    expect(html).toContain("Sent 3 August 2026, completed 4 August 2026");
    expect(html).toContain("You agreed on 4 August 2026 at 22:00, signed as Ada Lovelace");
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
