// Backup freshness for the health check: the newest backup from pgBackRest (`pgbackrest info
// --output=json`, when PGBACKREST_STANZA names a stanza) and the newest archived WAL segment
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

/** Judges pgBackRest's answer (null: the command failed) and the archiver's statistics. */
export function assessBackups(stanza: string | undefined, info: unknown, archiver: ArchiverStats | null, now = new Date()): BackupHealth {
  const result: BackupHealth = { status: "not-configured", reasons: [], newestBackupAgeMinutes: null, newestBackupType: null, newestWalAgeMinutes: null, walFailuresSinceLastSuccess: false };
  if (!stanza) return result;
  const levels: Level[] = [];
  const entry = Array.isArray(info) ? (info as PgBackRestStanza[]).find((s) => s?.name === stanza) : undefined;
  if (!entry) {
    levels.push("red");
    result.reasons.push(info === null ? "pgbackrest-info-failed" : "stanza-missing");
  } else {
    if (entry.status?.code !== 0 && entry.status?.code !== undefined) result.reasons.push(`pgbackrest-status-${entry.status.code}`);
    const good = (entry.backup ?? []).filter((b) => !b.error && typeof b.timestamp?.stop === "number");
    const newest = good.sort((a, b) => b.timestamp!.stop! - a.timestamp!.stop!)[0];
    result.newestBackupAgeMinutes = newest ? minutesSince(newest.timestamp!.stop! * 1000, now) : null;
    result.newestBackupType = newest?.type ?? null;
    const age = level(result.newestBackupAgeMinutes, BACKUP_AGE_MINUTES);
    if (!newest) result.reasons.push("no-backup");
    else if (age !== "ok") result.reasons.push("backup-stale");
    // Status 0 is ok; any other code with backups present is at least amber, none at all red.
    levels.push(entry.status?.code && entry.status.code !== 0 ? (newest ? worst([age, "amber"]) : "red") : age);
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
