import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { generateSecrets } from "@/lib/config/secrets";
import { databaseUrls, dropDatabase, ensureDatabase, ensureRoles } from "@/lib/db/bootstrap";
import { startEmbeddedPostgres, type EmbeddedCluster } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient, poolOf } from "@/lib/db/prisma";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { createMember } from "../support/factory";
import { TEST_ROLE_PASSWORDS } from "../support/test-cluster";

// Faults with real processes: a PostgreSQL of this file's own (so it can be stopped, and so its
// WAL archiving can write to a full disk), an app process killed mid-save, a pool with every
// connection taken, a vault nobody can reach. What must hold each time: a clear 503 (never a
// crash), nothing half-written, the text saved once it can be, and no duplicate versions.

const repoRoot = path.resolve(import.meta.dirname, "../..");
const PORT = 54335 + Number(process.env.CONFIDE_TEST_PORT_OFFSET ?? 0);
const context = { requestId: null, ip: "198.51.100.77", userAgent: "faults-test" };
const TEXT = { subjective: "Slept badly; worried about the move.", objective: "", assessment: "", plan: "" };

let cluster: EmbeddedCluster;
let urls: ReturnType<typeof databaseUrls>;
let databaseName: string;
let prisma: ReturnType<typeof createPrismaClient>;
let actor: Actor;
let code: string;
let notes: typeof import("@/lib/notes/create-note") & typeof import("@/lib/notes/save-draft") & typeof import("@/lib/notes/read-note") & typeof import("@/lib/notes/list-client-notes");
let errors: typeof import("@/lib/entry/respond");
let dbClient: typeof import("@/lib/db/client");

beforeAll(async () => {
  cluster = await startEmbeddedPostgres({
    dir: path.join(repoRoot, ".data", `faults-pg-${PORT}`),
    port: PORT,
    password: "confide-faults",
    // The backup target is a full disk: every WAL segment archive_command writes fails with
    // ENOSPC, as archive-push would on a full repository.
    flags: ["-c", "archive_mode=on", "-c", "archive_command=cat %p > /dev/full", "-c", "max_connections=60"],
  });
  await ensureRoles(cluster.superuserUrl(), TEST_ROLE_PASSWORDS);
  databaseName = `confide_f_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(cluster.superuserUrl(), databaseName);
  urls = databaseUrls(cluster.superuserUrl(), databaseName, TEST_ROLE_PASSWORDS);
  await applyMigrations(urls.ownerUrl);
  Object.assign(process.env, generateSecrets(), { DATABASE_URL: urls.appUrl, VAULT_DATABASE_URL: urls.vaultUrl });
  prisma = createPrismaClient(urls.appUrl, 2);
  const practice = await prisma.practice.create({ data: { name: "Faults" } });
  actor = await createMember({ prisma, practice: practice.id, role: "THERAPIST", tag: "faults" });
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(actor, { label: "Typing client", identity: { fullName: "Fault Person" } }, context)).client.code;
  notes = { ...(await import("@/lib/notes/create-note")), ...(await import("@/lib/notes/save-draft")), ...(await import("@/lib/notes/read-note")), ...(await import("@/lib/notes/list-client-notes")) };
  errors = await import("@/lib/entry/respond");
  dbClient = await import("@/lib/db/client");
}, 180_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await dbClient?.db().$disconnect().catch(() => {});
  const { closeVaultPool } = await import("@/lib/vault/db");
  await closeVaultPool().catch(() => {});
  if (databaseName) await dropDatabase(cluster.superuserUrl(), databaseName).catch(() => {});
  await cluster?.stop();
});

async function versions(noteId: string) {
  return prisma.noteVersion.findMany({ where: { noteId }, orderBy: { number: "asc" } });
}

async function textOf(noteId: string) {
  const n = await notes.readNote(actor, code, noteId, context);
  return n.sections;
}

/** What the draft route answers for an error: its status, Retry-After and body. */
async function routeAnswer(error: unknown) {
  const response = errors.errorResponse(error);
  return { status: response.status, retryAfter: response.headers.get("Retry-After"), body: (await response.json()) as { error: { code: string; message: string } } };
}

describe("the database restarting while a therapist types", () => {
  it("answers 503 with Retry-After while it is down, changes nothing, and saves the whole text once it is back", async () => {
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-20" }, context);
    const first = await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: { ...TEXT, subjective: "Slept badly" } }, context);
    expect(first).toMatchObject({ ok: true, revision: 1 });

    await cluster.stop();
    let failure: unknown = null;
    try {
      await notes.saveDraft(actor, code, note.id, { baseRevision: 1, sections: TEXT }, context);
    } catch (error) {
      failure = error;
    }
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    const answer = await routeAnswer(failure);
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe("5");
    expect(answer.body.error.code).toBe("unavailable");
    expect(answer.body.error.message).not.toMatch(/postgres|127\.0\.0\.1|password|ECONNREFUSED/i);

    await startAgain();
    // The editor kept every character and retries with the same base revision.
    const retried = await notes.saveDraft(actor, code, note.id, { baseRevision: 1, sections: TEXT }, context);
    expect(retried).toMatchObject({ ok: true, revision: 2 });
    expect(await textOf(note.id)).toMatchObject(TEXT);
    // Saves a moment apart by one member coalesce into one version: no duplicate.
    expect((await versions(note.id)).length).toBe(1);
  });
});

describe("the app process restarting mid-save", () => {
  it("leaves nothing half-written when the process dies inside the save, and the retry saves once", async () => {
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-21" }, context);
    expect(await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: { ...TEXT, subjective: "Draft one" } }, context)).toMatchObject({ ok: true });
    const before = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });

    // Hold the note's row so the child's save blocks inside its transaction, then kill it there.
    const holder = new pg.Client({ connectionString: urls.appUrl });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM note WHERE id = $1 FOR UPDATE`, [note.id]);
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(import.meta.dirname, "../support/save-draft-child.ts")], {
      cwd: repoRoot,
      env: { ...process.env, FAULT_ACTOR: JSON.stringify(actor), FAULT_CODE: code, FAULT_NOTE: note.id, FAULT_SECTIONS: JSON.stringify(TEXT), FAULT_BASE: String(before.revision) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    await waitFor(async () => output.includes("saving") && (await lockWaiters()) > 0, 60_000, () => output);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    await holder.query("ROLLBACK");
    await holder.end();

    const after = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(after.revision).toBe(before.revision);
    expect(Buffer.from(after.contentEnc).equals(Buffer.from(before.contentEnc))).toBe(true);
    expect((await versions(note.id)).length).toBe(1);

    // The restarted app receives the editor's retry: saved once.
    const retried = await notes.saveDraft(actor, code, note.id, { baseRevision: before.revision, sections: TEXT }, context);
    expect(retried).toMatchObject({ ok: true, revision: before.revision + 1 });
    expect(await textOf(note.id)).toMatchObject(TEXT);
  });

  it("takes a save whose answer was lost (the app died after the commit) as already saved: no conflict, no second version", async () => {
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-22" }, context);
    const saved = await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context);
    expect(saved).toMatchObject({ ok: true, revision: 1 });
    const eventsBefore = await prisma.auditEvent.count({ where: { targetId: note.id } });
    // The editor never saw the answer, so it sends the same text on the same base again.
    const replay = await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context);
    expect(replay).toMatchObject({ ok: true, revision: 1 });
    expect((await versions(note.id)).length).toBe(1);
    expect(await prisma.auditEvent.count({ where: { targetId: note.id } })).toBe(eventsBefore);
    // Different text on an old base is still a conflict, never a silent overwrite.
    const other = await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: { ...TEXT, plan: "changed" } }, context);
    expect(other.ok).toBe(false);
  });
});

