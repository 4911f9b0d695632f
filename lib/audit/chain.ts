import { createHash } from "node:crypto";

// How an event commits to its content and to the previous event. Shared by the writer and the
// verifier, so the two cannot drift apart.

export const GENESIS_HASH = Buffer.alloc(32);

export interface ChainedContent {
  chainId: string;
  seq: bigint;
  occurredAt: Date;
  practiceId: string | null;
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * canonicalJson of the event's fields (plus "v": 1), written out with its keys already in
 * sorted order: the same bytes, three times faster, which matters when verifying millions.
 * A unit test holds it equal to canonicalJson.
 */
export function canonicalContent(e: ChainedContent): string {
  const [beforeSeq, afterSeq] = canonicalContentAroundSeq(e);
  return beforeSeq + e.seq.toString() + afterSeq;
}

/**
 * canonicalContent in two parts, either side of the sequence number's digits. A writer knows
 * everything but the sequence number before it takes the chain's head lock, so the database
 * can finish the hash, SHA-256(head hash ‖ before ‖ seq ‖ after), in the same statement that
 * takes the lock, appends the event and moves the head.
 */
export function canonicalContentAroundSeq(e: Omit<ChainedContent, "seq">): [string, string] {
  const s = JSON.stringify;
  return [
    `{"action":${s(e.action)},"actorId":${s(e.actorId)},"actorRole":${s(e.actorRole)},"actorType":${s(e.actorType)},` +
      `"chainId":${s(e.chainId)},"details":${canonicalJson(e.details)},"ip":${s(e.ip)},` +
      `"occurredAt":${s(e.occurredAt.toISOString())},"outcome":${s(e.outcome)},"practiceId":${s(e.practiceId)},` +
      `"requestId":${s(e.requestId)},"seq":"`,
    `","targetId":${s(e.targetId)},"targetType":${s(e.targetType)},"userAgent":${s(e.userAgent)},"v":1}`,
  ];
}

/** The slow, obviously right form of canonicalContent, kept for its test. */
export function canonicalContentBySorting(e: ChainedContent): string {
  return canonicalJson({ v: 1, ...e, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString() });
}

/** hash = SHA-256(previous hash ‖ canonical content). */
export function chainHash(prevHash: Uint8Array, content: ChainedContent): Buffer {
  return createHash("sha256").update(prevHash).update(canonicalContent(content), "utf8").digest();
}
