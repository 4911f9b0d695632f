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

export function canonicalContent(e: ChainedContent): string {
  return canonicalJson({
    v: 1,
    chainId: e.chainId,
    seq: e.seq.toString(),
    occurredAt: e.occurredAt.toISOString(),
    practiceId: e.practiceId,
    actorType: e.actorType,
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    requestId: e.requestId,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details,
  });
}

/** hash = SHA-256(previous hash ‖ canonical content). */
export function chainHash(prevHash: Uint8Array, content: ChainedContent): Buffer {
  return createHash("sha256").update(prevHash).update(canonicalContent(content), "utf8").digest();
}
