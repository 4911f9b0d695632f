// npm run calendar:sync [-- --every 60] — reads every connected calendar whose clinician
// switched on scheduled sync and that was not tried in the last N minutes (default 60). Run it
// from cron or a scheduler, e.g. every 15 minutes. Each sync (or failure, with its reason code)
// is audited with the system as actor. Runs under the react-server condition.
import { parseArgs } from "node:util";
import { syncDueCalendars } from "../lib/calendar-import/sync";
import { db } from "../lib/db/client";
import { recordJobRun } from "../lib/jobs/runs";
import { closeVaultPool } from "../lib/vault/db";
import { resolveDatabase } from "./lib/dev-env";

const { values } = parseArgs({ options: { every: { type: "string", default: "60" } } });
const every = Number(values.every);
if (!Number.isInteger(every) || every < 5 || every > 10_080) {
  console.error("--every is the number of minutes between syncs of one calendar (5 to 10080).");
  process.exit(2);
}
const database = await resolveDatabase();
try {
  const result = await recordJobRun(db(), "calendar:sync", () => syncDueCalendars(every));
  console.log(`Calendar sync: ${result.due} calendar(s) due, ${result.synced} synced, ${result.failed} failed (reasons in the audit trail).`);
} finally {
  await closeVaultPool();
  await db().$disconnect();
  await database.stop();
}
