// Backup freshness for the health check: the newest backup from pgBackRest (`pgbackrest info
// --output=json`, asked directly when PGBACKREST_STANZA names a stanza the app's host can read;
// otherwise as the backup service last reported it in backup_report, which is how the Compose
// setup works: the app container has no pgBackRest) and the newest archived WAL segment
// from PostgreSQL's own archiver statistics (pg_stat_archiver: every archive_command run, so a
// full or unreachable backup target shows up here first, as failures since the last success).
import { execFile } from "node:child_process";

export type Level = "ok" | "amber" | "red";
export interface BackupHealth {
  status: Level | "not-configured";
  /** Machine-readable reasons, e.g. "backup-stale", "wal-archiving-failing"; never paths or output. */
  reasons: string[];
  newestBackupAgeMinutes: number | null;
  newestBackupType: string | null;
  newestWalAgeMinutes: number | null;
  walFailuresSinceLastSuccess: boolean;
}

/** Older than this, the newest backup turns amber / red (incrementals run at least 3 times a day). */
export const BACKUP_AGE_MINUTES = { amber: 12 * 60, red: 26 * 60 };
/** Older than this, the newest archived WAL turns amber / red (archive_timeout is 60 s). */
export const WAL_AGE_MINUTES = { amber: 10, red: 60 };
const INFO_TIMEOUT_MS = 10_000;

export interface ArchiverStats {
  archiveMode: string;
  lastArchivedAt: Date | null;
  lastFailedAt: Date | null;
}

interface PgBackRestStanza {
  name?: string;
  status?: { code?: number; message?: string };
  backup?: { type?: string; error?: boolean; timestamp?: { stop?: number } }[];
}

/** Runs `pgbackrest --stanza=S info --output=json`; null when it cannot be run or read. */
export function readPgBackRestInfo(stanza: string, bin = process.env.PGBACKREST_BIN ?? "pgbackrest"): Promise<unknown> {
  return new Promise((resolve) => {
    execFile(bin, [`--stanza=${stanza}`, "--output=json", "info"], { timeout: INFO_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error && !stdout) return resolve(null);
      try {
        resolve(JSON.parse(stdout));
      } catch {
        resolve(null);
      }
    });
  });
}

const minutesSince = (at: Date | number | null | undefined, now: Date) =>
  at == null ? null : Math.max(0, Math.floor((now.getTime() - (typeof at === "number" ? at : at.getTime())) / 60_000));

function level(age: number | null, limits: { amber: number; red: number }): Level {
  if (age === null || age >= limits.red) return "red";
  return age >= limits.amber ? "amber" : "ok";
}
const worst = (levels: Level[]): Level => (levels.includes("red") ? "red" : levels.includes("amber") ? "amber" : "ok");

/** What the health check needs from `pgbackrest info`: the stanza's state and its newest good backup. */
export interface BackupSummary {
  /** pgBackRest gave no answer to read, or the answer has no such stanza. */
  problem: "pgbackrest-info-failed" | "stanza-missing" | null;
  statusCode: number | null;
  newestBackupAt: Date | null;
  newestBackupType: string | null;
}

/** Reduces pgBackRest's answer (null: the command failed) to a BackupSummary. */
export function summarizeBackupInfo(stanza: string, info: unknown): BackupSummary {
  const entry = Array.isArray(info) ? (info as PgBackRestStanza[]).find((s) => s?.name === stanza) : undefined;
  if (!entry) return { problem: info === null ? "pgbackrest-info-failed" : "stanza-missing", statusCode: null, newestBackupAt: null, newestBackupType: null };
  const good = (entry.backup ?? []).filter((b) => !b.error && typeof b.timestamp?.stop === "number");
  const newest = good.sort((a, b) => b.timestamp!.stop! - a.timestamp!.stop!)[0];
  return {
    problem: null,
    statusCode: entry.status?.code ?? null,
    newestBackupAt: newest ? new Date(newest.timestamp!.stop! * 1000) : null,
    newestBackupType: newest?.type ?? null,
  };
}

/** Older than this, the backup service's last report turns amber / red (it reports every 5 minutes). */
export const REPORT_AGE_MINUTES = { amber: 30, red: 120 };

/** Judges pgBackRest's answer (null: the command failed) and the archiver's statistics. */
export function assessBackups(stanza: string | undefined, info: unknown, archiver: ArchiverStats | null, now = new Date()): BackupHealth {
  return assessBackupSummary(stanza ? summarizeBackupInfo(stanza, info) : null, archiver, now);
}

/**
 * Judges a summary of the backups (null: nothing known about them) and the archiver's statistics.
 * `reportedAt`: when the summary came from the backup service's report rather than from asking
 * pgBackRest now. Not configured only when neither backups nor WAL archiving are set up; WAL
 * archived with no backup reported is amber ("no-backup-report").
 */
export function assessBackupSummary(summary: BackupSummary | null, archiver: ArchiverStats | null, now = new Date(), reportedAt?: Date): BackupHealth {
  const result: BackupHealth = { status: "not-configured", reasons: [], newestBackupAgeMinutes: null, newestBackupType: null, newestWalAgeMinutes: null, walFailuresSinceLastSuccess: false };
  const archiving = archiver !== null && archiver.archiveMode !== "off";
  if (!summary && !archiving) return result;
  const levels: Level[] = [];
  if (!summary) {
    levels.push("amber");
    result.reasons.push("no-backup-report");
  } else if (summary.problem) {
    levels.push("red");
    result.reasons.push(summary.problem);
  } else {
    const code = summary.statusCode;
    if (code !== 0 && code !== null) result.reasons.push(`pgbackrest-status-${code}`);
    result.newestBackupAgeMinutes = minutesSince(summary.newestBackupAt, now);
    result.newestBackupType = summary.newestBackupType;
    const age = level(result.newestBackupAgeMinutes, BACKUP_AGE_MINUTES);
    if (!summary.newestBackupAt) result.reasons.push("no-backup");
    else if (age !== "ok") result.reasons.push("backup-stale");
    // Status 0 is ok; any other code with backups present is at least amber, none at all red.
    levels.push(code && code !== 0 ? (summary.newestBackupAt ? worst([age, "amber"]) : "red") : age);
  }
  if (summary && reportedAt) {
    // A report that stopped coming: the backup service is down, or cannot reach the database.
    const reportAge = minutesSince(reportedAt, now)!;
    if (reportAge >= REPORT_AGE_MINUTES.amber) {
      result.reasons.push("backup-report-stale");
      levels.push(reportAge >= REPORT_AGE_MINUTES.red ? "red" : "amber");
    }
  }
  if (!archiver || archiver.archiveMode === "off") {
    levels.push("red");
    result.reasons.push("wal-archiving-off");
  } else {
    result.newestWalAgeMinutes = minutesSince(archiver.lastArchivedAt, now);
    const failing = archiver.lastFailedAt !== null && (archiver.lastArchivedAt === null || archiver.lastFailedAt > archiver.lastArchivedAt);
    result.walFailuresSinceLastSuccess = failing;
    const walAge = level(result.newestWalAgeMinutes, WAL_AGE_MINUTES);
    if (failing) result.reasons.push("wal-archiving-failing");
    if (walAge !== "ok") result.reasons.push(result.newestWalAgeMinutes === null ? "no-wal-archived" : "wal-stale");
    // Archiving that keeps failing loses the RPO promise: red at once, whatever the age.
    levels.push(failing ? "red" : walAge);
  }
  result.status = worst(levels);
  return result;
}
