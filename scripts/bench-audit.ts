// npm run bench:audit [-- --events N] [-- --keep] [-- --explain] [-- --database NAME]
//
// Audit-trail performance, measured (figures printed; not a timed test):
//   1. writes: 8 concurrent writers calling the real recordAudit, all on ONE chain (the worst
//      case: every writer queues on that chain's head row), then on 8 different chains; then on
//      one chain again, each event inside its own Prisma interactive transaction, as a change
//      and its event are written (the head stays locked until that transaction commits);
//   2. the review screen's query (the real listAuditEvents) on a trail of --events events
//      (default 5,000,000): first page, filtered pages, deep pages: p50/p95;
//   3. verification (the real verifyAuditTrail) of the largest chain (≥ 1M events at the default
//      size) and of the whole trail, hashing on worker threads as `npm run audit:verify` does,
//      and of the whole trail in one thread as the review screen does: events/s end to end; and
//      the hashing alone (rows already in memory, no database), to show where the time goes.
//
// Runs against BENCH_DATABASE_URL (a role that may create roles and databases), else the local
// postgresql://postgres@127.0.0.1:5432/postgres. Creates the confide_owner/confide_app roles
// (lib/db/bootstrap.ts), (re)creates the database confide_bench (or --database), migrates it as the owner, then
// writes and reads as the app role, as the app does. Drops the database at the end unless --keep.
//
// The bulk load writes rows directly (INSERT … SELECT FROM unnest, as the owner role; the
// append-only triggers only refuse UPDATE/DELETE/TRUNCATE), hashing each event with the real
// chainHash, so the loaded trail verifies exactly as one written by recordAudit would.
//
// Must run under the react-server export condition (the npm script passes it): lib/audit/query.ts
// imports "server-only", which throws anywhere else.
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { AuditAction } from "../lib/audit/actions";
import { chainHash, GENESIS_HASH, type ChainedContent } from "../lib/audit/chain";
import { recordAudit } from "../lib/audit/record";
import { PLATFORM_CHAIN, type AuditEventInput } from "../lib/audit/schema";
import { ChainWalker, WALKED_COLUMNS } from "../lib/audit/chain-walker";
import { verifyAuditTrail, type VerifyResult } from "../lib/audit/verify";
import { threadedContentChecks } from "../lib/audit/verify-threads";
import type { Actor } from "../lib/auth/current";
import { generateSecrets } from "../lib/config/secrets";
import { databaseUrls, dropDatabase, ensureDatabase, ensureRoles } from "../lib/db/bootstrap";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "5000000" },
    keep: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    database: { type: "string", default: "confide_bench" },
  },
});
const TOTAL_EVENTS = Number(args.events!.replaceAll("_", ""));
if (!Number.isInteger(TOTAL_EVENTS) || TOTAL_EVENTS < 10_000) {
  console.error("--events must be an integer ≥ 10000");
  process.exit(2);
}

const SUPERUSER_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// A name of its own lets two checkouts benchmark on one server without dropping each other's database.
const DATABASE = args.database!;
const PASSWORDS = { owner: "confide-bench-owner", app: "confide-bench-app", vault: "confide-bench-vault" };

const WRITERS = 8;
const EVENTS_PER_WRITER = 500;
const WARMUPS = 3;
const RUNS = 50;
const LOAD_BATCH = 5_000;

const TARGET = { writesPerSecond: 2_000, firstPageP95Ms: 100, verifyPerSecond: 200_000 };

