import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionNames, type AuditAction } from "./actions";
import { describeAuditEvent, REASON_WORDS } from "./describe";
import { auditFilterSchema } from "./filter-schema";
import { targetFilter } from "./target-filter";

const noNames = () => undefined;
const CODE = "K7Q4MX2PB9X5";
const OTHER = "0000000000000";
const UUID = "0b7e1c8e-2a55-4a35-9d38-3b9b0d7c3f11";
const base = { actorRole: "client", outcome: "SUCCESS" };

describe("describeAuditEvent names the client who acted", () => {
  it("by their own code as people see it, once, when they act on their record", () => {
    const e = { ...base, actorType: "CLIENT", actorId: CODE, action: "portal.signin.succeeded", targetType: "client", targetId: CODE };
    expect(describeAuditEvent(e, noNames)).toBe("Client K7Q4-MX2P-B9X5 signed in to the portal");
  });

  it("by their code, not the id of what they acted on", () => {
    const e = { ...base, actorType: "CLIENT", actorId: CODE, action: "reflection.written", targetType: "reflection", targetId: UUID, details: { client: CODE } };
    expect(describeAuditEvent(e, noNames)).toBe("Client K7Q4-MX2P-B9X5 wrote a reflection");
  });

  it("as someone without an account for the public request form", () => {
    const e = { ...base, actorType: "CLIENT", actorId: null, actorRole: "public", action: "request.submitted", targetType: "request", targetId: UUID };
    expect(describeAuditEvent(e, noNames)).toBe("Someone without an account made a data request");
  });

  it("names the client a member acted on once, in the action's own words", () => {
    const member = { actorType: "USER", actorId: "u1", actorRole: "OWNER", outcome: "SUCCESS", targetType: "client", targetId: CODE };
    const jo = (id: string) => (id === "u1" ? "Jo Patel" : undefined);
    expect(describeAuditEvent({ ...member, action: "client.erased", details: { reason: "erasure_request", entries: 3 } }, jo)).toBe("Jo Patel erased client K7Q4-MX2P-B9X5");
    expect(describeAuditEvent({ ...member, action: "identity.revealed" }, jo)).toBe("Jo Patel revealed client K7Q4-MX2P-B9X5's identity");
    expect(describeAuditEvent({ ...member, action: "note.created", targetType: "note", targetId: UUID, details: { client: CODE } }, jo)).toBe("Jo Patel started a note about client K7Q4-MX2P-B9X5");
    expect(describeAuditEvent({ ...member, action: "client.access_denied", outcome: "DENIED", details: { reason: "not_assigned" } }, jo)).toBe("Jo Patel was refused client K7Q4-MX2P-B9X5's record (refused: not assigned to them)");
  });
});

/** A value of the kind a details field declares (its first choice for a closed list). */
function sample(schema: z.ZodType): unknown {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[] };
  if (def.type === "optional" || def.type === "nullable") return sample(def.innerType!);
  if (def.type === "union") return sample(def.options![0]!);
  if (def.type === "enum") return Object.values(def.entries!)[0];
  if (def.type === "number") return 2;
  if (def.type === "boolean") return true;
  const kinds: Record<string, unknown> = { id: UUID, "client code": CODE, day: "2026-11-01", month: "2026-11", instant: "2026-11-01T10:00:00.000Z", sha256: "a".repeat(64), "sequence number": "42" };
  return kinds[schema.description ?? ""] ?? (schema.description?.startsWith("comma-separated") ? "serious_harm" : "?");
}

/** Every closed-list value of a field (each of them may be what an event carries). */
function choices(schema: z.ZodType): string[] {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; entries?: Record<string, string> };
  if (def.type === "optional" || def.type === "nullable") return choices(def.innerType!);
  return def.type === "enum" ? Object.values(def.entries!) : [];
}

