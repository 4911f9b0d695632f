// The benchmark's synthetic trail: practices, members and clients, and the events they make.
import type { AuditAction } from "../../../lib/audit/actions";
import { GENESIS_HASH, type ChainedContent } from "../../../lib/audit/chain";
import { PLATFORM_CHAIN } from "../../../lib/audit/schema";

// Deterministic data (a seeded PRNG, so runs are comparable).

let prngState = 0x5eed_a0d1;
export function random(): number {
  // mulberry32
  prngState = (prngState + 0x6d2b79f5) | 0;
  let t = prngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pickIndex = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[pickIndex(items.length)]!;
const HEX = "0123456789abcdef";
const hex = (length: number) => {
  let s = "";
  for (let i = 0; i < length; i++) s += HEX[pickIndex(16)];
  return s;
};
const uuid = () => {
  // A valid v4 UUID from the seeded PRNG (zod's z.uuid() checks version and variant).
  const h = hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[pickIndex(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const clientCode = () => {
  const g = () => CODE_ALPHABET[pickIndex(32)]! + CODE_ALPHABET[pickIndex(32)]! + CODE_ALPHABET[pickIndex(32)]!;
  return `${g()}-${g()}-${g()}`;
};

function weighted<T>(entries: readonly (readonly [T, number])[]): () => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) cumulative.push((acc += w / total));
  return () => {
    const r = random();
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return entries[i]![0];
    return entries[entries.length - 1]![0];
  };
}

export interface Member { id: string; role: "OWNER" | "THERAPIST" | "MANAGER" }
export interface Practice {
  id: string;
  owner: Member;
  members: Member[];
  therapists: Member[];
  clients: string[];
  /** Chain state during the load. */
  seq: bigint;
  prevHash: Buffer;
  events: number;
}

// 20 practices of very different sizes (the largest holds about a quarter of the trail, so at
// the default 5M events its chain alone has > 1M events), plus the platform chain.
export const PRACTICE_WEIGHTS = [25, 9, 7, 6, 5.5, 5, 4.5, 4, 3.5, 3.5, 3, 3, 3, 2.5, 2.5, 2.5, 2, 2, 1.5, 1];
const PLATFORM_WEIGHT = 1;

export const practices: Practice[] = PRACTICE_WEIGHTS.map((w) => {
  const owner: Member = { id: uuid(), role: "OWNER" };
  const therapists: Member[] = Array.from({ length: 2 + Math.round(w * 1.2) }, () => ({ id: uuid(), role: "THERAPIST" as const }));
  const managers: Member[] = Array.from({ length: 1 + Math.round(w / 10) }, () => ({ id: uuid(), role: "MANAGER" as const }));
  return {
    id: uuid(),
    owner,
    members: [owner, ...therapists, ...managers],
    therapists,
    clients: Array.from({ length: Math.round(40 * w) }, clientCode),
    seq: 0n,
    prevHash: GENESIS_HASH,
    events: 0,
  };
});
export const platform = { seq: 0n, prevHash: GENESIS_HASH as Buffer, events: 0 };
export const pickChain = weighted<number>([...PRACTICE_WEIGHTS.map((w, i) => [i, w] as const), [-1, PLATFORM_WEIGHT]]);

// The vocabulary has no client-record actions yet, but a real trail will be dominated by them
// (reads and edits of a client's record, keyed by the client's pseudonymous code). These
// stand-ins give the trail a realistic shape for the targetId index; the action filter below
// uses a vocabulary action, as the review screen only offers those.
type LoadAction = AuditAction | "client.record.viewed" | "client.note.viewed" | "client.note.created" | "client.appointment.updated";
const CLIENT_ACTIONS = new Set<LoadAction>(["client.record.viewed", "client.note.viewed", "client.note.created", "client.appointment.updated"]);
const pickAction = weighted<LoadAction>([
  ["client.record.viewed", 30],
  ["client.note.viewed", 12],
  ["client.note.created", 8],
  ["client.appointment.updated", 5],
  ["auth.signin.succeeded", 14],
  ["auth.signin.failed", 1.5],
  ["auth.signout", 10],
  ["auth.session.revoked", 0.5],
  ["member.listed", 6],
  ["audit.viewed", 2],
  ["audit.event.viewed", 1.5],
  ["audit.exported", 0.3],
  ["audit.verified", 0.2],
  ["audit.checkpoint.exported", 0.1],
  ["system.seeded", 0.01],
]);
const pickOutcome = weighted<"SUCCESS" | "DENIED" | "FAILED">([["SUCCESS", 95], ["DENIED", 4], ["FAILED", 1]]);
export const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
];
const randomIp = () => (random() < 0.8 ? `203.0.113.${1 + pickIndex(254)}` : `2001:db8:${hex(4)}::${hex(4)}`);

/** Client index, mildly skewed: some clients are seen far more often than others. */
const pickClient = (p: Practice) => p.clients[Math.floor(p.clients.length * random() ** 1.2)]!;

export type Row = Omit<ChainedContent, "seq"> & { seq: bigint };

export function practiceEvent(p: Practice, at: Date): Row {
  const action = pickAction();
  let actorType = "USER";
  let actor: Member | null = pick(p.members);
  let target: { type: string; id: string } | null = null;
  let outcome: string = pickOutcome();
  let details: Record<string, string | number | boolean | null> = {};
  if (CLIENT_ACTIONS.has(action)) {
    actor = random() < 0.85 ? pick(p.therapists) : pick(p.members);
    target = { type: "client", id: pickClient(p) };
    if (action === "client.note.created") details = { version: 1 + pickIndex(4) };
    if (action === "client.appointment.updated" && random() < 0.3) {
      actorType = "CLIENT";
      actor = null;
    }
  } else if (action === "auth.signin.succeeded" || action === "auth.signout" || action === "auth.session.revoked") {
    target = { type: "session", id: uuid() };
    if (action === "auth.signin.succeeded") details = { method: "password" };
    outcome = "SUCCESS";
    if (action === "auth.session.revoked" && random() < 0.5) {
      actorType = "SYSTEM";
      actor = null;
      details = { reason: "idle_timeout" };
    }
  } else if (action === "auth.signin.failed") {
    outcome = "FAILED";
    details = { reason: random() < 0.9 ? "wrong_password" : "no_practice" };
  } else if (action.startsWith("audit.")) {
    actor = random() < 0.9 ? p.owner : pick(p.members);
    if (actor.role !== "OWNER") outcome = "DENIED";
    if (action === "audit.event.viewed") target = { type: "audit_event", id: String(1 + pickIndex(5_000_000)) };
    if (action === "audit.exported") details = { format: random() < 0.7 ? "csv" : "json", rows: pickIndex(20_000) };
    if (action === "audit.verified") details = { verified: p.events, brokenAt: null };
    if (action === "audit.viewed") details = { filtered: random() < 0.4 };
  } else if (action === "system.seeded") {
    actorType = "SYSTEM";
    actor = null;
    outcome = "SUCCESS";
  }
  if (outcome === "DENIED" && !Object.keys(details).length) details = { reason: "not_permitted" };
  const system = actorType === "SYSTEM";
  return {
    chainId: p.id,
    seq: 0n,
    occurredAt: at,
    practiceId: p.id,
    actorType,
    actorId: actorType === "CLIENT" ? target!.id : actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    outcome,
    requestId: system ? null : hex(16),
    ip: system ? null : randomIp(),
    userAgent: system ? null : pick(USER_AGENTS),
    details,
  };
}

export function platformEvent(at: Date): Row {
  return {
    chainId: PLATFORM_CHAIN, seq: 0n, occurredAt: at, practiceId: null, actorType: "USER", actorId: null,
    actorRole: null, action: "auth.signin.failed", targetType: null, targetId: null, outcome: "FAILED",
    requestId: hex(16), ip: randomIp(), userAgent: pick(USER_AGENTS), details: { reason: "unknown_account" },
  };
}
