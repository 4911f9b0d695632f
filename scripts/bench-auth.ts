// npm run bench:auth — figures for the issue, not a test:
//   1. sign-ins per second through the real signInWithPassword (argon2id at our parameters,
//      rate-limit checks, audit event, session row) at 1, 2 and 4 concurrent attempts;
//   2. p50/p95 of an authenticated page (GET /members on the production build, which checks
//      the session row, reads members and records an audit event) with 1 and 4 clients.
// Needs `npm run build` first. Runs against BENCH_DATABASE_URL (may create roles and
// databases), else the local server at 127.0.0.1:5432; database confide_bench_auth, dropped after.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { generateSecrets } from "../lib/config/secrets";
import { databaseUrls, dropDatabase, ensureDatabase, ensureRoles } from "../lib/db/bootstrap";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { DEMO_MEMBERS, DEMO_PASSWORD, seedDemo } from "../lib/demo/seed";

const SUPERUSER = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB = "confide_bench_auth";
const PORT = 3210;
const passwords = { owner: "confide-bench-owner", app: "confide-bench-app", vault: "confide-bench-vault" };
const say = (s: string) => console.log(s);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

await ensureRoles(SUPERUSER, passwords);
await dropDatabase(SUPERUSER, DB);
await ensureDatabase(SUPERUSER, DB);
const urls = databaseUrls(SUPERUSER, DB, passwords);
await applyMigrations(urls.ownerUrl);
const seeding = createPrismaClient(urls.appUrl, 2);
await seedDemo(seeding);
await seeding.$disconnect();
Object.assign(process.env, generateSecrets(), { DATABASE_URL: urls.appUrl, VAULT_DATABASE_URL: urls.vaultUrl, NODE_ENV: "production", LOG_LEVEL: "silent" });
say(`Auth benchmark on ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}); argon2id m=64 MiB, t=3, p=1.`);

// 1. Sign-ins through the real path (different source IPs, so no rate limit is hit).
const { signInWithPassword } = await import("../lib/auth/sign-in");
for (const concurrency of [1, 2, 4]) {
  const total = 24;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const result = await signInWithPassword(
          { email: DEMO_MEMBERS[i % 3]!.email, password: DEMO_PASSWORD },
          { requestId: null, ip: `198.51.100.${i}`, userAgent: "bench" },
        );
        if (!result.ok) throw new Error("sign-in failed in the benchmark");
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  say(`sign-in, ${concurrency} at a time: ${(total / seconds).toFixed(1)}/s (p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms)`);
}

// 2. An authenticated page on the production server.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const server = spawn(process.execPath, [nextBin, "start", "--port", String(PORT)], {
  env: { ...process.env, APP_URL: `http://localhost:${PORT}`, NEXTAUTH_URL: `http://localhost:${PORT}`, NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv,
  stdio: "ignore",
});
const base = `http://localhost:${PORT}`;
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
    if (i > 120) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, email: DEMO_MEMBERS[0].email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = login.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.includes("confide.session"));
  if (!session) throw new Error(`sign-in over HTTP failed (${login.status})`);
  for (const clients of [1, 4]) {
    const latencies: number[] = [];
    const perClient = 60;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < perClient + 5; i++) {
          const t = performance.now();
          const res = await fetch(`${base}/members`, { headers: { cookie: session } });
          await res.text();
          if (res.status !== 200) throw new Error(`GET /members answered ${res.status}`);
          if (i >= 5) latencies.push(performance.now() - t); // first five warm up
        }
      }),
    );
    say(`GET /members signed in, ${clients} client(s): p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms (${latencies.length} requests)`);
  }
} finally {
  server.kill("SIGTERM");
  await dropDatabase(SUPERUSER, DB).catch(() => {});
}
process.exit(0);
