// npm run bench:load — figures for issue 14, not a test (needs `npm run build` first):
//   the production build (next start) on 127.0.0.1 only, driven by autocannon with signed-in
//   members doing a realistic mix: caseload, a client's page, note autosave through the draft
//   route, the week view, audit review. 50, 100 and 200 concurrent users, 20 s per level, first
//   paced (each user sends one request a second: a busy clinician typing and clicking), then
//   unpaced (every user fires the next request as soon as the last answers: the ceiling).
//   Prints throughput, p50/p95/p99, errors, and where the CPU went (the Next.js server process
//   against the PostgreSQL backends serving it), then each request type alone.
// Sessions are real Session rows with the next-auth JWT cookie the app issues (no argon2 per
// virtual user: sign-in cost is bench:auth's subject).
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_load, dropped after. Under the react-server condition.
// Options: --port N (default 3390), --seconds N per level (default 20, at most 60),
// --levels 50,100,200, --practices 20 (of 10 members each), --skip-profile, --host 127.0.0.1 (anything but a loopback address is refused).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import type { Actor } from "../lib/auth/current";
import { createPrismaClient } from "../lib/db/prisma";
import { benchContext, dropBenchDatabase, freshBenchDatabase, pct, pointAppAtBenchDatabase, say } from "./lib/bench";
import { repoRoot } from "./lib/dev-env";

const DB = "confide_bench_load";
const MEMBERS_PER_PRACTICE = 10; // 1 owner + 9 therapists: 200 signed-in users
const CLIENTS_PER_MEMBER = 10;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3390" },
    seconds: { type: "string", default: "20" },
    levels: { type: "string", default: "50,100,200" },
    host: { type: "string", default: "127.0.0.1" },
    practices: { type: "string", default: "20" },
    "skip-profile": { type: "boolean", default: false },
  },
});
if (!LOOPBACK.has(opts.host!)) {
  console.error(`bench:load sends traffic to this machine only; refusing host ${JSON.stringify(opts.host)}.`);
  process.exit(2);
}
const HOST = "127.0.0.1";
const PRACTICES = Math.min(50, Math.max(1, Number(opts.practices)));
const port = Number(opts.port);
const seconds = Math.min(60, Math.max(1, Number(opts.seconds)));
const levels = opts.levels!.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 500);
if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
  console.error("bench:load drives the production build: run `npm run build` first.");
  process.exit(2);
}
const origin = `http://${HOST}:${port}`;

const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);
Object.assign(process.env, { APP_URL: origin, NEXTAUTH_URL: origin, NEXT_TELEMETRY_DISABLED: "1" });

const { createClient } = await import("../lib/clients/create-client");
const { createNote } = await import("../lib/notes/create-note");
const { saveDraft } = await import("../lib/notes/save-draft");
const { signNote } = await import("../lib/notes/sign-note");
const { bookAppointments } = await import("../lib/schedule/book");
const { openSession } = await import("../lib/auth/sessions");
const { sessionCookieName } = await import("../lib/auth/cookie-names");
const { ABSOLUTE_TIMEOUT_MS } = await import("../lib/auth/sessions");
const { encode } = await import("next-auth/jwt");
const { db } = await import("../lib/db/client");
const { closeVaultPool } = await import("../lib/vault/db");

interface User {
  cookie: string;
  clientCodes: string[];
  draft: { code: string; id: string };
}

