// The printed table: one line per level (or request type), with its CPU split.
import { pct } from "../../lib/bench";
import type { Result } from "./run-level";

export function header() {
  return `${"load".padEnd(26)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}${"requests".padStart(10)}   CPU s: app / postgres / load generator / whole machine`;
}
export function line(label: string, r: Result) {
  const errs = r.failures ? `${r.failures}` : "0";
  const p = (q: number) => (r.latencies.length ? pct(r.latencies, q).toFixed(0) : "-");
  const kinds = [...[...r.byStatus].filter(([s]) => s < 200 || s >= 300).map(([s, c]) => `${c}x${s}`), r.timeouts ? `${r.timeouts} timeouts` : "", r.socketErrors ? `${r.socketErrors} socket errors` : ""].filter(Boolean).join(", ");
  return `${label.padEnd(26)}${r.rps.toFixed(1).padStart(8)}${p(50).padStart(9)}${p(95).padStart(9)}${p(99).padStart(9)}${errs.padStart(8)}${String(r.requests).padStart(10)}   ${r.cpu.app.toFixed(1)} / ${r.cpu.db.toFixed(1)} / ${r.cpu.generator.toFixed(1)} / ${r.cpu.machine.toFixed(1)}${kinds ? `   (${kinds})` : ""}`;
}
