// The backup service's report of the repository (npm run backup:report, after each pass of
// docker/backup-loop.sh): what `pgbackrest info` says about the stanza, reduced to states and
// times, written to backup_report for the app's health check. The app's own container has no
// pgBackRest and no repository; the database is what both services share.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { summarizeBackupInfo, type BackupSummary } from "@/lib/health/backups";

export interface BackupReportRow {
  stanza: string;
  reportedAt: Date;
  statusCode: number | null;
  problem: string | null;
  newestBackupAt: Date | null;
  newestBackupType: string | null;
}

/** Records pgBackRest's answer about `stanza` (null: the command failed) and returns the summary. */
export async function reportBackups(client: PrismaClient, stanza: string, info: unknown, now = new Date()): Promise<BackupSummary> {
  const summary = summarizeBackupInfo(stanza, info);
  const data = { reportedAt: now, statusCode: summary.statusCode, problem: summary.problem, newestBackupAt: summary.newestBackupAt, newestBackupType: summary.newestBackupType };
  await client.backupReport.upsert({ where: { stanza }, create: { stanza, ...data }, update: data });
  return summary;
}

const PROBLEMS = new Set<BackupSummary["problem"]>(["pgbackrest-info-failed", "stanza-missing"]);

/** A stored report as the summary the health check judges (an unknown problem reads as a failure). */
export function backupReportSummary(row: BackupReportRow): BackupSummary {
  const problem = row.problem === null ? null : PROBLEMS.has(row.problem as BackupSummary["problem"]) ? (row.problem as BackupSummary["problem"]) : "pgbackrest-info-failed";
  return { problem, statusCode: row.statusCode, newestBackupAt: row.newestBackupAt, newestBackupType: row.newestBackupType };
}
