import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionNames, auditDetailsSchemaFor, type AuditAction } from "./actions";
import { describeField, type AuditShape } from "./fields";
import { auditEventInputSchema, FORBIDDEN_DETAIL_KEY, MAX_DETAIL_FIELDS } from "./schema";

const CODE = "K7Q4MX2PB9XD";
const SHA = "ab".repeat(32);
const event = (action: string, details: Record<string, unknown>) => ({
  practiceId: randomUUID(),
  actor: { type: "USER", id: randomUUID(), role: "THERAPIST" },
  action,
  target: null,
  outcome: "SUCCESS",
  details,
});
const guard = (action: string, details: Record<string, unknown>) => auditEventInputSchema.safeParse(event(action, details));
const refusal = (action: string, details: Record<string, unknown>) => {
  const result = guard(action, details);
  return result.success ? "accepted" : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

// Well-formed details for a few actions, each with a field of every kind it uses.
const GOOD: Partial<Record<AuditAction, Record<string, unknown>>> = {
  "note.signed": { client: CODE, revision: 3, sha256: SHA },
  "auth.signin.failed": { reason: "wrong_password", failures: 2 },
  "client.assigned": { membershipId: randomUUID() },
  "appointment.moved": { client: CODE, scope: "FOLLOWING", count: 4, from: "2026-11-02T09:00:00.000Z", to: "2026-11-03T10:30:00.000Z", minutes: 50 },
  "retention.hold_placed": { client: CODE, reviewOn: "2027-06-30" },
  "billing.exported": { month: "2026-10", clinicians: 3 },
  "audit.verified": { verified: 120, brokenAt: "17" },
  "request.harm_review_recorded": { client: CODE, reviewer: randomUUID(), withheld: 2, grounds: "serious_harm,third_party", reason: null },
  "practice.settings.changed": { setting: "idleTimeoutMinutes", from: 30, to: 15 },
};

describe("the details each audit action declares", () => {
  it("accepts the details an action declares, unchanged (the stored and hashed details are the caller's)", () => {
    for (const [action, details] of Object.entries(GOOD)) {
      const result = guard(action, details);
      expect(result.success, `${action}: ${refusal(action, details)}`).toBe(true);
      expect(JSON.stringify(result.data?.details)).toBe(JSON.stringify(details));
    }
  });

  it("refuses a key the action does not declare, even one another action declares", () => {
    expect(refusal("note.signed", { client: CODE, revision: 3, sha256: SHA, summary: "Discussed her divorce" })).toMatch(/note\.signed: Unrecognized key: "summary"/);
    expect(refusal("auth.signin.failed", { reason: "wrong_password", method: "password" })).toMatch(/Unrecognized key: "method"/);
    expect(refusal("member.listed", { count: 4, filter: "Jane Doe" })).toMatch(/Unrecognized key: "filter"/);
    expect(refusal("system.seeded", { by: "someone" })).toMatch(/Unrecognized key: "by"/);
  });

  it("refuses a string that is not of the declared kind", () => {
    expect(refusal("note.signed", { client: "Jane Doe", revision: 3, sha256: SHA })).toMatch(/^details\.client: note\.signed/);
    expect(refusal("note.signed", { client: CODE, revision: 3, sha256: "not a hash" })).toMatch(/^details\.sha256:/);
    expect(refusal("auth.signin.failed", { reason: "she forgot it again" })).toMatch(/^details\.reason:/);
    expect(refusal("client.assigned", { membershipId: "Dr Smith" })).toMatch(/^details\.membershipId:/);
    expect(refusal("appointment.moved", { ...GOOD["appointment.moved"], from: "Tuesday morning" })).toMatch(/^details\.from:/);
    expect(refusal("retention.hold_placed", { client: CODE, reviewOn: "after the court case" })).toMatch(/^details\.reviewOn:/);
    expect(refusal("billing.exported", { month: "October", clinicians: 3 })).toMatch(/^details\.month:/);
    expect(refusal("audit.verified", { verified: 1, brokenAt: "seq 17" })).toMatch(/^details\.brokenAt:/);
    expect(refusal("request.harm_review_recorded", { ...GOOD["request.harm_review_recorded"], grounds: "serious_harm,she is fragile" })).toMatch(/^details\.grounds:/);
  });

  it("refuses a value of another type, and a missing declared field", () => {
    expect(refusal("note.signed", { client: CODE, revision: "3", sha256: SHA })).toMatch(/^details\.revision:/);
    expect(refusal("practice.settings.changed", { setting: "idleTimeoutMinutes", from: "thirty", to: 15 })).toMatch(/details\.from:/);
    expect(refusal("note.signed", { client: CODE, revision: 3 })).toMatch(/^details\.sha256:/);
    expect(refusal("auth.signin.failed", {})).toMatch(/^details\.reason:/);
  });

  it("declares no field that takes free text: every string field of every action refuses a sentence", () => {
    const sentence = "Jane Doe, 12 High Street, said she feels unsafe at home";
    let fields = 0;
    for (const action of auditActionNames) {
      for (const key of Object.keys(AUDIT_ACTIONS[action].details)) {
        fields++;
        const result = auditDetailsSchemaFor(action).shape[key as never] as { safeParse(v: unknown): { success: boolean } };
        expect(result.safeParse(sentence).success, `${action}.${key} took free text`).toBe(false);
      }
    }
    expect(fields).toBeGreaterThan(200);
  });

  it("keeps every declaration small and flat, with no key that suggests personal data", () => {
    for (const action of auditActionNames) {
      const keys = Object.keys(AUDIT_ACTIONS[action].details as AuditShape);
      expect(keys.length, action).toBeLessThanOrEqual(MAX_DETAIL_FIELDS);
      for (const key of keys) {
        expect(key.length, `${action}.${key}`).toBeLessThanOrEqual(40);
        expect(FORBIDDEN_DETAIL_KEY.test(key), `${action}.${key}`).toBe(false);
      }
    }
  });

  it("describes each field in words for the README's table", () => {
    const shape = AUDIT_ACTIONS["request.harm_review_recorded"].details;
    expect(describeField(shape.client)).toBe("client code or null");
    expect(describeField(shape.reviewer)).toBe("id");
    expect(describeField(shape.withheld)).toBe("count");
    expect(describeField(shape.grounds)).toBe("comma-separated `third_party` / `serious_harm` or null");
    expect(describeField(shape.reason)).toBe("`no_clinician` / `clinician_unavailable` / `second_opinion` or null");
    expect(describeField(AUDIT_ACTIONS["auth.signin.failed"].details.failures)).toBe("count, optional");
    expect(describeField(AUDIT_ACTIONS["practice.settings.changed"].details.from)).toBe("number or flag");
  });
});
