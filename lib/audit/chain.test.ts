import { describe, expect, it } from "vitest";
import { canonicalContent, canonicalContentAroundSeq, canonicalContentBySorting, canonicalJson, chainHash, GENESIS_HASH, type ChainedContent } from "./chain";

const event: ChainedContent = {
  chainId: "6c1f0e2a-1b7e-4f60-9c5d-3f1c9b0a2d11",
  seq: 42n,
  occurredAt: new Date("2026-05-03T09:15:00.123Z"),
  practiceId: "6c1f0e2a-1b7e-4f60-9c5d-3f1c9b0a2d11",
  actorType: "USER",
  actorId: null,
  actorRole: "THERAPIST",
  action: "auth.signin.failed",
  targetType: null,
  targetId: "K7Q-4MX-2PB",
  outcome: "FAILED",
  requestId: "req-1",
  ip: "203.0.113.7",
  userAgent: 'Mozilla/5.0 "quoted" \u00e9',
  details: { z: 1, a: { y: true, b: null }, reason: "wrong_password" },
};

describe("the audit chain's canonical form", () => {
  it("sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it("writes the same bytes as sorting the whole event", () => {
    expect(canonicalContent(event)).toBe(canonicalContentBySorting(event));
    const bare = { ...event, details: {}, ip: null, userAgent: null, requestId: null, targetId: null };
    expect(canonicalContent(bare)).toBe(canonicalContentBySorting(bare));
  });

  it("splits around the sequence number so the database can finish the hash", () => {
    const [before, after] = canonicalContentAroundSeq(event);
    expect(before + "42" + after).toBe(canonicalContentBySorting(event));
    expect(before.endsWith('"seq":"')).toBe(true);
  });

  it("changes the hash when any field or the previous hash changes", () => {
    const h = chainHash(GENESIS_HASH, event).toString("hex");
    expect(chainHash(GENESIS_HASH, { ...event, seq: 43n }).toString("hex")).not.toBe(h);
    expect(chainHash(GENESIS_HASH, { ...event, details: { ...event.details as object, z: 2 } }).toString("hex")).not.toBe(h);
    expect(chainHash(Buffer.alloc(32, 1), event).toString("hex")).not.toBe(h);
    expect(chainHash(GENESIS_HASH, event).toString("hex")).toBe(h);
  });
});
