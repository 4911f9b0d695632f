// npm run dev / npm start. Without DATABASE_URL: starts the embedded PostgreSQL under .data/,
// applies migrations, seeds the demo practice (development only), then runs Next.js.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { applyAllMigrations } from "../lib/db/migrations";
import { describeConfigErrors, parseConfig } from "../lib/config/schema";
import { createPrismaClient } from "../lib/db/prisma";
import { DEMO_MEMBERS, DEMO_PASSWORD, seedDemo } from "../lib/demo/seed";
import { loadEnvFiles, repoRoot, resolveDatabase } from "./lib/dev-env";
import { nextArgs } from "./lib/next-args";

const mode = process.argv[2] === "start" ? "start" : "dev";
if (mode === "start") (process.env as Record<string, string>).NODE_ENV = "production";
loadEnvFiles();
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const say = (line: string) => console.log(`[confide] ${line}`);

if (production && !process.env.DATABASE_URL) {
  console.error("Confide cannot start: DATABASE_URL is missing (production never uses the embedded database).");
  process.exit(1);
}

const database = await resolveDatabase();
process.env.APP_URL ??= `http://localhost:${port}`;
process.env.NEXTAUTH_URL ??= process.env.APP_URL;
process.env.NEXT_TELEMETRY_DISABLED = "1"; // no data leaves the machine

const parsed = parseConfig(process.env);
if (!parsed.success) {
  console.error(`Confide cannot start: configuration is invalid.\n${describeConfigErrors(parsed.error, process.env)}`);
  await database.stop();
  process.exit(1);
}

if (process.env.MIGRATION_DATABASE_URL) {
  const applied = await applyAllMigrations();
  say(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
}
if (!production) {
  const prisma = createPrismaClient(process.env.DATABASE_URL!, 2);
  await seedDemo(prisma);
  await prisma.$disconnect();
  seedDemoRecordsInChild();
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, ...nextArgs(mode, port)], {
  cwd: repoRoot,
  stdio: ["inherit", "pipe", "inherit"],
  env: process.env,
});
let announced = false;
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /Ready in|started server|Local:/i.test(chunk.toString())) {
    announced = true;
    say(`Confide is running at ${process.env.APP_URL}`);
    // Next.js loads instrumentation.ts on the first request; make that one ours, so every
    // visitor's request already carries its socket address (lib/audit/peer-address.ts).
    void fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(30_000) }).catch(() => {});
    if (!production) {
      say(`demo sign-in (password "${DEMO_PASSWORD}"): ${DEMO_MEMBERS.map((m) => m.email).join(", ")}`);
      if (database.embedded) say("using the embedded PostgreSQL in .data/pg (set DATABASE_URL to use your own)");
    }
  }
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await database.stop().catch(() => {});
  process.exit(code);
}
child.on("exit", (code) => void shutdown(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

/** Clients, notes and appointments go through the app's server-only modules: a child under
 *  the react-server condition, with this process's environment (database, vault, keys). */
function seedDemoRecordsInChild() {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "scripts/demo-records.ts"], { cwd: repoRoot, stdio: "inherit", env: process.env });
  if (result.status !== 0) say("could not add the demo clients (the app still starts)");
}