describe("the connection pool exhausted", () => {
  it("refuses with a 503 and Retry-After within the wait budget, writes nothing, and saves once connections are free", async () => {
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-23" }, context);
    const pool = poolOf(dbClient.db())!;
    const taken: pg.PoolClient[] = [];
    // Take every connection the app's pool may open (10).
    for (let i = 0; i < 10; i++) taken.push(await pool.connect());
    const started = Date.now();
    let failure: unknown = null;
    try {
      await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context);
    } catch (error) {
      failure = error;
    }
    const waited = Date.now() - started;
    for (const c of taken) c.release();
    expect(failure).not.toBeNull();
    expect(waited).toBeLessThan(15_000);
    const answer = await routeAnswer(failure);
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe("5");
    const row = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(row.revision).toBe(0);
    expect((await versions(note.id)).length).toBe(0);

    const retried = await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context);
    expect(retried).toMatchObject({ ok: true, revision: 1 });
    expect((await versions(note.id)).length).toBe(1);
  });
});

describe("the vault database unreachable", () => {
  it("keeps the caseload, the client page and notes working, and fails a reveal clearly, audited as failed", async () => {
    const { closeVaultPool } = await import("@/lib/vault/db");
    const { resetConfigForTests } = await import("@/lib/config");
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-24" }, context);
    await closeVaultPool();
    const vaultUrl = process.env.VAULT_DATABASE_URL;
    process.env.VAULT_DATABASE_URL = "postgresql://confide_vault:x@127.0.0.1:1/none";
    resetConfigForTests();
    try {
      const { listCaseload } = await import("@/lib/clients/list-caseload");
      const { findClientFor } = await import("@/lib/clients/access");
      const { revealIdentity } = await import("@/lib/clients/reveal");
      expect((await listCaseload(actor, {})).map((c) => c.code)).toContain(code);
      const access = await findClientFor(actor, code, context);
      expect((await notes.listClientNotes(actor, access)).length).toBeGreaterThan(0);
      expect(await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context)).toMatchObject({ ok: true });
      // The client page asks whether an identity is recorded: "unknown", not a crash.
      const { identityRecordedIfReachable } = await import("@/lib/vault/identity-recorded-if-reachable");
      expect(await identityRecordedIfReachable({ id: access.client.id, practiceId: actor.practiceId })).toBeNull();

      let failure: unknown = null;
      try {
        await revealIdentity(actor, code, { reason: "contact" }, context);
      } catch (error) {
        failure = error;
      }
      const answer = await routeAnswer(failure);
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("vault_unavailable");
      const audited = await prisma.auditEvent.findFirst({ where: { action: "identity.revealed", targetId: code }, orderBy: { id: "desc" } });
      expect(audited).toMatchObject({ outcome: "FAILED" });
      expect(audited!.details).toMatchObject({ reason: "contact", failure: "vault_unavailable" });

      const { healthReport } = await import("@/lib/health/report");
      const health = await healthReport();
      expect(health.checks.vault.status).toBe("red");
      expect(health.checks.database.status).toBe("ok");
      expect(health.status).toBe("red");
    } finally {
      await closeVaultPool();
      process.env.VAULT_DATABASE_URL = vaultUrl;
      resetConfigForTests();
    }
    const { revealIdentity } = await import("@/lib/clients/reveal");
    expect((await revealIdentity(actor, code, { reason: "contact" }, context)).fields.length).toBeGreaterThan(0);
    const { identityRecordedIfReachable } = await import("@/lib/vault/identity-recorded-if-reachable");
    const row = await prisma.client.findFirstOrThrow({ where: { code } });
    expect(await identityRecordedIfReachable({ id: row.id, practiceId: actor.practiceId })).toBe(true);
  });
});

