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
//
// The parts live in scripts/bench/audit/: options (flags, sizes, targets), trail-data (the
// synthetic practices and events), bulk-load, writes, review-query, verification and report.
import { cpus, loadavg } from "node:os";
import { databaseUrls, dropDatabase, ensureDatabase, ensureRoles } from "../lib/db/bootstrap";
import { generateSecrets } from "../lib/config/secrets";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { bulkLoad } from "./bench/audit/bulk-load";
import { args, DATABASE, EVENTS_PER_WRITER, fmt, log, ms, PASSWORDS, SUPERUSER_URL, TOTAL_EVENTS, WRITERS } from "./bench/audit/options";
import { printReport } from "./bench/audit/report";
import { reviewQueryBench } from "./bench/audit/review-query";
import { PRACTICE_WEIGHTS, platform, practices } from "./bench/audit/trail-data";
import { verificationBench } from "./bench/audit/verification";
import { writeBench, type WriteResult } from "./bench/audit/writes";

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
    const { queries, plans } = await reviewQueryBench(listAuditEvents, appUrl, largest);

    // 4. Verification ---------------------------------------------------------------------------
    const verification = await verificationBench(appUrl, largest);
    const { one, all, allInThread } = verification;
    const expected = TOTAL_EVENTS + 3 * WRITERS * (EVENTS_PER_WRITER + 1) - writes.reduce((n, w) => n + w.failed, 0);
    if (!one.ok || !all.ok || !allInThread.ok || all.verified !== expected) {
      if (all.ok) console.error(`Expected ${expected} events, verified ${all.verified}.`);
      exitCode = 1;
    }

    // 5. Summary --------------------------------------------------------------------------------
    printReport({ load, writes, queries, plans, verification });
  } finally {
    const { db } = await import("../lib/db/client");
    await db().$disconnect();
    if (args.keep) log(`Kept database ${DATABASE} (${appUrl.replace(/:[^:@/]*@/, ":***@")}).`);
    else await dropDatabase(SUPERUSER_URL, DATABASE);
  }
  return exitCode;
}

process.exit(await main());
