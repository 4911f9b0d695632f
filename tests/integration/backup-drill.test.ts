import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckpoint } from "@/lib/audit/checkpoint";
import { verifyAuditTrail } from "@/lib/audit/verify";
import { initCluster, startCluster, toolDir, type LocalCluster } from "@/lib/backup/cluster";
import { readLedger, ledgerKey } from "@/lib/backup/erasure-ledger";
import { repositoryInfo, runPgBackRest, type PgBackRest } from "@/lib/backup/pgbackrest";
import { runTool } from "@/lib/backup/processes";
import { ensureDatabase, ensureRoles } from "@/lib/db/bootstrap";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db/prisma";
import { generateSecrets } from "@/lib/config/secrets";
import { createMember } from "../support/factory";
import { runNpmScript } from "../support/scripts";
import { TEST_ROLE_PASSWORDS } from "../support/test-cluster";

// The backup story end to end, on a real cluster archiving its WAL with pgBackRest into an
// encrypted repository: back up, write more, note a time, write more and erase a client, then
// `npm run backup:drill` restores to that time (and, in the second test, to the newest state)
// in a scratch cluster, replays the erasure ledger and verifies the audit trail.
//
// pgBackRest must support the server's major version: Debian's 2.45 does not know PostgreSQL
// 18 (the embedded binaries), so this runs on the newest Debian server (.ci/run installs it).

const repoRoot = path.resolve(import.meta.dirname, "../..");
const offset = Number(process.env.CONFIDE_TEST_PORT_OFFSET ?? 0);
const binDir = process.env.BACKUP_TEST_PG_BINDIR ?? newestDebianPostgres();
const pgbackrestFound = existsSync("/usr/bin/pgbackrest") || (process.env.PATH ?? "").split(":").some((d) => existsSync(path.join(d, "pgbackrest")));
const canRun = !!binDir && pgbackrestFound;

function newestDebianPostgres(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const major = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, "bin/initdb"))).sort((a, b) => Number(b) - Number(a))[0];
  return major && path.join(root, major, "bin");
}

const work = path.join(repoRoot, ".data", `backup-drill-${offset}`);
const context = { requestId: null, ip: "198.51.100.77", userAgent: "backup-drill-test" };
const cipherPass = randomBytes(24).toString("base64url");
const repoEnv = {
  PGBACKREST_REPO1_PATH: path.join(work, "repo"),
  PGBACKREST_REPO1_CIPHER_TYPE: "aes-256-cbc",
  PGBACKREST_REPO1_CIPHER_PASS: cipherPass,
  PGBACKREST_REPO1_RETENTION_FULL_TYPE: "time",
  PGBACKREST_REPO1_RETENTION_FULL: "35",
  PGBACKREST_LOG_PATH: path.join(work, "log"),
  PGBACKREST_LOCK_PATH: path.join(work, "lock"),
  PGBACKREST_SPOOL_PATH: path.join(work, "spool"),
  PGBACKREST_LOG_LEVEL_CONSOLE: "warn",
  PGBACKREST_START_FAST: "y",
};
const repo: PgBackRest = { stanza: "drill", env: repoEnv };

let source: LocalCluster;
let prisma: ReturnType<typeof createPrismaClient>;
let secrets: Record<string, string>;
const ids: Record<"erasedLater" | "beforeBackup" | "afterBackup" | "afterPoint", string> = { erasedLater: "", beforeBackup: "", afterBackup: "", afterPoint: "" };
let point: Date;
let backupSeconds = 0;

async function drill(args: string[]): Promise<{ code: number | null; output: string }> {
  const run = await runNpmScript("backup:drill", args, {
    ...secrets,
    ...repoEnv,
    BACKUP_STANZA: "drill",
    BACKUP_PG_BINDIR: binDir!,
    BACKUP_DRILL_DIR: path.join(work, "scratch"),
    BACKUP_DRILL_PORT: String(55500 + offset),
    BACKUP_SOURCE_DATABASE_URL: source.url("confide"),
    AUDIT_CHECKPOINT_DIR: path.join(work, "checkpoints"),
    ERASURE_LEDGER_DIR: path.join(work, "ledger"),
    DATABASE_URL: source.url("confide", "confide_app"),
    VAULT_DATABASE_URL: source.url("confide", "confide_vault"),
  });
  return { code: run.code, output: run.stdout + run.stderr };
}

