// npm run bench:load — figures for issue 14, not a test (needs `npm run build` first):
//   the production build (next start) on 127.0.0.1 only, with signed-in members doing a
//   realistic mix: caseload, a client's page, note autosave through the draft route, the week
//   view, audit review. 50, 100 and 200 concurrent members, 20 s per level, three ways: members
//   at work (pages read for 10-20 s, autosaves every 2-4 s while writing: scripts/bench/load/
//   paced.ts), members sending one request a second each (five times busier: the stress
//   figure), and unpaced with autocannon (every member fires the next request as soon as the
//   last answers: the ceiling).
//   Prints throughput, p50/p95/p99, errors, and where the CPU went (the Next.js server process
//   against the PostgreSQL backends serving it), then each request type alone.
// Sessions are real Session rows with the next-auth JWT cookie the app issues (no argon2 per
// virtual user: sign-in cost is bench:auth's subject).
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_load, dropped after. Under the react-server condition.
// Options: --port N (default 3390), --seconds N per level (default 20, at most 60),
// --levels 50,100,200, --practices 20 (of 10 members each), --workers N (web worker processes,
// docker/cluster.mjs; default one per core, as the Docker image runs), --skip-profile,
// --host 127.0.0.1 (anything but a loopback address is refused).
//
// The parts live in scripts/bench/load/: options (flags, sizes, the loopback origin), seed (the
// practices and their signed-in members), mix (what each virtual user requests), server (next
// start, warm-up, drain), run-level (one autocannon level), cpu (where the CPU went), report (the
// table) and profile (the V8 profile's summary).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "../lib/db/prisma";
import { CLIENTS_PER_MEMBER, DB, levels, origin, PRACTICES, seconds, skipProfile, workers } from "./bench/load/options";
import { summariseProfile } from "./bench/load/profile";
import { header, line } from "./bench/load/report";
import { runPaced } from "./bench/load/paced";
import { resetRevisions, run } from "./bench/load/run-level";
import { startServer, stopServer, warmUp } from "./bench/load/server";
import { dropBenchDatabase, freshBenchDatabase, machineLine, pointAppAtBenchDatabase, say } from "./lib/bench";

async function main() {
  const urls = await freshBenchDatabase(DB);
  pointAppAtBenchDatabase(urls);
  Object.assign(process.env, { APP_URL: origin, NEXTAUTH_URL: origin, NEXT_TELEMETRY_DISABLED: "1" });

  // Only now, with the configuration above in place: these load the app's modules.
  const { seedPractice } = await import("./bench/load/seed");
  const { db } = await import("../lib/db/client");
  const { closeVaultPool } = await import("../lib/vault/db");

  const prisma = createPrismaClient(urls.appUrl, 4);
  let server: ChildProcess | null = null;
  try {
    say(machineLine("Load benchmark"));
    const t0 = performance.now();
    const users = (await Promise.all(Array.from({ length: PRACTICES }, (_, p) => seedPractice(prisma, p)))).flat();
    say(`Setup: ${PRACTICES} practices, ${users.length} members with ${CLIENTS_PER_MEMBER} clients each (a signed note per client, a draft each, appointments this week) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

    server = await startServer();
    say(`Server: next start under docker/cluster.mjs with ${workers} web worker process(es).`);
    // Warm every route once (first renders compile nothing in production, but fill caches).
    await warmUp(users);
    await resetRevisions(prisma, users);

    const table: string[] = [];
    for (const level of levels.filter((l) => l <= users.length)) {
      const r = await runPaced({ server, prisma }, users, level, "working", seconds);
      table.push(line(`at work     ${String(level).padStart(3)} members`, r));
    }
    for (const level of levels.filter((l) => l <= users.length)) {
      const r = await runPaced({ server, prisma }, users, level, "1rps", seconds);
      table.push(line(`1 req/s     ${String(level).padStart(3)} members`, r));
    }
    for (const level of levels) {
      const r = await run({ server, prisma }, users, level, null);
      table.push(line(`unpaced     ${String(level).padStart(3)} members`, r));
    }
    say(`\n${seconds} s per level. At work: caseload, client page, 10 autosaves, week view, client page, 10 autosaves, audit review; 10-20 s on each page, 2-4 s between autosaves.`);
    say(`1 req/s and unpaced: caseload, client page, autosave, week view, autosave, client page, autosave, audit review.`);
    say(header());
    for (const l of table) say(l);

    const alone = Math.min(50, users.length);
    say(`\nEach request type alone, unpaced, ${alone} users, ${Math.min(seconds, 10)} s:`);
    say(header());
    for (const kind of ["caseload", "client page", "autosave", "week view", "audit review"] as const) {
      const r = await run({ server, prisma }, users, alone, kind, Math.min(seconds, 10));
      say(line(kind, r));
    }

    if (!skipProfile) {
      // Where the server's CPU goes: the same mix, 50 users, 10 s, under V8's sampling profiler.
      await stopServer(server);
      const dir = mkdtempSync(path.join(tmpdir(), "confide-load-prof-"));
      const spawnedAt = performance.now();
      // One worker: one profile holding all of the server's work.
      server = await startServer(["--cpu-prof", `--cpu-prof-dir=${dir}`], 1);
      await warmUp(users);
      // Samples before this point (start-up, module loading, the warm-up) are left out.
      const profileFromMs = performance.now() - spawnedAt;
      await run({ server, prisma }, users, Math.min(50, users.length), null, 10);
      await stopServer(server);
      server = null;
      summariseProfile(dir, profileFromMs);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (server) await stopServer(server);
    await prisma.$disconnect();
    await db().$disconnect();
    await closeVaultPool();
    await dropBenchDatabase(DB);
  }
}

await main();
