// npm run --silent audit:checkpoint > checkpoint.json
// Verifies the trail, then prints a checkpoint of every chain head signed with
// AUDIT_CHECKPOINT_KEY. Keep it somewhere the database's administrators cannot change.
import { createCheckpoint } from "../lib/audit/checkpoint";
import { verifyAuditTrail } from "../lib/audit/verify";
import { threadedContentChecks } from "../lib/audit/verify-threads";
import { resolveDatabase } from "./lib/dev-env";

const database = await resolveDatabase();
try {
  const threads = threadedContentChecks();
  const result = await verifyAuditTrail(process.env.DATABASE_URL!, undefined, { contentChecks: threads }).finally(() => threads.close());
  if (!result.ok) {
    console.error(`Refusing to checkpoint a broken trail: chain ${result.broken!.chainId}, sequence ${result.broken!.seq}.`);
    process.exitCode = 1;
  } else {
    const key = Buffer.from(process.env.AUDIT_CHECKPOINT_KEY ?? "", "base64");
    if (key.length !== 32) throw new Error("AUDIT_CHECKPOINT_KEY must be 32 bytes, base64-encoded.");
    console.log(JSON.stringify(createCheckpoint(result.heads, key), null, 2));
  }
} finally {
  await database.stop();
}