const prisma = createPrismaClient(urls.appUrl, 4);
let profileFromMs = 0;
let server: ChildProcess | null = null;
try {
  say(`Load benchmark on ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const t0 = performance.now();
  const users = (await Promise.all(Array.from({ length: PRACTICES }, (_, p) => seedPractice(p)))).flat();
  say(`Setup: ${PRACTICES} practices, ${users.length} members with ${CLIENTS_PER_MEMBER} clients each (a signed note per client, a draft each, appointments this week) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

  server = await startServer();
  // Warm every route once (first renders compile nothing in production, but fill caches).
  for (const u of users.slice(0, 3)) for (const r of routes(u)) await fetch(`${origin}${r.path}`, { method: r.method, headers: { cookie: u.cookie, origin, "content-type": "application/json" }, body: r.body?.() });

  const table: string[] = [];
  for (const paced of [true, false]) {
    for (const level of levels) {
      const r = await run(users, level, paced, null);
      table.push(line(`${paced ? "paced 1 req/s" : "unpaced"} ${String(level).padStart(3)} users`, r));
    }
  }
  say(`\n${seconds} s per level; mix per user: caseload, client page, autosave, week view, autosave, client page, autosave, audit review`);
  say(header());
  for (const l of table) say(l);

  const alone = Math.min(50, users.length);
  say(`\nEach request type alone, unpaced, ${alone} users, ${Math.min(seconds, 10)} s:`);
  say(header());
  for (const kind of ["caseload", "client page", "autosave", "week view", "audit review"] as const) {
    const r = await run(users, alone, false, kind, Math.min(seconds, 10));
    say(line(kind, r));
  }

  if (!opts["skip-profile"]) {
    // Where the server's CPU goes: the same mix, 50 users, 10 s, under V8's sampling profiler.
    await stopServer(server);
    const dir = mkdtempSync(path.join(tmpdir(), "confide-load-prof-"));
    const spawnedAt = performance.now();
    server = await startServer(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    for (const u of users.slice(0, 3)) for (const r of routes(u)) await fetch(`${origin}${r.path}`, { method: r.method, headers: { cookie: u.cookie, origin, "content-type": "application/json" }, body: r.body?.() });
    // Samples before this point (start-up, module loading, the warm-up) are left out.
    profileFromMs = performance.now() - spawnedAt;
    await run(users, Math.min(50, users.length), false, null, 10);
    await stopServer(server);
    server = null;
    summariseProfile(dir);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (server) await stopServer(server);
  await prisma.$disconnect();
  await db().$disconnect();
  await closeVaultPool();
  await dropBenchDatabase(DB);
}

async function seedPractice(p: number): Promise<User[]> {
  const practice = await prisma.practice.create({
    data: { name: `Load practice ${p}`, requireTwoFactor: false, twoFactorRelaxedReason: "Load benchmark accounts." },
  });
  const out: User[] = [];
  const monday = mondayOf(new Date());
  for (let m = 0; m < MEMBERS_PER_PRACTICE; m++) {
    const role = m === 0 ? "OWNER" : "THERAPIST";
    const user = await prisma.user.create({ data: { email: `m${m}@p${p}.load.test`, displayName: `Member ${p}.${m}`, passwordHash: "not-used" } });
    const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    const session = await openSession(prisma, { userId: user.id, membershipId: membership.id, userAgent: "bench:load" });
    const actor: Actor = { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId: practice.id, practiceName: practice.name, stepUpAt: null };
    const codes: string[] = [];
    for (let c = 0; c < CLIENTS_PER_MEMBER; c++) {
      const { client } = await createClient(actor, { label: `Client ${c}`, identity: { fullName: `Load Person ${p}.${m}.${c}` } }, benchContext);
      codes.push(client.code);
      const note = await createNote(actor, client.code, { template: "SOAP", sessionDate: isoDate(new Date(Date.now() - 7 * 86_400_000)) }, benchContext);
      const saved = await saveDraft(actor, client.code, note.id, { baseRevision: 0, sections: { subjective: "Reports a calmer week.", plan: "Continue weekly." } }, benchContext);
      if (saved.ok) await signNote(actor, client.code, note.id, { baseRevision: saved.revision }, benchContext);
      if (c < 3) {
        const date = isoDate(new Date(monday.getTime() + (c + 1) * 86_400_000));
        await bookAppointments(actor, { clientCode: client.code, clinicianId: membership.id, date, time: `${String(9 + m).padStart(2, "0")}:00`, durationMinutes: 50, type: "SESSION", room: "Room 1" }, benchContext);
      }
    }
    const draft = await createNote(actor, codes[0]!, { template: "SOAP", sessionDate: isoDate(new Date()) }, benchContext);
    const token = await encode({ token: { sub: user.id, sid: session.id }, secret: process.env.AUTH_SECRET!, maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
    out.push({ cookie: `${sessionCookieName()}=${token}`, clientCodes: codes, draft: { code: codes[0]!, id: draft.id } });
  }
  return out;
}

type Kind = "caseload" | "client page" | "autosave" | "week view" | "audit review";
interface Step {
  kind: Kind;
  method: "GET" | "PUT";
  path: string;
  body?: () => string;
}
interface Ctx {
  user?: User;
  revision?: number;
  typed?: number;
}

/** One user's session: the mix every virtual user repeats. */
function routes(u: User, ctx: Ctx = {}): Step[] {
  const week = isoDate(mondayOf(new Date()));
  const client = (i: number) => `/clients/${encodeURIComponent(u.clientCodes[i % u.clientCodes.length]!)}`;
  const autosave: Step = {
    kind: "autosave",
    method: "PUT",
    path: `/api/clients/${encodeURIComponent(u.draft.code)}/notes/${u.draft.id}/draft`,
    body: () => {
      ctx.typed = (ctx.typed ?? 0) + 1;
      return JSON.stringify({ baseRevision: ctx.revision ?? 0, sections: { subjective: "Client describes the week. ".repeat(1 + (ctx.typed % 40)), plan: "Review next session." } });
    },
  };
  return [
    { kind: "caseload", method: "GET", path: "/clients" },
    { kind: "client page", method: "GET", path: client(1) },
    autosave,
    { kind: "week view", method: "GET", path: `/schedule?view=week&date=${week}` },
    autosave,
    { kind: "client page", method: "GET", path: client(2) },
    autosave,
    { kind: "audit review", method: "GET", path: "/audit" },
  ];
}

interface Result {
  requests: number;
  rps: number;
  latencies: number[];
  failures: number;
  timeouts: number;
  socketErrors: number;
  byStatus: Map<number, number>;
  cpu: { app: number; db: number; generator: number; machine: number };
}

async function run(users: User[], connections: number, paced: boolean, only: Kind | null, duration = seconds): Promise<Result> {
  // Each connection is one member (its own cookie and draft), assigned on its first request.
  let next = 0;
  const template = routes(users[0]!).filter((s) => !only || s.kind === only);
  const requests = template.map((step, i) => ({
    method: step.method,
    path: step.path,
    setupRequest: (req: autocannon.Request, context: Ctx) => {
      if (!context.user) {
        context.user = users[next++ % users.length]!;
      }
      const mine = routes(context.user, context).filter((s) => !only || s.kind === only)[i]!;
      return { ...req, path: mine.path, headers: { cookie: context.user.cookie, origin, "content-type": "application/json", accept: "text/html,application/json" }, body: mine.body?.() };
    },
    onResponse: (status: number, body: string, context: Ctx) => {
      if (step.kind === "autosave" && status === 200) context.revision = (JSON.parse(body) as { revision: number }).revision;
    },
  }));
  const latencies: number[] = [];
  const byStatus = new Map<number, number>();
  const before = await cpuSample();
  const started = performance.now();
  let finished!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finished = resolve), (failed = reject)));
  const instance = autocannon({
    url: origin,
    connections,
    duration,
    timeout: 10,
    requests: requests as unknown as autocannon.Request[],
    initialContext: {},
    ...(paced ? { connectionRate: 1 } : {}),
  }, (error, r) => (error ? failed(error) : finished(r)));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    byStatus.set(statusCode, (byStatus.get(statusCode) ?? 0) + 1);
  });
  const result = await done;
  const elapsed = (performance.now() - started) / 1000;
  const after = await cpuSample();
  await resetRevisions(users);
  await drained();
  // autocannon counts a timeout as an error too.
  const failures = result.errors + [...byStatus].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
  const cpu = cpuBetween(before, after);
  return { requests: latencies.length, rps: latencies.length / elapsed, latencies, failures, timeouts: result.timeouts, socketErrors: result.errors - result.timeouts, byStatus, cpu };
}

