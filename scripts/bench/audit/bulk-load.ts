// Bulk load: INSERT … SELECT FROM unnest as the owner role, each event hashed with the real chainHash.
import pg from "pg";
import { chainHash } from "../../../lib/audit/chain";
import { PLATFORM_CHAIN } from "../../../lib/audit/schema";
import { fmt, LOAD_BATCH, log, TOTAL_EVENTS } from "./options";
import { platform, platformEvent, practiceEvent, practices, random, pickChain } from "./trail-data";

const COLUMNS = ['"chainId"', "seq", '"occurredAt"', '"practiceId"', '"actorType"', '"actorId"', '"actorRole"', "action",
  '"targetType"', '"targetId"', "outcome", '"requestId"', "ip", '"userAgent"', "details", '"prevHash"', "hash"];
const INSERT_SQL = `
  INSERT INTO audit_event (${COLUMNS.join(", ")})
  SELECT c, s, o, p, at::"AuditActorType", ai, ar, a, tt, ti, oc::"AuditOutcome", r, ip, ua, d::jsonb,
         decode(ph, 'hex'), decode(h, 'hex')
    FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                $15::text[], $16::text[], $17::text[])
      AS t(c, s, o, p, at, ai, ar, a, tt, ti, oc, r, ip, ua, d, ph, h)`;

export const SPAN_MS = 730 * 86_400_000;
const LOAD_END = Date.now() - 3_600_000; // the loaded trail ends an hour ago; live writes come after
export const LOAD_START = LOAD_END - SPAN_MS;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Generates events [from, to) of the global, time-ordered stream; hashes them into their chains. */
async function generateBatch(from: number, to: number): Promise<unknown[][]> {
  const cols: unknown[][] = COLUMNS.map(() => []);
  for (let i = from; i < to; i++) {
    // Events interleave across chains in time order, as live traffic does; timestamps are
    // increasing (ms precision, as stored), spread evenly with jitter over two years.
    const at = new Date(Math.floor(LOAD_START + (SPAN_MS * (i + 0.9 * random())) / TOTAL_EVENTS));
    const chain = pickChain();
    const state = chain === -1 ? platform : practices[chain]!;
    const row = chain === -1 ? platformEvent(at) : practiceEvent(practices[chain]!, at);
    row.seq = ++state.seq;
    state.events++;
    const hash = chainHash(state.prevHash, row);
    const values = [row.chainId, row.seq.toString(), at.toISOString(), row.practiceId, row.actorType, row.actorId,
      row.actorRole, row.action, row.targetType, row.targetId, row.outcome, row.requestId, row.ip, row.userAgent,
      JSON.stringify(row.details), state.prevHash.toString("hex"), hash.toString("hex")];
    for (let c = 0; c < values.length; c++) cols[c]!.push(values[c]);
    state.prevHash = hash;
    // Let the previous batch's INSERT finish streaming to the server while we generate.
    if ((i - from) % 500 === 499) await nextTick();
  }
  return cols;
}

export async function bulkLoad(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Ordinary settings for a bulk load; durability of this throwaway database is not the point.
    await client.query("SET synchronous_commit = off");
    const started = performance.now();
    let inFlight: Promise<unknown> | null = null;
    let lastReport = started;
    for (let from = 0; from < TOTAL_EVENTS; from += LOAD_BATCH) {
      const batch = await generateBatch(from, Math.min(from + LOAD_BATCH, TOTAL_EVENTS));
      if (inFlight) await inFlight;
      inFlight = client.query(INSERT_SQL, batch);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const done = from + LOAD_BATCH;
        log(`  loaded ${fmt(done)} / ${fmt(TOTAL_EVENTS)} (${fmt(done / ((lastReport - started) / 1000))} events/s)`);
      }
    }
    await inFlight;
    const heads: [string, string, string][] = practices
      .filter((p) => p.seq > 0n)
      .map((p) => [p.id, p.seq.toString(), p.prevHash.toString("hex")]);
    if (platform.seq > 0n) heads.push([PLATFORM_CHAIN, platform.seq.toString(), platform.prevHash.toString("hex")]);
    await client.query(
      `INSERT INTO audit_chain_head ("chainId", seq, hash)
       SELECT c, s, decode(h, 'hex') FROM unnest($1::text[], $2::bigint[], $3::text[]) AS t(c, s, h)
       ON CONFLICT ("chainId") DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
      [heads.map((h) => h[0]), heads.map((h) => h[1]), heads.map((h) => h[2])],
    );
    const loadSeconds = (performance.now() - started) / 1000;
    const analyzeStarted = performance.now();
    // As autovacuum would do on an insert-only table: statistics and the visibility map.
    await client.query("VACUUM (ANALYZE) audit_event");
    await client.query("ANALYZE audit_chain_head");
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    const size = await client.query<{ table: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_table_size('audit_event')) AS table, pg_size_pretty(pg_indexes_size('audit_event')) AS indexes`,
    );
    return { loadSeconds, analyzeSeconds, table: size.rows[0]!.table, indexes: size.rows[0]!.indexes };
  } finally {
    await client.end();
  }
}