const runStarted = performance.now();
const log = (message: string) => {
  const at = ((performance.now() - runStarted) / 1000).toFixed(1).padStart(7);
  console.log(`[${at} s] ${message}`);
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const ms = (n: number) => `${n.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------
// Deterministic data (a seeded PRNG, so runs are comparable).

let prngState = 0x5eed_a0d1;
function random(): number {
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

interface Member { id: string; role: "OWNER" | "THERAPIST" | "MANAGER" }
interface Practice {
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
const PRACTICE_WEIGHTS = [25, 9, 7, 6, 5.5, 5, 4.5, 4, 3.5, 3.5, 3, 3, 3, 2.5, 2.5, 2.5, 2, 2, 1.5, 1];
const PLATFORM_WEIGHT = 1;

const practices: Practice[] = PRACTICE_WEIGHTS.map((w) => {
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
const platform = { seq: 0n, prevHash: GENESIS_HASH as Buffer, events: 0 };
const pickChain = weighted<number>([...PRACTICE_WEIGHTS.map((w, i) => [i, w] as const), [-1, PLATFORM_WEIGHT]]);

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
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
];
const randomIp = () => (random() < 0.8 ? `203.0.113.${1 + pickIndex(254)}` : `2001:db8:${hex(4)}::${hex(4)}`);

/** Client index, mildly skewed: some clients are seen far more often than others. */
const pickClient = (p: Practice) => p.clients[Math.floor(p.clients.length * random() ** 1.2)]!;

type Row = Omit<ChainedContent, "seq"> & { seq: bigint };

function practiceEvent(p: Practice, at: Date): Row {
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

function platformEvent(at: Date): Row {
  return {
    chainId: PLATFORM_CHAIN, seq: 0n, occurredAt: at, practiceId: null, actorType: "USER", actorId: null,
    actorRole: null, action: "auth.signin.failed", targetType: null, targetId: null, outcome: "FAILED",
    requestId: hex(16), ip: randomIp(), userAgent: pick(USER_AGENTS), details: { reason: "unknown_account" },
  };
}

// ---------------------------------------------------------------------------------------------
// Bulk load.

const COLUMNS = ['"chainId"', "seq", '"occurredAt"', '"practiceId"', '"actorType"', '"actorId"', '"actorRole"', "action",
  '"targetType"', '"targetId"', "outcome", '"requestId"', "ip", '"userAgent"', "details", '"prevHash"', "hash"];
const INSERT_SQL = `
  INSERT INTO audit_event (${COLUMNS.join(", ")})
  SELECT c, s, o, p, at::"AuditActorType", ai, ar, a, tt, ti, oc::"AuditOutcome", r, ip, ua, d::jsonb,
         decode(ph, 'hex'), decode(h, 'hex')
    FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                $15::text[], $16::text[], $17::text[])
      AS t(c, s, o, p, at, ai, ar, a, tt, ti, oc, r, ip, ua, d, ph, h)`;

const SPAN_MS = 730 * 86_400_000;
const LOAD_END = Date.now() - 3_600_000; // the loaded trail ends an hour ago; live writes come after
const LOAD_START = LOAD_END - SPAN_MS;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Generates events [from, to) of the global, time-ordered stream; hashes them into their chains. */
async function generateBatch(from: number, to: number): Promise<unknown[][]> {
  const cols: unknown[][] = COLUMNS.map(() => []);
  for (let i = from; i < to; i++) {
    // Events interleave across chains in time order, as live traffic does; timestamps are
    // increasing (ms precision, as stored), spread evenly with jitter over two years.
    const at = new Date(Math.floor(LOAD_START + (SPAN_MS * (i + 0.9 * random())) / TOTAL_EVENTS));
    const chain = pickChain();
    const state = chain === -1 ? platform : practices[chain]!;
    const row = chain === -1 ? platformEvent(at) : practiceEvent(practices[chain]!, at);
    row.seq = ++state.seq;
    state.events++;
    const hash = chainHash(state.prevHash, row);
    const values = [row.chainId, row.seq.toString(), at.toISOString(), row.practiceId, row.actorType, row.actorId,
      row.actorRole, row.action, row.targetType, row.targetId, row.outcome, row.requestId, row.ip, row.userAgent,
      JSON.stringify(row.details), state.prevHash.toString("hex"), hash.toString("hex")];
    for (let c = 0; c < values.length; c++) cols[c]!.push(values[c]);
    state.prevHash = hash;
    // Let the previous batch's INSERT finish streaming to the server while we generate.
    if ((i - from) % 500 === 499) await nextTick();
  }
  return cols;
}

async function bulkLoad(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Ordinary settings for a bulk load; durability of this throwaway database is not the point.
    await client.query("SET synchronous_commit = off");
    const started = performance.now();
    let inFlight: Promise<unknown> | null = null;
    let lastReport = started;
    for (let from = 0; from < TOTAL_EVENTS; from += LOAD_BATCH) {
      const batch = await generateBatch(from, Math.min(from + LOAD_BATCH, TOTAL_EVENTS));
      if (inFlight) await inFlight;
      inFlight = client.query(INSERT_SQL, batch);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const done = from + LOAD_BATCH;
        log(`  loaded ${fmt(done)} / ${fmt(TOTAL_EVENTS)} (${fmt(done / ((lastReport - started) / 1000))} events/s)`);
      }
    }
    await inFlight;
    const heads: [string, string, string][] = practices
      .filter((p) => p.seq > 0n)
      .map((p) => [p.id, p.seq.toString(), p.prevHash.toString("hex")]);
    if (platform.seq > 0n) heads.push([PLATFORM_CHAIN, platform.seq.toString(), platform.prevHash.toString("hex")]);
    await client.query(
      `INSERT INTO audit_chain_head ("chainId", seq, hash)
       SELECT c, s, decode(h, 'hex') FROM unnest($1::text[], $2::bigint[], $3::text[]) AS t(c, s, h)
       ON CONFLICT ("chainId") DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
      [heads.map((h) => h[0]), heads.map((h) => h[1]), heads.map((h) => h[2])],
    );
    const loadSeconds = (performance.now() - started) / 1000;
    const analyzeStarted = performance.now();
    // As autovacuum would do on an insert-only table: statistics and the visibility map.
    await client.query("VACUUM (ANALYZE) audit_event");
    await client.query("ANALYZE audit_chain_head");
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    const size = await client.query<{ table: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_table_size('audit_event')) AS table, pg_size_pretty(pg_indexes_size('audit_event')) AS indexes`,
    );
    return { loadSeconds, analyzeSeconds, table: size.rows[0]!.table, indexes: size.rows[0]!.indexes };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers.

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// Records the SQL the app's own code sends (through Prisma's pg adapter), so EXPLAIN runs on
// exactly that statement rather than a hand-written copy.
let captured: { text: string; values: unknown[] }[] | null = null;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const q = a[0] as { text?: string; values?: unknown[] } | string;
  if (captured && typeof q === "object" && q?.text) captured.push({ text: q.text, values: q.values ?? [] });
  return (pgQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

async function captureSql(run: () => Promise<unknown>) {
  captured = [];
  try {
    await run();
    return captured.filter((q) => /FROM "public"\."audit_event"/.test(q.text));
  } finally {
    captured = null;
  }
}

// ---------------------------------------------------------------------------------------------

interface WriteResult { label: string; events: number; seconds: number; p50: number; p95: number; failed: number }

async function writeBench(
  prisma: ReturnType<typeof createPrismaClient>,
  label: string,
  practiceFor: (writer: number) => Practice,
  inCallerTransaction = false,
): Promise<WriteResult> {
  const input = (writer: number, i: number): AuditEventInput => {
    const p = practiceFor(writer);
    const member = p.members[(writer + i) % p.members.length]!;
    const who = {
      practiceId: p.id,
      actor: { type: "USER" as const, id: member.id, role: member.role },
      outcome: "SUCCESS" as const,
      context: { requestId: randomUUID().replaceAll("-", "").slice(0, 16), ip: "203.0.113.7", userAgent: USER_AGENTS[0]! },
    };
    if (i % 3 === 0) return { ...who, action: "auth.signin.succeeded", target: { type: "session", id: randomUUID() }, details: { method: "password" } };
    if (i % 3 === 1) return { ...who, action: "member.listed", target: null, details: { count: p.members.length } };
    return { ...who, action: "audit.event.viewed", target: { type: "audit_event", id: String(i) }, details: { seq: String(i) } };
  };
  // With Prisma's default interactive-transaction limits (5 s, 2 s to get a connection), which
  // include the wait for the chain's head: a writer that runs out of time counts as failed.
  const record = (w: number, i: number) =>
    inCallerTransaction ? prisma.$transaction((tx) => recordAudit(tx, input(w, i))) : recordAudit(prisma, input(w, i));
  // Warm the pool (one connection per writer) before timing.
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => record(w, 0)));
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 1; i <= EVENTS_PER_WRITER; i++) {
        const t = performance.now();
        await record(w, i).catch((error: unknown) => {
          if (failed++ === 0) console.error(`  a write failed: ${String(error).slice(0, 300)}`);
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const events = WRITERS * EVENTS_PER_WRITER - failed;
  return { label, events, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), failed };
}

interface QueryResult { label: string; rows: number; p50: number; p95: number; target?: number }

/**
 * The verifier's own work without the database: up to 300,000 rows of one chain, fetched once
 * as the same binary COPY, walked from memory in one thread and then with hashing threads.
 */
async function hashingOnly(url: string, chainId: string, threads: ReturnType<typeof threadedContentChecks>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const chunks: Buffer[] = [];
  try {
    const sql = `COPY (SELECT ${WALKED_COLUMNS} FROM audit_event WHERE "chainId" = ${client.escapeLiteral(chainId)} ORDER BY seq LIMIT 300000) TO STDOUT (FORMAT binary)`;
    for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) chunks.push(chunk);
  } finally {
    await client.end();
  }
  const rate = async (offload?: typeof threads) => {
    let best = 0;
    for (let run = 0; run < 3; run++) {
      const walker = new ChainWalker({ offload });
      const t = performance.now();
      for (const chunk of chunks) await walker.push(chunk);
      const { verified, broken } = await walker.finish(() => undefined);
      if (broken) throw new Error(`hashing alone found a break at ${broken.seq}`);
      best = Math.max(best, verified / ((performance.now() - t) / 1000));
    }
    return best;
  };
  const inThread = await rate();
  const threaded = await rate(threads);
  const walker = new ChainWalker();
  for (const chunk of chunks) walker.push(chunk);
  return { events: walker.rows, inThread, threaded };
}

async function main() {
  log(`Audit benchmark: ${fmt(TOTAL_EVENTS)} events; server ${new URL(SUPERUSER_URL).host}, database ${DATABASE}`);
  log(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await ensureRoles(SUPERUSER_URL, PASSWORDS);
  await dropDatabase(SUPERUSER_URL, DATABASE);
  await ensureDatabase(SUPERUSER_URL, DATABASE);
  const { ownerUrl, appUrl, vaultUrl } = databaseUrls(SUPERUSER_URL, DATABASE, PASSWORDS);
  await applyMigrations(ownerUrl);
  log("Database created and migrated.");

  // The app's configuration, before anything calls config() (lib/db/client reads DATABASE_URL).
  process.env.DATABASE_URL = appUrl;
  process.env.VAULT_DATABASE_URL = vaultUrl;
  Object.assign(process.env, generateSecrets());
  const { listAuditEvents } = await import("../lib/audit/query");

  let exitCode = 0;
  try {
    // 1. Bulk load ------------------------------------------------------------------------------
    log(`Loading ${fmt(TOTAL_EVENTS)} hash-chained events over ${PRACTICE_WEIGHTS.length} practice chains + the platform chain…`);
    const load = await bulkLoad(ownerUrl);
    const largest = practices.reduce((a, b) => (b.events > a.events ? b : a));
    log(`Loaded in ${load.loadSeconds.toFixed(1)} s (${fmt(TOTAL_EVENTS / load.loadSeconds)} events/s); VACUUM ANALYZE ${load.analyzeSeconds.toFixed(1)} s; table ${load.table}, indexes ${load.indexes}.`);
    log(`Largest practice chain: ${fmt(largest.events)} events; platform chain ${fmt(platform.events)}.`);

    // 2. Writes ---------------------------------------------------------------------------------
    const prisma = createPrismaClient(appUrl, WRITERS + 2);
    const writes: WriteResult[] = [];
    try {
      log(`Writes: ${WRITERS} concurrent writers × ${EVENTS_PER_WRITER} events through recordAudit…`);
      writes.push(await writeBench(prisma, "one chain (all writers on one practice)", () => largest));
      const others = practices.filter((p) => p !== largest).slice(0, WRITERS);
      writes.push(await writeBench(prisma, `${WRITERS} chains (one practice per writer)`, (w) => others[w]!));
      writes.push(await writeBench(prisma, "one chain, each in its caller's transaction", () => largest, true));
      for (const w of writes) {
        log(`  ${w.label}: ${fmt(w.events / w.seconds)} events/s (${w.events} in ${w.seconds.toFixed(2)} s; per event p50 ${ms(w.p50)}, p95 ${ms(w.p95)}; ${w.failed} failed)`);
      }
    } finally {
      await prisma.$disconnect();
    }

    // 3. The review query -----------------------------------------------------------------------
    const actor: Actor = {
      sessionId: randomUUID(), userId: largest.owner.id, displayName: "Bench Owner", membershipId: randomUUID(),
      role: "OWNER", practiceId: largest.id, practiceName: "Largest practice", stepUpAt: null,
    };
    const probe = new pg.Client({ connectionString: appUrl });
    await probe.connect();
    const queries: QueryResult[] = [];
    const plans: { label: string; plan: string }[] = [];
    try {
      const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
      const mid = LOAD_START + SPAN_MS / 2;
      const busiest = (await probe.query<{ t: string; n: string }>(
        `SELECT "targetId" AS t, count(*)::text AS n FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client'
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [largest.id])).rows[0]!;
      const typical = (await probe.query<{ t: string; n: string }>(
        `SELECT t, n::text FROM (SELECT "targetId" AS t, count(*) AS n FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client' GROUP BY 1) x
          ORDER BY n, t LIMIT 1 OFFSET (SELECT count(DISTINCT "targetId") / 2 FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client')`,
        [largest.id])).rows[0]!;
      const therapist = largest.therapists[0]!;
      const midEvent = (await probe.query<{ at: Date; id: string }>(
        `SELECT "occurredAt" AS at, id::text FROM audit_event WHERE "practiceId" = $1 AND "occurredAt" <= $2
          ORDER BY "occurredAt" DESC, id DESC LIMIT 1`, [largest.id, new Date(mid)])).rows[0]!;

      // Page 20, reached the way the screen reaches it: following nextCursor from page 1.
      let cursor: string | null = null;
      for (let page = 1; page < 20; page++) cursor = (await listAuditEvents(actor, cursor ? { cursor } : {})).nextCursor;

      const cases: { label: string; filters: Parameters<typeof listAuditEvents>[1]; target?: number }[] = [
        { label: "first page (no filter)", filters: {}, target: TARGET.firstPageP95Ms },
        { label: `action+outcome+90 days (member.listed, DENIED)`, filters: { action: "member.listed", outcome: "DENIED", from: iso(mid - 45 * 86_400_000), to: iso(mid + 45 * 86_400_000) } },
        { label: `target = busiest client (${busiest.n} events)`, filters: { target: busiest.t } },
        { label: `target = median client (${typical.n} events)`, filters: { target: typical.t } },
        { label: "actor = one therapist", filters: { actor: therapist.id } },
        { label: "outcome = DENIED only", filters: { outcome: "DENIED" } },
        { label: "page 20 (followed nextCursor)", filters: { cursor: cursor! } },
        { label: "cursor at mid-trail (1 year back)", filters: { cursor: `${midEvent.at.getTime()}_${midEvent.id}` } },
      ];
      log(`Review query (listAuditEvents as the owner of the largest practice): ${WARMUPS} warm-ups + ${RUNS} runs each…`);
      for (const c of cases) {
        let rows = 0;
        for (let i = 0; i < WARMUPS; i++) rows = (await listAuditEvents(actor, c.filters)).rows.length;
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await listAuditEvents(actor, c.filters);
          samples.push(performance.now() - t);
        }
        const r: QueryResult = { label: c.label, rows, p50: percentile(samples, 50), p95: percentile(samples, 95), target: c.target };
        queries.push(r);
        log(`  ${c.label}: p50 ${ms(r.p50)}, p95 ${ms(r.p95)} (${rows} rows)`);
        if (args.explain || r.p95 > TARGET.firstPageP95Ms) {
          const [sql] = await captureSql(() => listAuditEvents(actor, c.filters));
          if (sql) {
            const plan = await probe.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, values: sql.values });
            plans.push({ label: c.label, plan: `${sql.text}\n${plan.rows.map((x) => x["QUERY PLAN"]).join("\n")}` });
          }
        }
      }
    } finally {
      await probe.end();
    }

    // 4. Verification ---------------------------------------------------------------------------
    const threads = threadedContentChecks();
    const verifies: { label: string; result: VerifyResult; seconds: number; cpuPerEvent: number }[] = [];
    const verify = async (label: string, chain: string | undefined, withThreads: boolean) => {
      log(`Verify: ${label}…`);
      const cpu = process.cpuUsage();
      const t = performance.now();
      const result = await verifyAuditTrail(appUrl, chain, { contentChecks: withThreads ? threads : undefined });
      const seconds = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const v = { label, result, seconds, cpuPerEvent: (used.user + used.system) / result.verified };
      verifies.push(v);
      log(`  ${result.ok ? "intact" : `BROKEN in ${result.broken!.chainId} at ${result.broken!.seq}: ${result.broken!.reason}`}: ${fmt(result.verified)} events in ${result.chains} chain(s) in ${seconds.toFixed(2)} s (${fmt(result.verified / seconds)} events/s; this process's CPU ${v.cpuPerEvent.toFixed(1)} µs/event)`);
      return result;
    };
    let one: VerifyResult, all: VerifyResult, allInThread: VerifyResult;
    let hashing: { events: number; inThread: number; threaded: number };
    try {
      one = await verify(`the largest chain, ${threads.threads} hashing thread(s) as audit:verify`, largest.id, true);
      all = await verify(`the whole trail, ${threads.threads} hashing thread(s) as audit:verify`, undefined, true);
      allInThread = await verify("the whole trail, in one thread as the review screen", undefined, false);
      hashing = await hashingOnly(appUrl, largest.id, threads);
      log(`Hashing alone (${fmt(hashing.events)} rows of the largest chain already in memory): ${fmt(hashing.inThread)} events/s in one thread, ${fmt(hashing.threaded)} events/s with ${threads.threads} hashing thread(s).`);
    } finally {
      await threads.close();
    }
    const expected = TOTAL_EVENTS + 3 * WRITERS * (EVENTS_PER_WRITER + 1) - writes.reduce((n, w) => n + w.failed, 0);
    if (!one.ok || !all.ok || !allInThread.ok || all.verified !== expected) {
      if (all.ok) console.error(`Expected ${expected} events, verified ${all.verified}.`);
      exitCode = 1;
    }

    // 5. Summary --------------------------------------------------------------------------------
    for (const p of plans) console.log(`\nEXPLAIN (ANALYZE, BUFFERS): ${p.label}\n${p.plan}`);
    const lines: [string, string, string, string][] = [];
    for (const w of writes) {
      const rate = w.events / w.seconds;
      lines.push([`write, ${w.label}`, `${fmt(rate)} events/s`, `≥ ${fmt(TARGET.writesPerSecond)}/s`, rate >= TARGET.writesPerSecond ? "ok" : "BELOW"]);
    }
    const intact = all.ok && one.ok && allInThread.ok;
    lines.push(["chain intact after writes and load", intact ? "yes" : "NO", "yes", intact ? "ok" : "FAIL"]);
    for (const q of queries) {
      lines.push([`query p50/p95, ${q.label}`, `${q.p50.toFixed(1)} / ${q.p95.toFixed(1)} ms`,
        q.target ? `p95 ≤ ${q.target} ms` : "(none set)",
        q.target ? (q.p95 <= q.target ? "ok" : "ABOVE") : q.p95 > TARGET.firstPageP95Ms ? `p95 over ${TARGET.firstPageP95Ms} ms` : ""]);
    }
    for (const v of verifies) {
      const rate = v.result.verified / v.seconds;
      lines.push([`verify ${v.label} (${fmt(v.result.verified)} events)`, `${fmt(rate)} events/s`, `≥ ${fmt(TARGET.verifyPerSecond)}/s`, rate >= TARGET.verifyPerSecond ? "ok" : "BELOW"]);
    }
    lines.push([`hashing alone, in memory, one thread (${fmt(hashing.events)} events)`, `${fmt(hashing.inThread)} events/s`, "(not a target)", ""]);
    lines.push([`hashing alone, in memory, ${threads.threads} hashing thread(s)`, `${fmt(hashing.threaded)} events/s`, "(not a target)", ""]);
    lines.push([`bulk load (${fmt(TOTAL_EVENTS)} events, not a target)`, `${load.loadSeconds.toFixed(1)} s`, "", ""]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i]!.length), ["measure", "result", "target", ""][i]!.length));
    const row = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
    console.log(`\nSummary (${fmt(TOTAL_EVENTS)}-event trail, ${WRITERS} writers × ${EVENTS_PER_WRITER})`);
    console.log(row(["measure", "result", "target", ""]));
    console.log(row(widths.map((w) => "-".repeat(w))));
    for (const l of lines) console.log(row(l));
    console.log(`\nWhole run: ${((performance.now() - runStarted) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")} on ${cpus().length} CPUs.`);
  } finally {
    const { db } = await import("../lib/db/client");
    await db().$disconnect();
    if (args.keep) log(`Kept database ${DATABASE} (${appUrl.replace(/:[^:@/]*@/, ":***@")}).`);
    else await dropDatabase(SUPERUSER_URL, DATABASE);
  }
  return exitCode;
}

process.exit(await main());
