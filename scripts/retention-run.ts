// npm run retention:run — flags discharged records past their practice's retention period for
// the owner's review (Requests > Retention), and clears the stored content of access copies
// that expired without being downloaded. Idempotent: run it daily from cron or a scheduler;
// a record is flagged once, and each flag and each run is audited. Destruction itself always
// waits for an owner's confirmation. Runs under the react-server condition.
import { db } from "../lib/db/client";
import { recordJobRun } from "../lib/jobs/runs";
import { pruneLimits } from "../lib/rate-limit";
import { runRetention } from "../lib/retention/review";
import { closeVaultPool } from "../lib/vault/db";
import { resolveDatabase } from "./lib/dev-env";

const database = await resolveDatabase();
try {
  const result = await recordJobRun(db(), "retention:run", () => runRetention());
  console.log(`Retention check: ${result.practices} practice(s), ${result.checked} discharged record(s) checked, ${result.flagged} newly due for review, ${result.expiredCopies} expired access cop${result.expiredCopies === 1 ? "y" : "ies"} cleared.`);
  // Rate-limit counters are kept only as long as their window needs them.
  console.log(`Rate-limit counters: ${await pruneLimits(db())} expired window(s) removed.`);
} finally {
  await closeVaultPool();
  await db().$disconnect();
  await database.stop();
}
