// The load benchmark's flags (listed at the top of scripts/bench-load.ts), its fixed sizes, and the
// loopback origin it drives. Refuses, before anything starts, a host off this machine or a
// missing production build.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../../lib/dev-env";

export const DB = "confide_bench_load";
export const MEMBERS_PER_PRACTICE = 10; // 1 owner + 9 therapists: 200 signed-in users
export const CLIENTS_PER_MEMBER = 10;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3390" },
    seconds: { type: "string", default: "20" },
    levels: { type: "string", default: "50,100,200" },
    host: { type: "string", default: "127.0.0.1" },
    practices: { type: "string", default: "20" },
    "skip-profile": { type: "boolean", default: false },
    // Web worker processes (docker/cluster.mjs, as the Docker image runs it): one per core by default.
    workers: { type: "string", default: String(availableParallelism()) },
  },
});
if (!LOOPBACK.has(opts.host!)) {
  console.error(`bench:load sends traffic to this machine only; refusing host ${JSON.stringify(opts.host)}.`);
  process.exit(2);
}
export const HOST = "127.0.0.1";
export const PRACTICES = Math.min(50, Math.max(1, Number(opts.practices)));
export const port = Number(opts.port);
export const seconds = Math.min(60, Math.max(1, Number(opts.seconds)));
export const levels = opts.levels!.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 500);
export const skipProfile = opts["skip-profile"]!;
export const workers = Math.min(16, Math.max(1, Number(opts.workers) || 1));
if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
  console.error("bench:load drives the production build: run `npm run build` first.");
  process.exit(2);
}
export const origin = `http://${HOST}:${port}`;
