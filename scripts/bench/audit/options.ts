// The audit benchmark's flags (listed at the top of scripts/bench-audit.ts), its fixed sizes and
// targets, and its log helpers.
import { parseArgs } from "node:util";

export const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "5000000" },
    keep: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    database: { type: "string", default: "confide_bench" },
  },
});
export const TOTAL_EVENTS = Number(args.events!.replaceAll("_", ""));
if (!Number.isInteger(TOTAL_EVENTS) || TOTAL_EVENTS < 10_000) {
  console.error("--events must be an integer ≥ 10000");
  process.exit(2);
}

export const SUPERUSER_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// A name of its own lets two checkouts benchmark on one server without dropping each other's database.
export const DATABASE = args.database!;
export const PASSWORDS = { owner: "confide-bench-owner", app: "confide-bench-app", vault: "confide-bench-vault" };

export const WRITERS = 8;
export const EVENTS_PER_WRITER = 500;
export const WARMUPS = 3;
export const RUNS = 50;
export const LOAD_BATCH = 5_000;

export const TARGET = { writesPerSecond: 2_000, firstPageP95Ms: 100, verifyPerSecond: 200_000 };

export const runStarted = performance.now();
export const log = (message: string) => {
  const at = ((performance.now() - runStarted) / 1000).toFixed(1).padStart(7);
  console.log(`[${at} s] ${message}`);
};
export const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
export const ms = (n: number) => `${n.toFixed(1)} ms`;