/** What the kept scratch cluster holds, then stops it. */
async function inspectScratch(): Promise<{ clients: string[]; identities: string[]; replayedTombstones: number }> {
  const scratch = path.join(work, "scratch", "restore");
  const url = `postgresql://postgres@/confide?host=${encodeURIComponent(path.join(scratch, "socket"))}&port=${55500 + offset}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const clients = (await client.query<{ id: string }>("SELECT id FROM client")).rows.map((r) => r.id);
    const identities = (await client.query<{ client_id: string }>("SELECT client_id FROM vault.client_identity")).rows.map((r) => r.client_id);
    const replayed = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_event WHERE action = 'client.erased' AND details->>'reason' = 'ledger_replay'`);
    return { clients, identities, replayedTombstones: Number(replayed.rows[0]!.n) };
  } finally {
    await client.end();
    await runTool(path.join(binDir!, "pg_ctl"), ["stop", "-m", "fast", "-w", "-D", path.join(scratch, "data")]);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(canRun)("backups and the restore drill", () => {
  beforeAll(async () => {
    await rm(work, { recursive: true, force: true });
    await toolDir(work);
    for (const dir of ["repo", "log", "lock", "spool"]) await toolDir(path.join(work, dir));
    await mkdir(path.join(work, "checkpoints"));
    await mkdir(path.join(work, "ledger"));
    await initCluster(binDir!, path.join(work, "source", "data"));
    Object.assign(repoEnv, { PGBACKREST_PG1_PATH: path.join(work, "source", "data"), PGBACKREST_PG1_PORT: String(55400 + offset), PGBACKREST_PG1_SOCKET_PATH: path.join(work, "source", "socket") });
    source = await startCluster({
      binDir: binDir!,
      dataDir: path.join(work, "source", "data"),
      port: 55400 + offset,
      env: repoEnv,
      hba: ["host all all 127.0.0.1/32 trust"],
      // As docker-compose.yml configures the production server.
      // Over TCP as well: the migration engine takes host and port from a URL.
      settings: { listen_addresses: "127.0.0.1", wal_level: "replica", archive_mode: "on", archive_command: "pgbackrest --stanza=drill archive-push %p", archive_timeout: "60" },
    });
    await ensureRoles(source.url("postgres"), TEST_ROLE_PASSWORDS);
    await ensureDatabase(source.url("postgres"), "confide");
    await applyMigrations(`postgresql://confide_owner:${TEST_ROLE_PASSWORDS.owner}@127.0.0.1:${source.port}/confide`);
    await runPgBackRest(repo, "stanza-create");

    secrets = { ...generateSecrets() };
    Object.assign(process.env, secrets, {
      DATABASE_URL: source.url("confide", "confide_app"),
      VAULT_DATABASE_URL: source.url("confide", "confide_vault"),
      ERASURE_LEDGER_DIR: path.join(work, "ledger"),
    });
    prisma = createPrismaClient(source.url("confide", "confide_app"), 2);
    const practice = await prisma.practice.create({ data: { name: "Drill" } });
    const owner = await createMember({ prisma, practice: practice.id, role: "OWNER", tag: "drill" });
    const { createClient } = await import("@/lib/clients/create-client");
    // Names that share no word with the labels (a label that looks like the name is refused).
    const names = ["Ada Quill", "Bea Marsh", "Cy Thorne", "Dot Vance"];
    const make = async (label: string) => (await createClient(owner, { label, identity: { fullName: names.shift()! } }, context)).client;

    ids.erasedLater = (await make("Erased after the point")).id;
    ids.beforeBackup = (await make("Before the backup")).id;
    const started = performance.now();
    await runPgBackRest(repo, "backup", { type: "full" });
    backupSeconds = (performance.now() - started) / 1000;
    ids.afterBackup = (await make("After the backup")).id;

    // A signed checkpoint of the trail as it stands, before the point in time.
    const trail = await verifyAuditTrail(source.url("confide"));
    await writeFile(path.join(work, "checkpoints", "before-point.json"), JSON.stringify(createCheckpoint(trail.heads, Buffer.from(secrets.AUDIT_CHECKPOINT_KEY!, "base64"))));
    await sleep(1100);
    point = new Date();
    await sleep(1100);

    ids.afterPoint = (await make("After the point")).id;
    const { eraseClient } = await import("@/lib/clients/erase");
    await eraseClient(owner, await prisma.client.findUniqueOrThrow({ where: { id: ids.erasedLater } }), "erasure_request", context);
    // Switch WAL and wait until it is archived, as archive_timeout would within a minute.
    await runPgBackRest(repo, "check");
  }, 300_000);

  afterAll(async () => {
    await (await import("@/lib/vault/db")).closeVaultPool();
    await prisma?.$disconnect();
    await source?.stop();
  });

  it("keeps every backup in an encrypted repository, and the erasure in the ledger outside it", async () => {
    const info = await repositoryInfo(repo);
    expect(info.cipher).toBe("aes-256-cbc");
    expect(info.backups.map((b) => b.type)).toEqual(["full"]);
    expect(info.newestWal).not.toBeNull();
    // Without the cipher pass the repository cannot even be listed.
    await expect(repositoryInfo({ ...repo, env: { ...repoEnv, PGBACKREST_REPO1_CIPHER_PASS: "wrong" } })).rejects.toThrow(/cannot read the repository/);
    const ledger = await readLedger(path.join(work, "ledger"), ledgerKey(Buffer.from(secrets.AUDIT_CHECKPOINT_KEY!, "base64")));
    expect(ledger).toEqual([expect.objectContaining({ clientId: ids.erasedLater })]);
    const b = info.backups[0]!;
    console.log(`[backup drill] full backup: ${(b.info.size / 1048576).toFixed(1)} MB of data, ${(b.info.repository.delta / 1048576).toFixed(1)} MB stored, ${backupSeconds.toFixed(1)} s`);
  });

  it("reports the repository to the database, where /api/health reads backup and WAL freshness without pgBackRest", async () => {
    // As docker/backup-loop.sh runs it in the backup service; the app only has the database.
    const run = await runNpmScript("backup:report", [], { ...repoEnv, BACKUP_STANZA: "drill", DATABASE_URL: source.url("confide", "confide_app") });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Backups: stanza drill, status 0, newest full backup at /);
    const row = await prisma.backupReport.findUniqueOrThrow({ where: { stanza: "drill" } });
    expect(row).toMatchObject({ statusCode: 0, problem: null, newestBackupType: "full" });
    const { healthReport } = await import("@/lib/health/report");
    const report = await healthReport({ client: prisma, env: {}, pingVault: async () => {} });
    expect(report.checks.backups).toMatchObject({ status: "ok", reasons: [], newestBackupType: "full", walFailuresSinceLastSuccess: false });
    expect(report.checks.backups.newestBackupAgeMinutes).toBeLessThan(10);
    expect(report.checks.backups.newestWalAgeMinutes).toBeLessThan(10);
    // A backup service that stops reporting turns the check amber, then red.
    const later = (minutes: number) => new Date(row.reportedAt.getTime() + minutes * 60_000);
    expect((await healthReport({ client: prisma, env: {}, pingVault: async () => {}, now: later(45) })).checks.backups.reasons).toContain("backup-report-stale");
    expect((await healthReport({ client: prisma, env: {}, pingVault: async () => {}, now: later(27 * 60) })).checks.backups.status).toBe("red");
    // A repository pgBackRest cannot read is recorded as such, and the script says so.
    const broken = await runNpmScript("backup:report", [], { ...repoEnv, PGBACKREST_REPO1_CIPHER_PASS: "wrong", BACKUP_STANZA: "drill", DATABASE_URL: source.url("confide", "confide_app") });
    expect(broken.code).toBe(1);
    expect((await healthReport({ client: prisma, env: {}, pingVault: async () => {} })).checks.backups).toMatchObject({ status: "red", reasons: ["pgbackrest-info-failed"] });
    expect((await runNpmScript("backup:report", [], { ...repoEnv, BACKUP_STANZA: "drill", DATABASE_URL: source.url("confide", "confide_app") })).code).toBe(0);
    // Archive what the reports wrote, so the later drills compare like with like.
    await runPgBackRest(repo, "check");
  }, 120_000);

  it("restores to a point in time: exactly the earlier writes, the later erasure re-applied, the trail verified", async () => {
    const run = await drill(["--to", point.toISOString(), "--keep"]);
    console.log(`[backup drill] --to:\n${run.output}`);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Erasures: 1 in the ledger, 1 re-applied to the restored copy.");
    expect(run.output).toMatch(/Audit trail intact: verified \d+ events in 1 chain\(s\)\./);
    expect(run.output).toMatch(/Checkpoint of .+: matches\./);
    expect(run.output).toMatch(/Recovery time: [\d.]+ s/);
    const restored = await inspectScratch();
    // Before the point: kept; after it: not there; erased after it: gone again, identity too.
    expect(restored.clients.sort()).toEqual([ids.beforeBackup, ids.afterBackup].sort());
    expect(restored.identities.sort()).toEqual([ids.beforeBackup, ids.afterBackup].sort());
    expect(restored.replayedTombstones).toBe(1);
  }, 300_000);

  it("restores the newest state with nothing lost and every table's rows counted alike", async () => {
    const run = await drill(["--keep"]);
    console.log(`[backup drill] newest:\n${run.output}`);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Erasures: 1 in the ledger, 0 re-applied to the restored copy.");
    expect(run.output).toContain("Data-loss window: 0 s (0 committed audit event(s) on the source are not in the restore).");
    expect(run.output).toMatch(/Row counts: \d+ table\(s\), 0 differ from the source\./);
    const restored = await inspectScratch();
    expect(restored.clients.sort()).toEqual([ids.beforeBackup, ids.afterBackup, ids.afterPoint].sort());
    expect(restored.replayedTombstones).toBe(0);
  }, 300_000);

  it("refuses an erasure whose ledger line cannot be written, and changes nothing", async () => {
    const { resetConfigForTests } = await import("@/lib/config");
    const { eraseClient } = await import("@/lib/clients/erase");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const owner = { ...(await prisma.membership.findFirstOrThrow({ include: { user: true } })) };
    const actor = { sessionId: "", userId: owner.userId, displayName: "", membershipId: owner.id, role: owner.role, practiceId: owner.practiceId, practiceName: "", stepUpAt: new Date() };
    const client = await prisma.client.findUniqueOrThrow({ where: { id: ids.afterPoint } });
    process.env.ERASURE_LEDGER_DIR = path.join(work, "no-such-ledger");
    resetConfigForTests();
    try {
      await expect(eraseClient(actor, client, "erasure_request", context)).rejects.toThrow();
    } finally {
      process.env.ERASURE_LEDGER_DIR = path.join(work, "ledger");
      resetConfigForTests();
    }
    expect(await prisma.client.count({ where: { id: ids.afterPoint } })).toBe(1);
    expect(await prisma.clientNotesKey.count({ where: { clientId: ids.afterPoint } })).toBe(1);
    expect(await readIdentity(client)).not.toBeNull();
    expect(await readLedger(path.join(work, "ledger"), ledgerKey(Buffer.from(secrets.AUDIT_CHECKPOINT_KEY!, "base64")))).toHaveLength(1);
  });
});

describe.runIf(!canRun && !!process.env.CI)("backups on CI", () => {
  it("has pgbackrest and a PostgreSQL server it supports (.ci/run installs them)", () => {
    expect.fail(`pgbackrest ${pgbackrestFound ? "found" : "missing"}; PostgreSQL binaries ${binDir ?? "missing"}`);
  });
});