function renders(action: AuditAction) {
  const shape = AUDIT_ACTIONS[action].details as Record<string, z.ZodType>;
  const details = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sample(v)]));
  const reasonKey = ["reason", "limit", "failure"].find((k) => k in shape);
  const reasons = reasonKey ? choices(shape[reasonKey]!) : [];
  const targets = [null, { type: "client", id: CODE }, { type: "note", id: UUID }, { type: "session", id: UUID }];
  const actors = [
    { actorType: "USER", actorId: UUID, actorRole: "THERAPIST" },
    { actorType: "USER", actorId: UUID, actorRole: null },
    { actorType: "CLIENT", actorId: CODE, actorRole: "client" },
    { actorType: "CLIENT", actorId: "unknown", actorRole: "client" },
    { actorType: "SYSTEM", actorId: null, actorRole: null },
  ];
  const out: { sentence: string; outcome: string; reason: string | null }[] = [];
  for (const actor of actors)
    for (const target of targets)
      for (const outcome of ["SUCCESS", "DENIED", "FAILED"])
        for (const reason of reasons.length ? reasons : [null]) {
          const e = { ...actor, action, targetType: target?.type ?? null, targetId: target?.id ?? null, outcome, details: reason ? { ...details, [reasonKey!]: reason } : details };
          out.push({ sentence: describeAuditEvent(e, (id) => (id === UUID ? "Dr Ada Jones" : undefined)), outcome, reason });
        }
  return out;
}

describe("every action's sentence", () => {
  it.each(auditActionNames)("%s reads as plain words: no ids, no codes of the trail, no doubled words, the client named at most once", (action) => {
    for (const { sentence, outcome, reason } of renders(action)) {
      expect(sentence).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
      expect(sentence, sentence).not.toMatch(/\b[0-9A-Z]{12}\b/);
      expect(sentence, sentence).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      expect(sentence, sentence).not.toMatch(/\b[a-z_]+\.[a-z_.]+\b/);
      expect(sentence, sentence).not.toMatch(/\b(\w+) \1\b/i);
      expect(sentence.match(/\bclient\b/gi)?.length ?? 0, sentence).toBeLessThanOrEqual(1);
      expect(sentence, sentence).not.toMatch(/no words for/);
      if (outcome !== "SUCCESS" && reason) expect(sentence, sentence).toContain(REASON_WORDS[reason]);
    }
  });

  it("names the client of an action that declares one, as people see the code", () => {
    for (const action of auditActionNames.filter((a) => "client" in AUDIT_ACTIONS[a].details)) {
      const e = { actorType: "USER", actorId: UUID, actorRole: "OWNER", action, targetType: null, targetId: null, outcome: "SUCCESS", details: { client: CODE } };
      expect(describeAuditEvent(e, () => "Jo"), action).toContain("client K7Q4-MX2P-B9X5");
    }
  });
});

describe("the client filter takes a code in any form a person types or sees", () => {
  it.each(["K7Q4-MX2P-B9X5", "k7q4-mx2p-b9x5", "k7q4mx2pb9x5", " K7Q4 MX2P B9X5 ", "r0dn-3yh8-t2qb", "rodn3yh8t2qb"])("%s", (typed) => {
    expect(targetFilter(typed)).toEqual({ client: typed.trim().toUpperCase().replace(/[-\s]/g, "").replace("O", "0") });
  });

  it("treats anything else as a record id, matched exactly, and nothing as no filter", () => {
    expect(targetFilter(UUID)).toEqual({ record: UUID });
    expect(targetFilter(OTHER)).toEqual({ record: OTHER });
    expect(targetFilter("K7Q4-MX2P-B9XA")).toEqual({ record: "K7Q4-MX2P-B9XA" }); // a wrong check symbol
    expect(targetFilter("  ")).toBeNull();
    expect(targetFilter(undefined)).toBeNull();
  });

  it("keeps what was typed through the URL schema", () => {
    expect(auditFilterSchema.parse({ target: "k7q4-mx2p-b9x5" }).target).toBe("k7q4-mx2p-b9x5");
    expect(auditFilterSchema.safeParse({ target: "x".repeat(65) }).success).toBe(false);
  });
});

describe("the action filter", () => {
  it("groups every action once, by area, in words", async () => {
    const { actionGroups } = await import("./areas");
    const groups = actionGroups();
    expect(groups.flatMap((g) => g.actions.map((a) => a.value)).sort()).toEqual([...auditActionNames].sort());
    expect(groups.map((g) => g.area)).toContain("Notes");
    expect(groups.find((g) => g.area === "Client portal")!.actions.map((a) => a.label)).toContain("Signed in to the portal");
    for (const g of groups) expect(g.area, g.area).not.toMatch(/[._]/);
  });
});