/** Waits (at most 60 s) until the server has worked off the last level's queue: a health check answers within 1 s. */
async function drained() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
    if (ok && performance.now() - started < 1_000) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** A new autocannon run starts with fresh contexts at revision 0: bring every draft back to 0. */
async function resetRevisions(users: User[]) {
  await prisma.note.updateMany({ where: { id: { in: users.map((u) => u.draft.id) } }, data: { revision: 0 } });
}

function header() {
  return `${"load".padEnd(26)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}${"requests".padStart(10)}   CPU s: app / postgres / load generator / whole machine`;
}
function line(label: string, r: Result) {
  const errs = r.failures ? `${r.failures}` : "0";
  const p = (q: number) => (r.latencies.length ? pct(r.latencies, q).toFixed(0) : "-");
  const kinds = [...[...r.byStatus].filter(([s]) => s < 200 || s >= 300).map(([s, c]) => `${c}x${s}`), r.timeouts ? `${r.timeouts} timeouts` : "", r.socketErrors ? `${r.socketErrors} socket errors` : ""].filter(Boolean).join(", ");
  return `${label.padEnd(26)}${r.rps.toFixed(1).padStart(8)}${p(50).padStart(9)}${p(95).padStart(9)}${p(99).padStart(9)}${errs.padStart(8)}${String(r.requests).padStart(10)}   ${r.cpu.app.toFixed(1)} / ${r.cpu.db.toFixed(1)} / ${r.cpu.generator.toFixed(1)} / ${r.cpu.machine.toFixed(1)}${kinds ? `   (${kinds})` : ""}`;
}

