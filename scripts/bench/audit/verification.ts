// Verification: the real verifyAuditTrail of the largest chain and of the whole trail, with and
// without hashing threads, and the hashing alone (rows already in memory) to show where the time goes.
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { ChainWalker, WALKED_COLUMNS } from "../../../lib/audit/chain-walker";
import { verifyAuditTrail, type VerifyResult } from "../../../lib/audit/verify";
import { threadedContentChecks } from "../../../lib/audit/verify-threads";
import { fmt, log } from "./options";
import type { Practice } from "./trail-data";

export interface VerifyRun { label: string; result: VerifyResult; seconds: number; cpuPerEvent: number }

/**
 * The verifier's own work without the database: up to 300,000 rows of one chain, fetched once
 * as the same binary COPY, walked from memory in one thread and then with hashing threads.
 */
async function hashingOnly(url: string, chainId: string, threads: ReturnType<typeof threadedContentChecks>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const chunks: Buffer[] = [];
  try {
    const sql = `COPY (SELECT ${WALKED_COLUMNS} FROM audit_event WHERE "chainId" = ${client.escapeLiteral(chainId)} ORDER BY seq LIMIT 300000) TO STDOUT (FORMAT binary)`;
    for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) chunks.push(chunk);
  } finally {
    await client.end();
  }
  const rate = async (offload?: typeof threads) => {
    let best = 0;
    for (let run = 0; run < 3; run++) {
      const walker = new ChainWalker({ offload });
      const t = performance.now();
      for (const chunk of chunks) await walker.push(chunk);
      const { verified, broken } = await walker.finish(() => undefined);
      if (broken) throw new Error(`hashing alone found a break at ${broken.seq}`);
      best = Math.max(best, verified / ((performance.now() - t) / 1000));
    }
    return best;
  };
  const inThread = await rate();
  const threaded = await rate(threads);
  const walker = new ChainWalker();
  for (const chunk of chunks) walker.push(chunk);
  return { events: walker.rows, inThread, threaded };
}

/** Each verification in turn, then the hashing alone; `threads` is how many hashing threads audit:verify uses. */
export async function verificationBench(appUrl: string, largest: Practice) {
  const threads = threadedContentChecks();
  const verifies: VerifyRun[] = [];
  const verify = async (label: string, chain: string | undefined, withThreads: boolean) => {
    log(`Verify: ${label}…`);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const result = await verifyAuditTrail(appUrl, chain, { contentChecks: withThreads ? threads : undefined });
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const v = { label, result, seconds, cpuPerEvent: (used.user + used.system) / result.verified };
    verifies.push(v);
    log(`  ${result.ok ? "intact" : `BROKEN in ${result.broken!.chainId} at ${result.broken!.seq}: ${result.broken!.reason}`}: ${fmt(result.verified)} events in ${result.chains} chain(s) in ${seconds.toFixed(2)} s (${fmt(result.verified / seconds)} events/s; this process's CPU ${v.cpuPerEvent.toFixed(1)} µs/event)`);
    return result;
  };
  try {
    const one = await verify(`the largest chain, ${threads.threads} hashing thread(s) as audit:verify`, largest.id, true);
    const all = await verify(`the whole trail, ${threads.threads} hashing thread(s) as audit:verify`, undefined, true);
    const allInThread = await verify("the whole trail, in one thread as the review screen", undefined, false);
    const hashing = await hashingOnly(appUrl, largest.id, threads);
    log(`Hashing alone (${fmt(hashing.events)} rows of the largest chain already in memory): ${fmt(hashing.inThread)} events/s in one thread, ${fmt(hashing.threaded)} events/s with ${threads.threads} hashing thread(s).`);
    return { verifies, one, all, allInThread, hashing, threads: threads.threads };
  } finally {
    await threads.close();
  }
}
