// The restore drill: restore the newest backup (or a point in time) into a scratch cluster,
// start it, re-apply the erasure ledger before anything else reads it, verify the audit trail
// against the newest signed checkpoint it should contain, and compare row counts with the
// source. It measures what an operator promises: the recovery time and the data-loss window.
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { compareWithCheckpoint, type Checkpoint } from "@/lib/audit/checkpoint";
import { verifyAuditTrail, type VerifyOptions } from "@/lib/audit/verify";
import { startCluster, toolDir, waitForPromotion, type LocalCluster } from "./cluster";
import { repositoryInfo, runPgBackRest, type BackupSetInfo, type PgBackRest } from "./pgbackrest";

export interface DrillOptions {
  repo: PgBackRest;
  /** initdb/pg_ctl/postgres of the backed-up server's major version. */
  binDir: string;
  /** A directory of the drill's own; its "restore" folder is replaced on each run. */
  workDir: string;
  port: number;
  /** Restore to this point in time; the newest state the archive holds when absent. */
  to?: Date;
  /** The database to check in the restored cluster, and a connection to it on the source that
   *  sees every row (a superuser), for the row counts and the data-loss window. */
  database: string;
  sourceUrl: string;
  checkpoints: Checkpoint[];
  checkpointKey: Buffer;
  /** Re-applies the erasure ledger to the restored cluster (replay-erasures.ts, in its own process or this one). */
  replayErasures: (cluster: LocalCluster) => Promise<{ recorded: number; reapplied: number }>;
  /** Leave the scratch cluster running (its socket directory and port are in the report). */
  keep?: boolean;
  verify?: VerifyOptions;
  log?: (line: string) => void;
}

export interface TableCount {
  table: string;
  source: number | null;
  restored: number;
}

export interface DrillReport {
  backup: BackupSetInfo & { count: number };
  target: string;
  /** The commit time of the last transaction the restore replayed. */
  restoredTo: string | null;
  seconds: { restore: number; recovery: number; replay: number; verify: number; total: number };
  erasures: { recorded: number; reapplied: number };
  audit: { ok: boolean; verified: number; chains: number; broken?: string };
  checkpoint: { createdAt: string; ok: boolean; reason?: string } | null;
  /** Audit events the source holds (at or before the target) that the restore lacks, and how
   *  far back the oldest of them goes from the newest: committed work the restore lost. */
  lost: { events: number; windowSeconds: number };
  tables: TableCount[];
  cluster: { dataDir: string; socketDir: string; port: number } | null;
}

export async function runRestoreDrill(opts: DrillOptions): Promise<DrillReport> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const info = await repositoryInfo(opts.repo);
  const newest = info.backups.at(-1);
  if (!newest) throw new Error(`The repository holds no backup of stanza "${opts.repo.stanza}" yet: run a backup first.`);

  const base = path.join(opts.workDir, "restore");
  await rm(base, { recursive: true, force: true });
  await toolDir(base);
  const dataDir = path.join(base, "data");
  await toolDir(dataDir);
  const target: Record<string, string> = opts.to ? { type: "time", target: pgTime(opts.to), "target-action": "promote" } : {};
  log(`Restoring ${opts.to ? `to ${opts.to.toISOString()}` : "the newest state"} from ${info.backups.length} backup set(s)...`);
  await runPgBackRest(opts.repo, "restore", { "pg1-path": dataDir, ...target });
  const restored = performance.now();

  // archive_mode off: the copy must never push its own WAL into the repository it came from.
  const cluster = await startCluster({
    binDir: opts.binDir,
    dataDir,
    port: opts.port,
    // Without the live cluster's PGBACKREST_PG1_* settings: restore_command names the copy's own path.
    env: Object.fromEntries(Object.entries(opts.repo.env).filter(([k]) => !k.startsWith("PGBACKREST_PG"))),
    settings: { archive_mode: "off" },
  });
  let keepRunning = false;
  try {
    await waitForPromotion(cluster.url("postgres"), 30 * 60_000);
    const recovered = performance.now();
    const restoredTo = await scalar<Date | null>(cluster.url("postgres"), "SELECT pg_last_xact_replay_timestamp() AS v");
    log(`Recovered to ${restoredTo?.toISOString() ?? "the backup's end"}; re-applying the erasure ledger...`);
    const erasures = await opts.replayErasures(cluster);
    const replayed = performance.now();

    const url = cluster.url(opts.database);
    const audit = await verifyAuditTrail(url, undefined, opts.verify);
    // Every checkpoint made before the target must hold in the restore (for the newest state: all).
    const checkpoint = await checkAgainstCheckpoint(url, opts.checkpoints, opts.checkpointKey, opts.to ?? new Date());
    const verified = performance.now();

    const lost = await lostEvents(opts.sourceUrl, url, opts.to);
    const tables = await compareCounts(opts.sourceUrl, url);
    keepRunning = !!opts.keep;
    const s = (a: number, b: number) => Math.round(b - a) / 1000;
    return {
      backup: { ...newest, count: info.backups.length },
      target: opts.to?.toISOString() ?? "newest",
      restoredTo: restoredTo?.toISOString() ?? null,
      seconds: { restore: s(started, restored), recovery: s(restored, recovered), replay: s(recovered, replayed), verify: s(replayed, verified), total: s(started, verified) },
      erasures,
      audit: { ok: audit.ok, verified: audit.verified, chains: audit.chains, ...(audit.broken && { broken: `chain ${audit.broken.chainId} at sequence ${audit.broken.seq}: ${audit.broken.reason}` }) },
      checkpoint,
      lost,
      tables,
      cluster: keepRunning ? { dataDir, socketDir: cluster.socketDir, port: cluster.port } : null,
    };
  } finally {
    if (!keepRunning) {
      await cluster.stop();
      await rm(base, { recursive: true, force: true });
    }
  }
}

