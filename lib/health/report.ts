import "server-only";
import { backupReportSummary } from "@/lib/backup/report-backups";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { vaultPool } from "@/lib/vault/db";
import { assessBackupSummary, readPgBackRestInfo, summarizeBackupInfo, type ArchiverStats, type BackupHealth, type Level } from "./backups";
import { checkHealth } from "./check";
import { assessJobs, type JobHealth } from "./scheduler";

// What /api/health reports, for an operator to alert on. Nothing secret: states, ages in
// minutes and reason codes; never URLs, hosts, paths, versions or command output.
//   status "unavailable" (HTTP 503): the database is unreachable or migrations are pending;
//   "red" / "amber" (HTTP 200: the app still serves): the vault, backups or the scheduler need
//   attention; "ok" otherwise. Backups come from pgBackRest itself with PGBACKREST_STANZA set,
//   otherwise from the backup service's last report (backup_report); they read "not-configured"
//   only when nothing was ever reported and the server does not archive WAL. A job that never
//   ran reads "never". Neither changes the colour.

export interface HealthReport {
  status: "ok" | "amber" | "red" | "unavailable";
  checks: {
    database: { status: "ok" | "unavailable"; reason?: string };
    vault: { status: "ok" | "red"; reason?: string };
    backups: BackupHealth;
    scheduler: { status: Level; jobs: JobHealth[] };
  };
}

export interface HealthDeps {
  client?: PrismaClient;
  pingVault?: () => Promise<unknown>;
  env?: Record<string, string | undefined>;
  readBackupInfo?: (stanza: string) => Promise<unknown>;
  now?: Date;
}

const VAULT_TIMEOUT_MS = 5_000;
const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);

export async function healthReport(deps: HealthDeps = {}): Promise<HealthReport> {
  const client = deps.client ?? db();
  const env = deps.env ?? process.env;
  const now = deps.now ?? new Date();
  const stanza = env.PGBACKREST_STANZA?.trim() || undefined;
  const [database, vault, backupSource, archiver, jobs] = await Promise.all([
    checkHealth(client),
    withTimeout((deps.pingVault ?? (() => vaultPool().query("SELECT 1")))(), VAULT_TIMEOUT_MS).then(
      () => ({ status: "ok" as const }),
      () => ({ status: "red" as const, reason: "vault unreachable" }),
    ),
    stanza
      ? (deps.readBackupInfo ? deps.readBackupInfo(stanza).catch(() => null) : cachedBackupInfo(stanza)).then((info) => ({ summary: summarizeBackupInfo(stanza, info), reportedAt: undefined }))
      : readBackupReport(client),
    readArchiver(client),
    client.jobRun.findMany().then(
      (rows) => assessJobs(rows, now),
      () => null,
    ),
  ]);
  const backups = assessBackupSummary(backupSource?.summary ?? null, archiver, now, backupSource?.reportedAt);
  const jobLevels = (jobs ?? []).map((j) => j.status).filter((s): s is Level => s !== "never");
  const scheduler = { status: worst(jobLevels), jobs: jobs ?? [] };
  const report: HealthReport = {
    status:
      database.status !== "ok"
        ? "unavailable"
        : worst([vault.status, backups.status === "not-configured" ? "ok" : backups.status, scheduler.status]),
    checks: { database, vault, backups, scheduler },
  };
  alertOnChange(report);
  return report;
}

// pgbackrest info reads the repository (possibly object storage): at most once a minute, however
// often the health check is polled (Compose: every 30 s).
const INFO_TTL_MS = 60_000;
const globalForBackups = globalThis as unknown as { confideBackupInfo?: { stanza: string; at: number; value: Promise<unknown> } };
function cachedBackupInfo(stanza: string): Promise<unknown> {
  const hit = globalForBackups.confideBackupInfo;
  if (hit && hit.stanza === stanza && Date.now() - hit.at < INFO_TTL_MS) return hit.value;
  const value = readPgBackRestInfo(stanza).catch(() => null);
  globalForBackups.confideBackupInfo = { stanza, at: Date.now(), value };
  return value;
}

/** The backup service's newest report (npm run backup:report), or null when none was made. */
async function readBackupReport(client: PrismaClient) {
  const row = await client.backupReport.findFirst({ orderBy: { reportedAt: "desc" } }).catch(() => null);
  return row ? { summary: backupReportSummary(row), reportedAt: row.reportedAt } : null;
}

async function readArchiver(client: PrismaClient): Promise<ArchiverStats | null> {
  try {
    const [row] = await client.$queryRaw<{ mode: string; last_archived_time: Date | null; last_failed_time: Date | null }[]>`
      SELECT current_setting('archive_mode') AS mode, last_archived_time, last_failed_time FROM pg_stat_archiver`;
    return row ? { archiveMode: row.mode, lastArchivedAt: row.last_archived_time, lastFailedAt: row.last_failed_time } : null;
  } catch {
    return null;
  }
}

function worst(levels: Level[]): Level {
  return levels.includes("red") ? "red" : levels.includes("amber") ? "amber" : "ok";
}

// The log line an operator's log alerting sees: when the state changes, and every ten minutes
// while it is not ok (the Compose health check polls every 30 s; no need for 120 lines an hour).
const REPEAT_MS = 10 * 60_000;
const globalForHealth = globalThis as unknown as { confideHealthLog?: { key: string; at: number } };
function alertOnChange(report: HealthReport) {
  const problems = [
    report.checks.database.status !== "ok" ? "database" : null,
    report.checks.vault.status !== "ok" ? "vault" : null,
    ...report.checks.backups.reasons.map((r) => `backups:${r}`),
    ...report.checks.scheduler.jobs.filter((j) => j.status === "amber" || j.status === "red").map((j) => `scheduler:${j.job}:${j.status}`),
  ].filter((p): p is string => p !== null);
  const key = `${report.status}|${problems.join(",")}`;
  const last = globalForHealth.confideHealthLog;
  const now = Date.now();
  if (last && last.key === key && (report.status === "ok" || now - last.at < REPEAT_MS)) return;
  globalForHealth.confideHealthLog = { key, at: now };
  if (report.status === "ok") {
    if (last) logger.info({ health: report.status }, "health: all checks ok again");
    return;
  }
  const log = report.status === "amber" ? logger.warn.bind(logger) : logger.error.bind(logger);
  log({ health: report.status, problems }, `health: ${report.status}`);
}