describe("a full disk on the backup target", () => {
  it("turns backups red in health and the logs, and the app keeps serving", async () => {
    // Write something and close the WAL segment, so the archiver tries (and fails) to copy it.
    const superuser = new pg.Client({ connectionString: cluster.superuserUrl() });
    await superuser.connect();
    await superuser.query("CREATE TABLE IF NOT EXISTS wal_filler (x int)");
    await superuser.query("INSERT INTO wal_filler SELECT generate_series(1, 1000)");
    await superuser.query("SELECT pg_switch_wal()");
    await waitFor(async () => (await superuser.query("SELECT failed_count FROM pg_stat_archiver")).rows[0].failed_count > 0, 30_000, () => "archiver never failed");
    await superuser.end();

    const { logger } = await import("@/lib/log");
    const logged = vi.spyOn(logger, "error");
    const { healthReport } = await import("@/lib/health/report");
    const fresh = Math.floor(Date.now() / 1000) - 600;
    const info = [{ name: "confide", status: { code: 0, message: "ok" }, backup: [{ type: "incr", error: false, timestamp: { start: fresh - 60, stop: fresh } }] }];
    const health = await healthReport({ env: { PGBACKREST_STANZA: "confide" }, readBackupInfo: async () => info });
    expect(health.checks.backups).toMatchObject({ status: "red", walFailuresSinceLastSuccess: true, newestBackupAgeMinutes: 10 });
    expect(health.checks.backups.reasons).toContain("wal-archiving-failing");
    expect(health.status).toBe("red");
    expect(health.checks.database.status).toBe("ok");
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ health: "red", problems: expect.arrayContaining(["backups:wal-archiving-failing"]) }), "health: red");
    expect(JSON.stringify(health)).not.toMatch(/postgres(ql)?:\/\/|\/dev\/full|password/i);
    logged.mockRestore();

    // Still serving: a therapist's save goes through while archiving fails.
    const note = await notes.createNote(actor, code, { template: "SOAP", sessionDate: "2026-11-25" }, context);
    expect(await notes.saveDraft(actor, code, note.id, { baseRevision: 0, sections: TEXT }, context)).toMatchObject({ ok: true });
  });
});

async function startAgain() {
  cluster = await startEmbeddedPostgres({
    dir: path.join(repoRoot, ".data", `faults-pg-${PORT}`),
    port: PORT,
    password: "confide-faults",
    flags: ["-c", "archive_mode=on", "-c", "archive_command=cat %p > /dev/full", "-c", "max_connections=60"],
  });
}

/** Sessions of this database waiting on a lock (the child, blocked on the held note row). */
async function lockWaiters() {
  const rows = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return Number(rows[0]?.n ?? 0);
}

async function waitFor(check: () => Promise<boolean>, ms: number, describe: () => string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting: ${describe()}`);
}


