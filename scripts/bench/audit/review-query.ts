// The review screen's query: the real listAuditEvents, as the owner of the largest practice, on
// the first page, filtered pages and deep pages.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { listAuditEvents as ListAuditEvents } from "../../../lib/audit/query";
import type { Actor } from "../../../lib/auth/actor";
import { LOAD_START, SPAN_MS } from "./bulk-load";
import { captureSql, percentile } from "./measure";
import { args, log, ms, RUNS, TARGET, WARMUPS } from "./options";
import type { Practice } from "./trail-data";

export interface QueryResult { label: string; rows: number; p50: number; p95: number; target?: number }

/**
 * p50/p95 of each case; the query plan of each case over the first-page target (or of all with
 * --explain). listAuditEvents is passed in: lib/audit/query.ts may load only once the app's
 * configuration points at the benchmark database.
 */
export async function reviewQueryBench(listAuditEvents: typeof ListAuditEvents, appUrl: string, largest: Practice) {
  const actor: Actor = {
    sessionId: randomUUID(), userId: largest.owner.id, displayName: "Bench Owner", membershipId: randomUUID(),
    role: "OWNER", practiceId: largest.id, practiceName: "Largest practice", stepUpAt: null,
  };
  const probe = new pg.Client({ connectionString: appUrl });
  await probe.connect();
  const queries: QueryResult[] = [];
  const plans: { label: string; plan: string }[] = [];
  try {
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const mid = LOAD_START + SPAN_MS / 2;
    const busiest = (await probe.query<{ t: string; n: string }>(
      `SELECT "targetId" AS t, count(*)::text AS n FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client'
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [largest.id])).rows[0]!;
    const typical = (await probe.query<{ t: string; n: string }>(
      `SELECT t, n::text FROM (SELECT "targetId" AS t, count(*) AS n FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client' GROUP BY 1) x
        ORDER BY n, t LIMIT 1 OFFSET (SELECT count(DISTINCT "targetId") / 2 FROM audit_event WHERE "practiceId" = $1 AND "targetType" = 'client')`,
      [largest.id])).rows[0]!;
    const therapist = largest.therapists[0]!;
    const midEvent = (await probe.query<{ at: Date; id: string }>(
      `SELECT "occurredAt" AS at, id::text FROM audit_event WHERE "practiceId" = $1 AND "occurredAt" <= $2
        ORDER BY "occurredAt" DESC, id DESC LIMIT 1`, [largest.id, new Date(mid)])).rows[0]!;

    // Page 20, reached the way the screen reaches it: following nextCursor from page 1.
    let cursor: string | null = null;
    for (let page = 1; page < 20; page++) cursor = (await listAuditEvents(actor, cursor ? { cursor } : {})).nextCursor;

    const cases: { label: string; filters: Parameters<typeof listAuditEvents>[1]; target?: number }[] = [
      { label: "first page (no filter)", filters: {}, target: TARGET.firstPageP95Ms },
      { label: `action+outcome+90 days (member.listed, DENIED)`, filters: { action: "member.listed", outcome: "DENIED", from: iso(mid - 45 * 86_400_000), to: iso(mid + 45 * 86_400_000) } },
      { label: `target = busiest client (${busiest.n} events)`, filters: { target: busiest.t } },
      { label: `target = median client (${typical.n} events)`, filters: { target: typical.t } },
      { label: "actor = one therapist", filters: { actor: therapist.id } },
      { label: "outcome = DENIED only", filters: { outcome: "DENIED" } },
      { label: "page 20 (followed nextCursor)", filters: { cursor: cursor! } },
      { label: "cursor at mid-trail (1 year back)", filters: { cursor: `${midEvent.at.getTime()}_${midEvent.id}` } },
    ];
    log(`Review query (listAuditEvents as the owner of the largest practice): ${WARMUPS} warm-ups + ${RUNS} runs each…`);
    for (const c of cases) {
      let rows = 0;
      for (let i = 0; i < WARMUPS; i++) rows = (await listAuditEvents(actor, c.filters)).rows.length;
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await listAuditEvents(actor, c.filters);
        samples.push(performance.now() - t);
      }
      const r: QueryResult = { label: c.label, rows, p50: percentile(samples, 50), p95: percentile(samples, 95), target: c.target };
      queries.push(r);
      log(`  ${c.label}: p50 ${ms(r.p50)}, p95 ${ms(r.p95)} (${rows} rows)`);
      if (args.explain || r.p95 > TARGET.firstPageP95Ms) {
        const [sql] = await captureSql(() => listAuditEvents(actor, c.filters));
        if (sql) {
          const plan = await probe.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, values: sql.values });
          plans.push({ label: c.label, plan: `${sql.text}\n${plan.rows.map((x) => x["QUERY PLAN"]).join("\n")}` });
        }
      }
    }
  } finally {
    await probe.end();
  }
  return { queries, plans };
}
