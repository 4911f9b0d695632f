import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { ChainWalker, TooFarOutOfOrder, WALKED_COLUMNS, type ChainBreak, type ChainEnd, type ContentChecks } from "./chain-walker";

export type { ChainBreak } from "./chain-walker";

export interface VerifyResult {
  ok: boolean;
  verified: number;
  chains: number;
  broken?: ChainBreak;
  heads: { chainId: string; seq: string; hash: string }[];
}

export interface VerifyOptions {
  /** Told the running count now and then (about every 100,000 events), e.g. to show progress. */
  onProgress?: (verified: number) => void;
  /** Where to hash rows: here by default; the scripts pass worker threads (verify-threads.ts). */
  contentChecks?: ContentChecks;
  /** Rows to hold back waiting for an earlier one before reading in chain order instead (for tests). */
  maxEarlyRows?: number;
}

/**
 * Walks every chain (or one) from its first event, recomputing each hash. Names the first
 * event that is missing, out of order, altered, or does not follow from its predecessor, and
 * checks that each chain ends where its head says. Reads one snapshot (so writers appending
 * meanwhile cannot look like tampering) through one binary COPY, hashing as the rows stream in.
 */
export async function verifyAuditTrail(connectionString: string, onlyChain?: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Read the table front to back from its first page (not joining another scan midway), in
    // one process: rows then come almost in chain order, and the walker holds few back.
    await client.query("SET LOCAL synchronize_seqscans = off; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off");
    const only = onlyChain === undefined ? "" : `WHERE "chainId" = ${client.escapeLiteral(onlyChain)}`;
    const storedHeads = await client.query<{ chainId: string; seq: string; hash: Buffer }>(
      `SELECT "chainId", seq::text AS seq, hash FROM audit_chain_head ${only}`,
    );
    const headOf = new Map(storedHeads.rows.map((h) => [h.chainId, h]));
    const heads: VerifyResult["heads"] = [];

    const copy = (order: string) => `COPY (SELECT ${WALKED_COLUMNS} FROM audit_event ${only} ${order}) TO STDOUT (FORMAT binary)`;
    // Rows stored far from chain order (say, after a CLUSTER) are read again in chain order.
    const walker =
      (await walk(client, copy(""), options)) ?? (await walk(client, copy('ORDER BY "chainId", seq'), options, Infinity))!;
    const { verified, broken } = await walker.finish((end: ChainEnd): ChainBreak | undefined => {
      const h = headOf.get(end.chainId);
      const lastSeq = String(end.lastSeq);
      if (!h || h.seq !== lastSeq || !h.hash.equals(end.hash)) {
        const seq = BigInt(h?.seq ?? lastSeq) > BigInt(end.lastSeq) ? end.lastSeq + 1 : end.lastSeq;
        return { chainId: end.chainId, seq: String(seq), reason: "the chain head does not match the last event (events removed from the end?)" };
      }
      heads.push({ chainId: end.chainId, seq: lastSeq, hash: end.hash.toString("hex") });
      return undefined;
    });
    const result = (broke?: ChainBreak): VerifyResult => ({ ok: !broke, verified, chains: heads.length, heads, ...(broke && { broken: broke }) });
    if (broken) return result(broken);

    // A chain whose every event was deleted leaves only its head behind.
    const walked = new Set(heads.map((h) => h.chainId));
    const emptied = storedHeads.rows.find((h) => BigInt(h.seq) > 0n && !walked.has(h.chainId));
    if (emptied) return result({ chainId: emptied.chainId, seq: "1", reason: `all ${emptied.seq} events of this chain are missing` });
    return result();
  } finally {
    // Ending the connection also ends the read-only transaction and any COPY left unread.
    await client.end();
  }
}

/** Walks one COPY; undefined if its rows came too far out of chain order to hold. */
async function walk(client: pg.Client, sql: string, options: VerifyOptions, maxEarlyRows?: number): Promise<ChainWalker | undefined> {
  const walker = new ChainWalker({ maxEarlyRows: maxEarlyRows ?? options.maxEarlyRows, offload: options.contentChecks });
  let tooFarOutOfOrder = false;
  let reported = 0;
  for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
    if (tooFarOutOfOrder) continue; // read on to the end, so the connection is free for the next COPY
    try {
      const full = walker.push(chunk);
      if (full) await full; // the hashing threads are busy: let the COPY wait in the socket
    } catch (error) {
      if (!(error instanceof TooFarOutOfOrder)) throw error;
      tooFarOutOfOrder = true;
    }
    if (options.onProgress && walker.rows - reported >= 100_000) {
      reported = walker.rows;
      options.onProgress(reported);
    }
  }
  return tooFarOutOfOrder ? undefined : walker;
}
