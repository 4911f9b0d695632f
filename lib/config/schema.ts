import { z } from "zod";

// Every setting Confide reads from the environment, in one place. `.env.example` documents each.

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
    message: "must be 32 random bytes, base64-encoded (npm run secrets:generate makes one)",
  });
const keyBytes = base64Key32.transform((v) => Buffer.from(v, "base64"));

/** Versioned master keys: "1:<base64>,2:<base64>". The highest version encrypts; all decrypt. */
export const versionedKeys = z
  .string()
  .transform((value, ctx) => {
    const keys = new Map<number, Buffer>();
    for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
      const match = /^(\d{1,6}):(.+)$/.exec(part);
      const parsed = match ? base64Key32.safeParse(match[2]) : undefined;
      if (!match || !parsed?.success) {
        ctx.addIssue({ code: "custom", message: 'must look like "1:<32 bytes base64>[,2:<...>]"' });
        return z.NEVER;
      }
      keys.set(Number(match[1]), Buffer.from(match[2]!, "base64"));
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: "custom", message: "must hold at least one key" });
      return z.NEVER;
    }
    return { current: Math.max(...keys.keys()), keys };
  });

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: "must be a postgresql:// URL" });

const absolutePath = z.string().refine((v) => v.startsWith("/") && !v.split("/").includes(".."), { message: "must be an absolute path" });

const emailList = z
  .string()
  .default("")
  .transform((v) => v.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean));

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Runtime connection: a role that owns no tables (see prisma/migrations). */
  DATABASE_URL: postgresUrl,
  /** Owner role used for migrations; defaults to DATABASE_URL. */
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  /** The identity vault, reached as its own role (confide_vault), which can read nothing else.
   *  Same database as DATABASE_URL (schema "vault") or a separate one. */
  VAULT_DATABASE_URL: postgresUrl,
  /** Owner role for a vault in a separate database: `npm run db:migrate` migrates it too. */
  VAULT_MIGRATION_DATABASE_URL: postgresUrl.optional(),
  /** Public origin of the app, e.g. https://confide.example.org. */
  APP_URL: z.url().default("http://localhost:3000"),
  /** Signs session cookies (next-auth). At least 32 characters. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** Master keys wrapping per-client note data keys. */
  NOTES_MASTER_KEYS: versionedKeys,
  /** Master keys wrapping per-client identity data keys; must differ from the notes keys. */
  IDENTITY_MASTER_KEYS: versionedKeys,
  /** Master key for account secrets; each use gets its own HKDF sub-key (lib/crypto/account-keys.ts). */
  ACCOUNT_SECRETS_KEY: keyBytes,
  /** Signs audit-trail checkpoints; kept outside the database on purpose. */
  AUDIT_CHECKPOINT_KEY: keyBytes,
  /** Reverse proxies in front of Confide that write X-Forwarded-For (see lib/audit/client-ip.ts).
   *  0, the default: no proxy; the header is ignored and the socket's address is used. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Comma-separated emails of platform operators. */
  PLATFORM_ADMIN_EMAILS: emailList,
  /** How email leaves: "smtp" (SMTP_URL, the production default) or "outbox" (files under
   *  .data/outbox, readable at /dev/outbox in development only; the development default). */
  EMAIL_TRANSPORT: z.enum(["smtp", "outbox"]).optional(),
  /** smtp://user:pass@host:port or smtps://… for production email. */
  SMTP_URL: z.string().refine((v) => /^smtps?:\/\//.test(v), { message: "must be an smtp:// or smtps:// URL" }).optional(),
  EMAIL_FROM: z.string().default("Confide <no-reply@confide.local>"),
  /** Lets connected calendars (iCal in) be fetched from private, loopback and link-local
   *  addresses. Off by default in production (SSRF); on by default in development and tests. */
  CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Where erasures are recorded outside the database (lib/backup/erasure-ledger.ts): a directory
   *  beside the WAL archive, not inside the database's volume. Required by the production server
   *  (productionServerRefusal); unset elsewhere: not recorded (development, tests). */
  ERASURE_LEDGER_DIR: absolutePath.optional(),
  /** Days pgBackRest keeps backups and WAL (docker-compose.yml passes it to both); the privacy text
   *  tells clients this is how long erased data can survive inside the encrypted backups. */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(7, "must be at least 7 (a weekly full backup must survive)").max(3650).default(35),
  /** Test suites only: turns on /api/test/* (members made and signed in without the UI) for
   *  requests carrying this value. Refused unless the app and its database are a local test
   *  setup (see testApiRefusal). Never set it anywhere else. */
  CONFIDE_TEST_API_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
}).superRefine((cfg, ctx) => {
  const refusal = cfg.CONFIDE_TEST_API_SECRET ? testApiRefusal(cfg) : null;
  if (refusal) ctx.addIssue({ code: "custom", path: ["CONFIDE_TEST_API_SECRET"], message: refusal });
});

