// npm run backup:report — asks pgBackRest about the stanza (BACKUP_STANZA, default "confide";
// the repository from the PGBACKREST_* variables) and records the answer, reduced to states and
// times, in backup_report, where the app's /api/health reads it (lib/backup/report-backups.ts).
// docker/backup-loop.sh runs it after every pass. Exits 1 when pgBackRest could not answer.
import { reportBackups } from "../lib/backup/report-backups";
import { createPrismaClient } from "../lib/db/prisma";
import { readPgBackRestInfo } from "../lib/health/backups";
import { resolveDatabase } from "./lib/dev-env";

const stanza = process.env.BACKUP_STANZA?.trim() || "confide";
const database = await resolveDatabase();
// Only the database: this runs in the backup service, which needs none of the app's keys for it.
const client = createPrismaClient(process.env.DATABASE_URL!, 1);
try {
  const summary = await reportBackups(client, stanza, await readPgBackRestInfo(stanza));
  if (summary.problem) {
    console.error(`Backups: ${summary.problem} (stanza ${stanza}); recorded for the health check.`);
    process.exitCode = 1;
  } else {
    const newest = summary.newestBackupAt ? `newest ${summary.newestBackupType} backup at ${summary.newestBackupAt.toISOString()}` : "no backup yet";
    console.log(`Backups: stanza ${stanza}, status ${summary.statusCode}, ${newest}.`);
  }
} finally {
  await client.$disconnect();
  await database.stop();
}
