// Shared setup for the benchmark scripts: a fresh, migrated database on BENCH_DATABASE_URL (a
// role that may create roles and databases), else the local server at 127.0.0.1:5432, with the
// app's configuration pointed at it (fresh keys, production mode, quiet logs).
import { cpus, loadavg } from "node:os";
import { generateSecrets } from "../../lib/config/secrets";
import { databaseUrls, dropDatabase, ensureDatabase, ensureRoles, type DatabaseUrls } from "../../lib/db/bootstrap";
import { applyMigrations } from "../../lib/db/migrations";

export const BENCH_SUPERUSER = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const BENCH_PASSWORDS = { owner: "confide-bench-owner", app: "confide-bench-app", vault: "confide-bench-vault" };
export const benchContext = { requestId: null, ip: "198.51.100.1", userAgent: "bench" };

export const say = (s: string) => console.log(s);
/** "<what> on 2 CPUs (model), load average 0.12 0.34 0.56": the first line of every benchmark. */
export const machineLine = (what: string) => `${what} on ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`;
/** The p-th percentile of `xs` (nearest rank). */
export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Drops and recreates `name`, migrates it, and returns its role URLs. */
export async function freshBenchDatabase(name: string): Promise<DatabaseUrls> {
  await ensureRoles(BENCH_SUPERUSER, BENCH_PASSWORDS);
  await dropDatabase(BENCH_SUPERUSER, name);
  await ensureDatabase(BENCH_SUPERUSER, name);
  const urls = databaseUrls(BENCH_SUPERUSER, name, BENCH_PASSWORDS);
  await applyMigrations(urls.ownerUrl);
  return urls;
}

/** Points the app's configuration at the database, before anything calls config(). */
export function pointAppAtBenchDatabase(urls: DatabaseUrls) {
  Object.assign(process.env, generateSecrets(), { DATABASE_URL: urls.appUrl, VAULT_DATABASE_URL: urls.vaultUrl, NODE_ENV: "production", LOG_LEVEL: "silent" });
}

export const dropBenchDatabase = (name: string) => dropDatabase(BENCH_SUPERUSER, name);
