import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// docker/cluster.mjs, the production web server's launcher (Dockerfile: CMD node cluster.mjs),
// run for real: workers share one port, a worker that dies is replaced, a worker that cannot
// start stops the server with its exit code, and SIGTERM stops everything.
const root = path.resolve(import.meta.dirname, "../..");
const launcher = path.join(root, "docker/cluster.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "confide-cluster-"));
const port = 3490 + Number(process.env.CONFIDE_TEST_PORT_OFFSET ?? 0);
let running: ChildProcess | null = null;

// A stand-in for the standalone server: answers with its pid; /die makes it exit.
const entry = path.join(dir, "server.mjs");
writeFileSync(entry, `import http from "node:http";
http.createServer((req, res) => { res.end(String(process.pid)); if (req.url === "/die") setTimeout(() => process.exit(3), 10); })
  .listen(Number(process.env.PORT));\n`);
const refusing = path.join(dir, "refusing.mjs");
writeFileSync(refusing, `console.error("Confide cannot start: ERASURE_LEDGER_DIR: is missing."); process.exit(1);\n`);

function start(file: string, workers: number) {
  const child = spawn(process.execPath, [launcher, file], { env: { ...process.env, PORT: String(port), WEB_CONCURRENCY: String(workers) }, stdio: ["ignore", "pipe", "pipe"] });
  running = child;
  return child;
}
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code))));
/** One request on a new connection (no keep-alive), so the primary picks a worker for it. */
function get(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: url, agent: false, timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(body));
    });
    req.on("error", () => resolve(null));
    req.on("timeout", () => req.destroy());
  });
}
async function pids(n: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && seen.size < n) {
    // New connections each time: the primary hands them to the workers in turn.
    const answer = await get("/");
    if (answer) seen.add(answer);
    else await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

afterEach(async () => {
  if (running && running.exitCode === null) {
    running.kill("SIGTERM");
    await exited(running);
  }
  running = null;
});

describe("docker/cluster.mjs", () => {
  it("runs WEB_CONCURRENCY workers on one port and replaces one that dies", async () => {
    const child = start(entry, 2);
    const first = await pids(2);
    expect(first.size).toBe(2);
    const victim = await get("/die");
    expect(victim).not.toBeNull();
    // Until the replacement listens, the survivor serves; then two workers again, one of them new.
    const deadline = Date.now() + 15_000;
    let after = new Set<string>();
    while (Date.now() < deadline) {
      after = await pids(2);
      if (after.size === 2 && !after.has(victim!)) break;
    }
    expect(after.has(victim!)).toBe(false);
    expect(after.size).toBe(2);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  }, 40_000);

  it("stops with the worker's exit code when a worker cannot start, instead of restarting it in a loop", async () => {
    const child = start(refusing, 2);
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    expect(await exited(child)).toBe(1);
    expect(stderr).toContain("ERASURE_LEDGER_DIR: is missing.");
    expect(stderr.match(/cannot start/g)!.length).toBeLessThanOrEqual(2);
  }, 20_000);

  it("runs the entry in the same process when one worker is asked for", async () => {
    const child = start(entry, 1);
    const seen = await pids(1);
    expect([...seen]).toEqual([String(child.pid)]);
  }, 20_000);

  it("is what the production image runs", () => {
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8")).toMatch(/COPY docker\/cluster\.mjs docker\/admission\.mjs \.\/\n[\s\S]*CMD \["node", "cluster\.mjs"\]/);
  });
});

// docker/admission.mjs, installed by the launcher in every worker: a bounded number of requests
// at once, page views that waited too long answered "busy" (503, Retry-After), writes never
// turned away, health checks never queued.
describe("admission control in each web worker", () => {
  // A stand-in whose every request takes 400 ms (the worker is "full" with one in flight).
  const slow = path.join(dir, "slow.mjs");
  writeFileSync(slow, `import http from "node:http";
http.createServer((req, res) => setTimeout(() => res.end(req.method + " " + req.url), 400)).listen(Number(process.env.PORT));\n`);

  function request(method: string, url: string, accept = "text/html"): Promise<{ status: number; retryAfter?: string; csp?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: url, method, agent: false, headers: { accept } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined, csp: res.headers["content-security-policy"] as string | undefined, body }));
      });
      req.on("error", reject);
      req.end(method === "GET" ? undefined : "{}");
    });
  }
  async function startLimited() {
    const child = spawn(process.execPath, [launcher, slow], {
      env: { ...process.env, PORT: String(port), WEB_CONCURRENCY: "1", WEB_MAX_IN_FLIGHT: "1", WEB_QUEUE_TIMEOUT_MS: "300" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running = child;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !(await request("GET", "/api/health").then(() => true, () => false))) await new Promise((r) => setTimeout(r, 100));
    return child;
  }

  it("answers page views that waited too long with a 503 busy page, and serves the rest in turn", async () => {
    await startLimited();
    const answers = await Promise.all(["/a", "/b", "/c"].map((u) => request("GET", u)));
    const served = answers.filter((a) => a.status === 200);
    const shed = answers.filter((a) => a.status === 503);
    // One is served at once; the next waits 400 ms (> 300 ms) for it, so both waiting are turned away.
    expect(served.length).toBe(1);
    expect(shed.length).toBe(2);
    for (const a of shed) {
      expect(a.retryAfter).toBe("5");
      expect(a.body).toContain("Confide is busy");
      expect(a.body).toContain('http-equiv="refresh"');
      // True because only page views are ever turned away: writes wait (the next test).
      expect(a.body).toContain("Nothing you saved has been lost.");
      expect(a.csp).toContain("default-src 'none'");
    }
    // An API caller gets JSON, not a page.
    const [, api] = await Promise.all([request("GET", "/x"), new Promise((r) => setTimeout(r, 20)).then(() => request("GET", "/api/y", "application/json"))]);
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body)).toEqual({ error: { code: "busy", message: "Confide is busy. Try again in a few seconds." } });
  }, 30_000);

  it("never turns away a write: it waits, ahead of waiting page views", async () => {
    await startLimited();
    const first = request("GET", "/first");
    await new Promise((r) => setTimeout(r, 20));
    const read = request("GET", "/read");
    await new Promise((r) => setTimeout(r, 20));
    const write = request("PUT", "/api/draft");
    const write2 = request("POST", "/form");
    const [a, r, w, w2] = await Promise.all([first, read, write, write2]);
    expect(a.status).toBe(200);
    expect(w).toMatchObject({ status: 200, body: "PUT /api/draft" });
    expect(w2).toMatchObject({ status: 200, body: "POST /form" });
    // Both writes waited longer than a page view may (400 ms each behind the first) and were
    // served; the page view queued before them was put behind them, and timed out.
    expect(r.status).toBe(503);
  }, 30_000);

  it("lets health checks past a full worker", async () => {
    await startLimited();
    const busyWith = request("GET", "/long");
    await new Promise((r) => setTimeout(r, 20));
    const health = await request("GET", "/api/health");
    // Answered while the only slot is taken (a queued page view would have got a 503 by now).
    expect(health.status).toBe(200);
    expect((await busyWith).status).toBe(200);
  }, 30_000);
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
