// The summary: the query plans asked for, then one table of every measure against its target.
import { cpus, loadavg } from "node:os";
import { EVENTS_PER_WRITER, fmt, runStarted, TARGET, TOTAL_EVENTS, WRITERS } from "./options";
import type { QueryResult } from "./review-query";
import type { verificationBench } from "./verification";
import type { WriteResult } from "./writes";

export interface BenchFigures {
  load: { loadSeconds: number };
  writes: WriteResult[];
  queries: QueryResult[];
  plans: { label: string; plan: string }[];
  verification: Awaited<ReturnType<typeof verificationBench>>;
}

export function printReport({ load, writes, queries, plans, verification }: BenchFigures) {
  const { verifies, one, all, allInThread, hashing, threads } = verification;
  for (const p of plans) console.log(`\nEXPLAIN (ANALYZE, BUFFERS): ${p.label}\n${p.plan}`);
  const lines: [string, string, string, string][] = [];
  for (const w of writes) {
    const rate = w.events / w.seconds;
    lines.push([`write, ${w.label}`, `${fmt(rate)} events/s`, `≥ ${fmt(TARGET.writesPerSecond)}/s`, rate >= TARGET.writesPerSecond ? "ok" : "BELOW"]);
  }
  const intact = all.ok && one.ok && allInThread.ok;
  lines.push(["chain intact after writes and load", intact ? "yes" : "NO", "yes", intact ? "ok" : "FAIL"]);
  for (const q of queries) {
    lines.push([`query p50/p95, ${q.label}`, `${q.p50.toFixed(1)} / ${q.p95.toFixed(1)} ms`,
      q.target ? `p95 ≤ ${q.target} ms` : "(none set)",
      q.target ? (q.p95 <= q.target ? "ok" : "ABOVE") : q.p95 > TARGET.firstPageP95Ms ? `p95 over ${TARGET.firstPageP95Ms} ms` : ""]);
  }
  for (const v of verifies) {
    const rate = v.result.verified / v.seconds;
    lines.push([`verify ${v.label} (${fmt(v.result.verified)} events)`, `${fmt(rate)} events/s`, `≥ ${fmt(TARGET.verifyPerSecond)}/s`, rate >= TARGET.verifyPerSecond ? "ok" : "BELOW"]);
  }
  lines.push([`hashing alone, in memory, one thread (${fmt(hashing.events)} events)`, `${fmt(hashing.inThread)} events/s`, "(not a target)", ""]);
  lines.push([`hashing alone, in memory, ${threads} hashing thread(s)`, `${fmt(hashing.threaded)} events/s`, "(not a target)", ""]);
  lines.push([`bulk load (${fmt(TOTAL_EVENTS)} events, not a target)`, `${load.loadSeconds.toFixed(1)} s`, "", ""]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i]!.length), ["measure", "result", "target", ""][i]!.length));
  const row = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(`\nSummary (${fmt(TOTAL_EVENTS)}-event trail, ${WRITERS} writers × ${EVENTS_PER_WRITER})`);
  console.log(row(["measure", "result", "target", ""]));
  console.log(row(widths.map((w) => "-".repeat(w))));
  for (const l of lines) console.log(row(l));
  console.log(`\nWhole run: ${((performance.now() - runStarted) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")} on ${cpus().length} CPUs.`);
}
