// npm run erasure:replay — run after restoring the database and before starting the app:
// erases again every client in the erasure ledger (ERASURE_LEDGER_DIR) that the restored
// database still holds. Safe to run twice. Exit 1 if the ledger is missing its directory
// setting or has altered lines (then nothing is replayed). Runs under the react-server condition.
import { replayErasureLedger } from "../lib/backup/replay-erasures";
import { db } from "../lib/db/client";
import { closeVaultPool } from "../lib/vault/db";
import { resolveDatabase } from "./lib/dev-env";

const database = await resolveDatabase();
try {
  const result = await replayErasureLedger();
  console.log(`Erasure ledger: ${result.recorded} erasure(s) recorded, ${result.reapplied} re-applied${result.codes.length ? ` (${result.codes.join(", ")})` : ""}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await closeVaultPool();
  await db().$disconnect();
  await database.stop();
}
