// Serves the production build for the e2e suite: a fresh database (migrated, demo seeded) on the
// test cluster, fresh secrets, NODE_ENV=production.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrations";
import { databaseUrls, dropDatabase, ensureDatabase } from "@/lib/db/bootstrap";
import { generateSecrets } from "@/lib/config/secrets";
import { createPrismaClient } from "@/lib/db/prisma";
import { seedDemo } from "@/lib/demo/seed";
import { startTestCluster, TEST_ROLE_PASSWORDS } from "../../tests/support/test-cluster";
import { E2E_DATABASE, E2E_PORT, OPERATOR_EMAIL, PORT_OFFSET, e2eEnvFile } from "./env";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const cluster = await startTestCluster("e2e-pg", 54331 + PORT_OFFSET);
await dropDatabase(cluster.superuserUrl, E2E_DATABASE);
await ensureDatabase(cluster.superuserUrl, E2E_DATABASE);
const urls = databaseUrls(cluster.superuserUrl, E2E_DATABASE, TEST_ROLE_PASSWORDS);
await applyMigrations(urls.ownerUrl);
const prisma = createPrismaClient(urls.appUrl, 2);
await seedDemo(prisma);
await prisma.$disconnect();

const ledgerDir = path.resolve(import.meta.dirname, `../../.data/e2e-ledger-${PORT_OFFSET}`);
rmSync(ledgerDir, { recursive: true, force: true });
mkdirSync(ledgerDir, { recursive: true, mode: 0o700 });

const secrets = generateSecrets();
const env = {
  ...secrets,
  NODE_ENV: "production",
  DATABASE_URL: urls.appUrl,
  VAULT_DATABASE_URL: urls.vaultUrl,
  APP_URL: `http://localhost:${E2E_PORT}`,
  NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  EMAIL_TRANSPORT: "outbox",
  // The operator e2e/support/users.ts createOperator() makes.
  PLATFORM_ADMIN_EMAILS: OPERATOR_EMAIL,
  // Calendar import specs serve their feeds from 127.0.0.1.
  CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS: "true",
  // The production server refuses to start without it (erasures must survive restores).
  ERASURE_LEDGER_DIR: ledgerDir,
  // Opens the test-only API (e2e/support/users.ts) to this suite, and to nobody else.
  CONFIDE_TEST_API_SECRET: randomBytes(32).toString("base64url"),
};
// Specs read the database URLs (e.g. to inspect what the app stored), the account secrets
// key to give a test account an authenticator without the enrolment screens, and the server's
// environment to run a background job (npm run reminders:send) as the server would.
writeFileSync(e2eEnvFile, JSON.stringify({ ...urls, superuserUrl: cluster.superuserUrl, accountSecretsKey: secrets.ACCOUNT_SECRETS_KEY, serverEnv: env }));

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const server = spawn(process.execPath, [nextBin, "start", "--port", String(E2E_PORT)], {
  stdio: "inherit",
  env: { ...process.env, ...env } as NodeJS.ProcessEnv,
});
const stop = async () => {
  server.kill("SIGTERM");
  await cluster.stop().catch(() => {});
  process.exit(0);
};
server.on("exit", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
