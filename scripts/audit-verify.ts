// npm run audit:verify [-- --chain <practice id>] [-- --checkpoint <file.json>]
// Walks the audit hash chains. Exit 0 and the count verified, or exit 1 naming the first
// broken sequence number. With --checkpoint, also proves the trail still matches it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { compareWithCheckpoint, type Checkpoint } from "../lib/audit/checkpoint";
import { verifyAuditTrail } from "../lib/audit/verify";
import { threadedContentChecks } from "../lib/audit/verify-threads";
import { resolveDatabase } from "./lib/dev-env";

const { values } = parseArgs({ options: { chain: { type: "string" }, checkpoint: { type: "string" } } });
const database = await resolveDatabase();
let exitCode = 0;
try {
  const url = process.env.DATABASE_URL!;
  const started = performance.now();
  const threads = threadedContentChecks();
  const result = await verifyAuditTrail(url, values.chain, { contentChecks: threads }).finally(() => threads.close());
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) {
    console.error(`Audit trail BROKEN in chain ${result.broken!.chainId} at sequence ${result.broken!.seq}: ${result.broken!.reason}.`);
    console.error(`(${result.verified} events before it verified.)`);
    exitCode = 1;
  } else {
    const rate = seconds > 0 ? Math.round(result.verified / seconds) : result.verified;
    console.log(`Audit trail intact: verified ${result.verified} events in ${result.chains} chain(s) in ${seconds.toFixed(2)} s (${rate}/s).`);
  }
  if (values.checkpoint && exitCode === 0) {
    const key = Buffer.from(process.env.AUDIT_CHECKPOINT_KEY ?? "", "base64");
    const checkpoint = JSON.parse(readFileSync(values.checkpoint, "utf8")) as Checkpoint;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const hashes = new Map<string, string>();
    for (const c of checkpoint.chains) {
      const r = await client.query<{ hash: Buffer }>('SELECT hash FROM audit_event WHERE "chainId" = $1 AND seq = $2', [c.chainId, c.seq]);
      if (r.rows[0]) hashes.set(`${c.chainId}:${c.seq}`, r.rows[0].hash.toString("hex"));
    }
    await client.end();
    const outcome = compareWithCheckpoint(checkpoint, key, (chainId, seq) => hashes.get(`${chainId}:${seq}`));
    if (outcome.ok) console.log(`Matches the checkpoint of ${checkpoint.createdAt}.`);
    else {
      console.error(`Does NOT match the checkpoint of ${checkpoint.createdAt}: ${outcome.reason}.`);
      exitCode = 1;
    }
  }
} finally {
  await database.stop();
}
process.exit(exitCode);
