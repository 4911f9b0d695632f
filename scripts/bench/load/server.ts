// The production build under test: `next start` on the loopback origin, its warm-up, and the wait
// for it to work off a level's queue.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { repoRoot } from "../../lib/dev-env";
import { routes, type User } from "./mix";
import { HOST, origin, port, workers } from "./options";

/**
 * `next start` under docker/cluster.mjs, the launcher the Docker image runs: `workers` processes
 * sharing the port (1: a single process, as `npm start` runs it). Node flags (the profiler's)
 * reach every worker.
 */
export async function startServer(nodeFlags: string[] = [], workerCount = workers): Promise<ChildProcess> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  // The production server refuses to start without an erasure ledger; the benchmark erases no one.
  const ledgerDir = path.join(repoRoot, ".data", "bench-load-ledger");
  mkdirSync(ledgerDir, { recursive: true });
  const launcher = path.join(repoRoot, "docker", "cluster.mjs");
  const child = spawn(process.execPath, [...nodeFlags, launcher, nextBin, "start", "--port", String(port), "--hostname", HOST], {
    cwd: repoRoot,
    env: { ...process.env, WEB_CONCURRENCY: String(workerCount), ERASURE_LEDGER_DIR: ledgerDir, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.resume();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status < 500, () => false);
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  throw new Error("next start did not answer within 60 s");
}

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Each of the first three users walks the mix once. */
export async function warmUp(users: User[]) {
  for (const u of users.slice(0, 3)) for (const r of routes(u)) await fetch(`${origin}${r.path}`, { method: r.method, headers: { cookie: u.cookie, origin, "content-type": "application/json" }, body: r.body?.() });
}

/** Waits (at most 60 s) until the server has worked off the last level's queue: a health check answers within 1 s. */
export async function drained() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
    if (ok && performance.now() - started < 1_000) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
