// Measurement helpers.
import pg from "pg";

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// Records the SQL the app's own code sends (through Prisma's pg adapter), so EXPLAIN runs on
// exactly that statement rather than a hand-written copy.
let captured: { text: string; values: unknown[] }[] | null = null;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const q = a[0] as { text?: string; values?: unknown[] } | string;
  if (captured && typeof q === "object" && q?.text) captured.push({ text: q.text, values: q.values ?? [] });
  return (pgQuery as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

export async function captureSql(run: () => Promise<unknown>) {
  captured = [];
  try {
    await run();
    return captured.filter((q) => /FROM "public"\."audit_event"/.test(q.text));
  } finally {
    captured = null;
  }
}
