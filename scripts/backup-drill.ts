// npm run backup:drill [-- --to <ISO time>] [-- --checkpoint <file.json>] [-- --keep]
// Restores the newest backup (or the point in time --to) from the pgBackRest repository into a
// scratch cluster, re-applies the erasure ledger (npm run erasure:replay, as after a real
// restore), verifies the audit trail against the newest signed checkpoint at or before the
// restored point, compares row counts per table with the source, and prints the measured
// recovery time and data-loss window. Exit 1 if the trail or the checkpoint does not verify.
// Reads BACKUP_* (lib/config/schema.ts) and pgBackRest's own PGBACKREST_* variables.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Checkpoint } from "../lib/audit/checkpoint";
import { threadedContentChecks } from "../lib/audit/verify-threads";
import type { LocalCluster } from "../lib/backup/cluster";
import { runRestoreDrill, type DrillReport } from "../lib/backup/drill";
import { pgBackRestEnv } from "../lib/backup/pgbackrest";
import { backupDrillSchema, describeConfigErrors } from "../lib/config/schema";
import { loadEnvFiles, repoRoot } from "./lib/dev-env";

const { values } = parseArgs({ options: { to: { type: "string" }, checkpoint: { type: "string" }, keep: { type: "boolean" } } });
loadEnvFiles();
const parsed = backupDrillSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)));
if (!parsed.success) {
  console.error(`The restore drill cannot start: configuration is invalid.\n${describeConfigErrors(parsed.error, process.env)}`);
  process.exit(2);
}
const cfg = parsed.data;
const to = values.to === undefined ? undefined : new Date(values.to);
if (to && Number.isNaN(to.getTime())) {
  console.error("--to must be a date and time, e.g. 2026-11-28T14:05:00Z.");
  process.exit(2);
}

function loadCheckpoints(): Checkpoint[] {
  const files = values.checkpoint
    ? [values.checkpoint]
    : cfg.AUDIT_CHECKPOINT_DIR
      ? readdirSync(cfg.AUDIT_CHECKPOINT_DIR).filter((f) => f.endsWith(".json")).map((f) => path.join(cfg.AUDIT_CHECKPOINT_DIR!, f))
      : [];
  return files.flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(f, "utf8")) as Checkpoint];
    } catch {
      console.error(`Skipping ${path.basename(f)}: not a checkpoint.`);
      return [];
    }
  });
}

// pg's own parser (socket paths in ?host= included); constructing a client does not connect.
const database = new pg.Client({ connectionString: cfg.BACKUP_SOURCE_DATABASE_URL }).database ?? "confide";
const roleOf = (url: string | undefined, fallback: string) => (url ? new pg.Client({ connectionString: url }).user : undefined) || fallback;

/** npm run erasure:replay against the restored cluster, as the app's own roles. */
function replayErasures(cluster: LocalCluster): Promise<{ recorded: number; reapplied: number }> {
  const env = {
    ...process.env,
    DATABASE_URL: cluster.url(database, roleOf(process.env.DATABASE_URL, "confide_app")),
    VAULT_DATABASE_URL: cluster.url(database, roleOf(process.env.VAULT_DATABASE_URL, "confide_vault")),
  };
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "erasure:replay"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.on("error", reject);
    child.on("close", (code) => {
      const m = /(\d+) erasure\(s\) recorded, (\d+) re-applied/.exec(out);
      if (code !== 0 || !m) return reject(new Error(`npm run erasure:replay failed (exit ${code}); the restored copy must not be served.`));
      process.stdout.write(out);
      resolve({ recorded: Number(m[1]), reapplied: Number(m[2]) });
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function print(r: DrillReport): void {
  const b = r.backup;
  console.log(`Newest backup: ${b.label} (${b.type}; ${r.backup.count} set(s) in the repository), ${mb(b.info.size)} of data, ${mb(b.info.repository.delta)} stored for it (compressed, encrypted), took ${b.timestamp.stop - b.timestamp.start} s.`);
  console.log(`Restored to: ${r.restoredTo ?? "the end of the backup"} (last transaction replayed; target ${r.target}).`);
  console.log(`Recovery time: ${r.seconds.total.toFixed(1)} s (restore ${r.seconds.restore.toFixed(1)} s, WAL replay and start ${r.seconds.recovery.toFixed(1)} s, erasure replay ${r.seconds.replay.toFixed(1)} s, verification ${r.seconds.verify.toFixed(1)} s).`);
  console.log(`Data-loss window: ${r.lost.windowSeconds} s (${r.lost.events} committed audit event(s) ${r.target === "newest" ? "on the source" : "up to the target"} are not in the restore).`);
  console.log(`Erasures: ${r.erasures.recorded} in the ledger, ${r.erasures.reapplied} re-applied to the restored copy.`);
  console.log(r.audit.ok ? `Audit trail intact: verified ${r.audit.verified} events in ${r.audit.chains} chain(s).` : `Audit trail BROKEN in ${r.audit.broken}.`);
  if (!r.checkpoint) console.log("Checkpoint: none made at or before the target to compare with.");
  else console.log(r.checkpoint.ok ? `Checkpoint of ${r.checkpoint.createdAt}: matches.` : `Checkpoint of ${r.checkpoint.createdAt}: does NOT match (${r.checkpoint.reason}).`);
  const differing = r.tables.filter((t) => t.source !== t.restored);
  console.log(`Row counts: ${r.tables.length} table(s), ${differing.length} differ from the source${r.target === "newest" ? "" : " (expected after a point-in-time restore)"}.`);
  for (const t of r.tables) console.log(`  ${t.source === t.restored ? " " : "*"} ${t.table}: source ${t.source ?? "missing"}, restored ${t.restored}`);
  if (r.cluster) console.log(`Kept running: data ${r.cluster.dataDir}, socket ${r.cluster.socketDir}, port ${r.cluster.port}.`);
}

const threads = threadedContentChecks();
try {
  const report = await runRestoreDrill({
    repo: { stanza: cfg.BACKUP_STANZA, env: pgBackRestEnv(process.env) },
    binDir: cfg.BACKUP_PG_BINDIR,
    workDir: cfg.BACKUP_DRILL_DIR,
    port: cfg.BACKUP_DRILL_PORT,
    to,
    database,
    sourceUrl: cfg.BACKUP_SOURCE_DATABASE_URL,
    checkpoints: loadCheckpoints(),
    checkpointKey: cfg.AUDIT_CHECKPOINT_KEY,
    replayErasures,
    keep: values.keep,
    verify: { contentChecks: threads },
    log: (line) => console.log(line),
  });
  print(report);
  if (!report.audit.ok || (report.checkpoint && !report.checkpoint.ok)) process.exitCode = 1;
} catch (error) {
  console.error(`Restore drill failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await threads.close();
}
