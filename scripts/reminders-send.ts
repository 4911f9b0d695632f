// npm run reminders:send — emails appointment reminders that are due to clients who opted in
// (lib/reminders/send.ts). Idempotent and safe to run from two places at once: run it from cron
// every 10 to 15 minutes. Each reminder is sent at most once and recorded (never its text or
// the address); failures are retried by later runs, three attempts in all. Runs under the
// react-server condition.
import { db } from "../lib/db/client";
import { recordJobRun } from "../lib/jobs/runs";
import { sendDueReminders } from "../lib/reminders/send";
import { closeVaultPool } from "../lib/vault/db";
import { resolveDatabase } from "./lib/dev-env";

const database = await resolveDatabase();
try {
  const r = await recordJobRun(db(), "reminders:send", () => sendDueReminders(), (r) => r.failed === 0);
  console.log(`Reminders: ${r.practices} practice(s) sending, ${r.due} due, ${r.sent} sent, ${r.skipped} skipped (no email on record), ${r.failed} failed (retried next run), ${r.taken} handled by another run.`);
  if (r.failed > 0) process.exitCode = 1;
} finally {
  await closeVaultPool();
  await db().$disconnect();
  await database.stop();
}