/** The form pgBackRest accepts for a time target: "YYYY-MM-DD HH:MM:SS.mmm+00". */
function pgTime(d: Date): string {
  return `${d.toISOString().replace("T", " ").replace("Z", "")}+00`;
}

async function scalar<T>(url: string, sql: string, values: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: T }>(sql, values)).rows[0]!.v;
  } finally {
    await client.end();
  }
}

/** The newest checkpoint made at or before the target must match the restored trail. */
async function checkAgainstCheckpoint(url: string, checkpoints: Checkpoint[], key: Buffer, cutoff: Date): Promise<DrillReport["checkpoint"]> {
  const usable = checkpoints.filter((c) => new Date(c.createdAt) <= cutoff).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const checkpoint = usable.at(-1);
  if (!checkpoint) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const hashes = new Map<string, string>();
  try {
    for (const c of checkpoint.chains) {
      const r = await client.query<{ hash: Buffer }>('SELECT hash FROM audit_event WHERE "chainId" = $1 AND seq = $2', [c.chainId, c.seq]);
      if (r.rows[0]) hashes.set(`${c.chainId}:${c.seq}`, r.rows[0].hash.toString("hex"));
    }
  } finally {
    await client.end();
  }
  const outcome = compareWithCheckpoint(checkpoint, key, (chainId, seq) => hashes.get(`${chainId}:${seq}`));
  return { createdAt: checkpoint.createdAt, ok: outcome.ok, ...(!outcome.ok && { reason: outcome.reason }) };
}

/**
 * Committed work the restore lacks, measured on the audit trail (every change writes an
 * event): the source's events up to the target that are missing from the restored trail.
 */
async function lostEvents(sourceUrl: string, restoredUrl: string, to?: Date): Promise<DrillReport["lost"]> {
  const heads = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const r = await client.query<{ chainId: string; seq: string }>('SELECT "chainId", seq::text AS seq FROM audit_chain_head');
      return new Map(r.rows.map((h) => [h.chainId, BigInt(h.seq)]));
    } finally {
      await client.end();
    }
  };
  const restoredHeads = await heads(restoredUrl);
  const client = new pg.Client({ connectionString: sourceUrl });
  await client.connect();
  try {
    // Replayed erasures appended to the restored chains: compare with the restore's own events
    // only, i.e. those the source also has (same chain, same sequence, same hash).
    let events = 0;
    let oldest: Date | null = null;
    let newest: Date | null = null;
    const restored = new pg.Client({ connectionString: restoredUrl });
    await restored.connect();
    try {
      const sourceHeads = await client.query<{ chainId: string }>('SELECT "chainId" FROM audit_chain_head');
      for (const { chainId } of sourceHeads.rows) {
        const matching = await lastMatchingSeq(client, restored, chainId, restoredHeads.get(chainId) ?? 0n);
        const r = await client.query<{ n: string; oldest: Date | null; newest: Date | null }>(
          `SELECT count(*)::text AS n, min("occurredAt") AS oldest, max("occurredAt") AS newest FROM audit_event
            WHERE "chainId" = $1 AND seq > $2 AND ($3::timestamptz IS NULL OR "occurredAt" <= $3)`,
          [chainId, matching.toString(), to ?? null],
        );
        const row = r.rows[0]!;
        events += Number(row.n);
        if (row.oldest && (!oldest || row.oldest < oldest)) oldest = row.oldest;
        if (row.newest && (!newest || row.newest > newest)) newest = row.newest;
      }
    } finally {
      await restored.end();
    }
    return { events, windowSeconds: oldest && newest ? Math.round(newest.getTime() - oldest.getTime()) / 1000 : 0 };
  } finally {
    await client.end();
  }
}

/** The last sequence at which a chain is the same in both (binary search on the hashes). */
async function lastMatchingSeq(source: pg.Client, restored: pg.Client, chainId: string, restoredHead: bigint): Promise<bigint> {
  const hashAt = async (c: pg.Client, seq: bigint) =>
    (await c.query<{ hash: Buffer }>('SELECT hash FROM audit_event WHERE "chainId" = $1 AND seq = $2', [chainId, seq.toString()])).rows[0]?.hash;
  const same = async (seq: bigint) => {
    const [a, b] = await Promise.all([hashAt(source, seq), hashAt(restored, seq)]);
    return !!a && !!b && a.equals(b);
  };
  let lo = 0n;
  let hi = restoredHead;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (await same(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/** Rows per table in every schema but PostgreSQL's own, on both sides. */
async function compareCounts(sourceUrl: string, restoredUrl: string): Promise<TableCount[]> {
  const count = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string; q: string }>(
        `SELECT format('%s.%s', schemaname, relname) AS name, format('%I.%I', schemaname, relname) AS q
           FROM pg_stat_user_tables ORDER BY 1`,
      );
      const counts = new Map<string, number>();
      for (const t of tables.rows) counts.set(t.name, Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t.q}`)).rows[0]!.n));
      return counts;
    } finally {
      await client.end();
    }
  };
  const [source, restored] = await Promise.all([count(sourceUrl), count(restoredUrl)]);
  return [...restored].map(([table, n]) => ({ table, source: source.get(table) ?? null, restored: n }));
}
