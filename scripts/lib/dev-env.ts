// Resolves the database (and development secrets) for the npm scripts: with DATABASE_URL set, it
// is used as is; without it, an embedded PostgreSQL under .data/ is started and bootstrapped.
import { appendFileSync, existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import nextEnv from "@next/env";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { generateSecrets, parseEnvFile, toEnvFile } from "../../lib/config/secrets";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { databaseUrls, ensureDatabase, ensureRoles } from "../../lib/db/bootstrap";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const dataDir = path.join(repoRoot, ".data");
const devSecretsFile = path.join(dataDir, "dev-secrets.env");

/**
 * Outside production, loads (creating on first use) this machine's own development secrets.
 * They are random per machine and never committed; production has no such fallback.
 */
export function loadDevSecrets(): void {
  if (process.env.NODE_ENV === "production") return;
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(devSecretsFile)) {
    const pw = () => randomBytes(18).toString("base64url");
    const values = {
      ...generateSecrets(),
      EMBEDDED_PG_PASSWORD: pw(),
      EMBEDDED_PG_OWNER_PASSWORD: pw(),
      EMBEDDED_PG_APP_PASSWORD: pw(),
      EMBEDDED_PG_VAULT_PASSWORD: pw(),
    };
    writeFileSync(devSecretsFile, "# Development-only secrets for this machine (git-ignored).\n" + toEnvFile(values), {
      mode: 0o600,
    });
  }
  // Secrets added since this machine's file was made are appended, never regenerated.
  const existing = parseEnvFile(readFileSync(devSecretsFile, "utf8"));
  if (!existing.EMBEDDED_PG_VAULT_PASSWORD) {
    appendFileSync(devSecretsFile, `EMBEDDED_PG_VAULT_PASSWORD=${randomBytes(18).toString("base64url")}\n`);
  }
  for (const [k, v] of Object.entries(parseEnvFile(readFileSync(devSecretsFile, "utf8")))) {
    process.env[k] ??= v;
  }
}

export interface ResolvedDatabase {
  embedded: boolean;
  stop: () => Promise<void>;
}

/** Loads the same .env files Next.js reads (.env, .env.production or .env.development, .local). */
export function loadEnvFiles(): void {
  nextEnv.loadEnvConfig(repoRoot, process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
}

export async function resolveDatabase(log: (line: string) => void = () => {}): Promise<ResolvedDatabase> {
  loadEnvFiles();
  loadDevSecrets();
  if (process.env.DATABASE_URL) {
    process.env.MIGRATION_DATABASE_URL ??= process.env.DATABASE_URL;
    return { embedded: false, stop: async () => {} };
  }
  const password = process.env.EMBEDDED_PG_PASSWORD;
  if (!password) {
    throw new Error("DATABASE_URL is not set. In production, point it at your PostgreSQL server.");
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const cluster = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port, password, log });
  const passwords = {
    owner: process.env.EMBEDDED_PG_OWNER_PASSWORD!,
    app: process.env.EMBEDDED_PG_APP_PASSWORD!,
    vault: process.env.EMBEDDED_PG_VAULT_PASSWORD!,
  };
  await ensureRoles(cluster.superuserUrl(), passwords);
  await ensureDatabase(cluster.superuserUrl(), "confide");
  const urls = databaseUrls(cluster.superuserUrl(), "confide", passwords);
  process.env.DATABASE_URL = urls.appUrl;
  process.env.MIGRATION_DATABASE_URL = urls.ownerUrl;
  process.env.VAULT_DATABASE_URL = urls.vaultUrl;
  return { embedded: true, stop: cluster.stop };
}