/** CPU seconds used so far, per process: the server's process tree, the backends on our database. */
async function cpuSample() {
  const tick = 100; // USER_HZ on Linux
  const stat = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick };
    } catch {
      return null;
    }
  };
  const all = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const tree = new Set<number>(server?.pid ? [server.pid] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of all) {
      const s = stat(pid);
      if (s && tree.has(s.ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const app = new Map<number, number>();
  for (const pid of tree) app.set(pid, stat(pid)?.cpu ?? 0);
  const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [DB]);
  await client.end();
  const backends = new Map<number, number>();
  for (const { pid } of rows) backends.set(pid, stat(pid)?.cpu ?? 0);
  // This process (autocannon) and every CPU of the machine (others' work shows as the rest).
  const own = process.cpuUsage();
  const [, ...jiffies] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const busy = jiffies.reduce((n, v, i) => (i === 3 || i === 4 || i >= 8 ? n : n + (v ?? 0)), 0) / tick; // less idle, iowait and guest (counted in user)
  return { app, db: backends, generator: (own.user + own.system) / 1e6, machine: busy };
}

type Sample = Awaited<ReturnType<typeof cpuSample>>;
/** CPU used between two samples; a process that appeared in between counts from zero. */
function cpuBetween(before: Sample, after: Sample) {
  const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((n, [pid, cpu]) => n + Math.max(0, cpu - (a.get(pid) ?? 0)), 0);
  return { app: delta(before.app, after.app), db: delta(before.db, after.db), generator: after.generator - before.generator, machine: after.machine - before.machine };
}

async function startServer(nodeFlags: string[] = []): Promise<ChildProcess> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [...nodeFlags, nextBin, "start", "--port", String(port), "--hostname", HOST], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.resume();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status < 500, () => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  throw new Error("next start did not answer within 60 s");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

function mondayOf(d: Date) {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}
function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/** Self time of the server's profile, by where the code comes from, and the top functions. */
function summariseProfile(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) return say("\n(no CPU profile was written)");
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  // Each sample's time is the gap to the next; only samples taken under load count.
  const selfMs = new Map<number, number>();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]! / 1000;
    if (at < profileFromMs) continue;
    const gap = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i]!, (selfMs.get(profile.samples[i]!) ?? 0) + gap);
  }
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms) continue;
    const { url, functionName } = node.callFrame;
    const category = categorise(url, functionName);
    if (category === "idle") continue;
    total += ms;
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    const where = url ? url.replace(/^file:\/\//, "").replace(repoRoot + "/", "").replace(/^.*node_modules\//, "") : "";
    const key = `${functionName || "(anonymous)"} ${where}`.slice(0, 110);
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  say(`\nWhere the server's CPU went (V8 profile of the mix under load, 50 users unpaced, 10 s; ${(total / 1000).toFixed(1)} s sampled busy):`);
  for (const [c, ms] of [...byCategory].sort((a, b) => b[1] - a[1])) say(`  ${c.padEnd(58)}${((100 * ms) / total).toFixed(1).padStart(6)} %`);
  say("Top functions by self time:");
  for (const [f, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${f}`);
}

function categorise(url: string, fn: string): string {
  if (fn === "(idle)") return "idle";
  if (fn === "(program)") return "V8/Node (program: native code not attributed)";
  if (fn === "(garbage collector)") return "garbage collection";
  if (/@prisma|generated\/prisma|query_compiler|\.wasm/.test(url)) return "Prisma (query compiler and client)";
  if (/node_modules\/pg(-|\/)|pg-protocol/.test(url)) return "pg driver";
  if (/react-server-dom|react-dom|compiled\/react|\/react\//.test(url)) return "React rendering (RSC and HTML)";
  if (/next\/dist/.test(url)) return "Next.js runtime (routing and React server rendering, bundled together)";
  if (/argon2/.test(url)) return "argon2";
  if (/next-auth|jose|jwt/.test(url)) return "next-auth (JWT cookie decode)";
  if (/\.next\/server/.test(url)) return "the app's bundled server code (.next/server)";
  if (/crypto/.test(url) || /Cipher|Hash|Hmac|hkdf|pbkdf|randomBytes/i.test(fn)) return "crypto (node:crypto: AES-GCM, HKDF for the JWT cookie, hashes)";
  if (/^node:|^internal\/|^$/.test(url)) return "Node internals (sockets, http, promises, async hooks)";
  return "other libraries";
}