/** The test suites' throwaway databases: confide_e2e (e2e/support/env.ts), confide_t_<hex> (tests/support/database.ts). */
const TEST_DATABASE_NAME = /^confide_(e2e|t_[0-9a-f]+)$/;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why the test API may not be turned on here, or null when it may: only for an app on this
 * machine (APP_URL on localhost) whose databases are the test suites' throwaway ones on this
 * machine. A real deployment has a public APP_URL and its own database, so it cannot start
 * with the secret set, whoever sets it.
 */
export function testApiRefusal(cfg: { APP_URL: string; DATABASE_URL: string; VAULT_DATABASE_URL: string }): string | null {
  if (!LOOPBACK.has(new URL(cfg.APP_URL).hostname)) return "is for test suites only: APP_URL must be on localhost";
  for (const url of [cfg.DATABASE_URL, cfg.VAULT_DATABASE_URL]) {
    const parsed = new URL(url);
    if (!LOOPBACK.has(parsed.hostname) || !TEST_DATABASE_NAME.test(parsed.pathname.slice(1))) {
      return "is for test suites only: the databases must be a test suite's own on this machine";
    }
  }
  return null;
}

export type Config = z.infer<typeof configSchema>;

/**
 * Why the production web server may not start with this configuration, or null when it may. Only
 * the server: it is what erases clients, and an erasure it cannot record outside the database
 * would come back with any restore. (Jobs and scripts never erase, so they do not need it.)
 */
export function productionServerRefusal(cfg: Pick<Config, "NODE_ENV" | "ERASURE_LEDGER_DIR">): string | null {
  if (cfg.NODE_ENV !== "production" || cfg.ERASURE_LEDGER_DIR) return null;
  return "ERASURE_LEDGER_DIR: is missing. In production every erasure is recorded outside the database, so that a restore from backup re-applies it (docs/backups.md); set it to a directory on its own volume (docker-compose.yml: /var/lib/confide/ledger).";
}

/** What `npm run backup:drill` and `npm run erasure:replay` read besides pgBackRest's own
 *  PGBACKREST_* variables (repository path or bucket, cipher type and pass). */
export const backupDrillSchema = z.object({
  /** The pgBackRest stanza backed up (docker-compose.yml: "confide"). */
  BACKUP_STANZA: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be letters, digits, - or _").default("confide"),
  /** initdb, pg_ctl and postgres of the backed-up server's major version (the backup image:
   *  /usr/lib/postgresql/16/bin). */
  BACKUP_PG_BINDIR: absolutePath,
  /** Scratch space for the restored copy; its "restore" folder is replaced on each run. */
  BACKUP_DRILL_DIR: absolutePath.default("/tmp/confide-restore-drill"),
  /** The scratch cluster's port (it listens on a private Unix socket only). */
  BACKUP_DRILL_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** The source database, as a role that sees every row (the superuser): row counts and the
   *  data-loss window are measured against it. */
  BACKUP_SOURCE_DATABASE_URL: postgresUrl,
  /** A directory of signed checkpoints (npm run audit:checkpoint output, *.json). */
  AUDIT_CHECKPOINT_DIR: absolutePath.optional(),
  AUDIT_CHECKPOINT_KEY: keyBytes,
});
export type BackupDrillConfig = z.infer<typeof backupDrillSchema>;

/** Turns zod issues into one line per variable, naming it, never echoing its value. */
export function describeConfigErrors(error: z.ZodError, env: Record<string, string | undefined>): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? "config");
      return `  ${name}: ${env[name] === undefined || env[name] === "" ? "is missing" : issue.message}`;
    })
    .join("\n");
}

/** Parses the environment; an empty value (as docker-compose passes for unset ones) counts as unset. */
export function parseConfig(env: Record<string, string | undefined>) {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  return configSchema.safeParse(present);
}
