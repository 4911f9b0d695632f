import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkpointSignatureValid, type Checkpoint } from "@/lib/audit/checkpoint";
import { totpAad } from "@/lib/auth/totp";
import { encrypt } from "@/lib/crypto/aead";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { runNpmScript, type ScriptRun } from "../support/scripts";

// Every background job in package.json, run the way the Compose scheduler and cron run it: as
// `npm run <script>` in its own process with NODE_ENV=production, against a real db.database. A
// job that cannot even start (an import that needs Next.js's runtime, a missing variable) fails
// here instead of silently never running in production.

const repoRoot = path.resolve(import.meta.dirname, "../..");
const context = { requestId: null, ip: "198.51.100.90", userAgent: "job-scripts-test" };

/** The jobs this file runs; the last test makes sure none is added to package.json untested. */
const JOBS = ["retention:run", "reminders:send", "calendar:sync", "keys:rotate", "audit:verify", "audit:checkpoint"];
/** Scripts that run a file under scripts/ but are not background jobs (servers, setup, benchmarks;
 *  backup:drill, backup:report and erasure:replay are run end to end by backup-drill.test.ts, against
 *  a real pgBackRest repository). */
const NOT_JOBS = /^(dev|start|db:.*|secrets:generate|audit:actions|bench:.*|backup:drill|backup:report|erasure:replay)$/;

const db = setUpTestDatabase();
let secrets: Record<string, string>;
let dueClientId: string;
let recentClientId: string;
let expiredCopyId: string;
let liveCopyId: string;

const runScript = (name: string, args: string[] = [], env: Record<string, string> = {}) =>
  runNpmScript(name, args, { DATABASE_URL: db.database.appUrl, VAULT_DATABASE_URL: db.database.vaultUrl, ...secrets, ...env });

/** Exit code and output together, so a failure shows what the job printed. */
const outcome = (run: ScriptRun) => ({ code: run.code, output: run.stdout + run.stderr });

beforeAll(async () => {
  secrets = Object.fromEntries(
    ["AUTH_SECRET", "NOTES_MASTER_KEYS", "IDENTITY_MASTER_KEYS", "ACCOUNT_SECRETS_KEY", "AUDIT_CHECKPOINT_KEY"].map((k) => [k, process.env[k]!]),
  );
  const practice = await createPractice({ name: "Jobs" });
  const therapist = await createMember({ practice, role: "THERAPIST", tag: "jobs" });
  const { createClient } = await import("@/lib/clients/create-client");
  // A record discharged long ago (due for the owner's review) and one discharged today (not due).
  const due = (await createClient(therapist, { label: "Old record" }, context)).client;
  const recent = (await createClient(therapist, { label: "Recent record" }, context)).client;
  const longAgo = new Date("2012-03-01T00:00:00Z");
  await db.prisma.client.update({ where: { id: due.id }, data: { status: "DISCHARGED", dischargedAt: longAgo, createdAt: longAgo } });
  await db.prisma.client.update({ where: { id: recent.id }, data: { status: "DISCHARGED", dischargedAt: new Date() } });
  // A TOTP seed sealed with ACCOUNT_SECRETS_KEY itself, as before per-purpose sub-keys.
  const master = Buffer.from(secrets.ACCOUNT_SECRETS_KEY!, "base64");
  await db.prisma.user.update({ where: { id: therapist.userId }, data: { totpSecretEnc: new Uint8Array(encrypt(master, "JBSWY3DPEHPK3PXP", totpAad(therapist.userId))) } });
  dueClientId = due.id;
  recentClientId = recent.id;
  // A sign-in counter from three days ago: the daily job prunes it; a fresh one stays.
  await db.prisma.rateLimitBucket.create({ data: { key: "jobs-test:stale", windowStart: new Date(Date.now() - 3 * 86_400_000), count: 1 } });
  // Two fulfilled access copies still holding their (sealed) content: one expired unread, one not yet.
  const request = await db.prisma.dataRequest.create({
    data: { practiceId: practice.id, clientId: recent.id, clientCode: recent.code, kind: "ACCESS", status: "COMPLETED", clockStartedAt: new Date(), dueOn: new Date(), closedAt: new Date() },
  });
  const copy = (expiresAt: Date) =>
    db.prisma.dataExport.create({ data: { requestId: request.id, clientId: recent.id, tokenHash: new Uint8Array(randomBytes(32)), expiresAt, contentEnc: new Uint8Array(randomBytes(64)) } });
  expiredCopyId = (await copy(new Date(Date.now() - 60_000))).id;
  liveCopyId = (await copy(new Date(Date.now() + 86_400_000))).id;
});

describe("job scripts", () => {
  it("each job runs as its own process, exits 0 and reports what it did; retention flags the due record and clears expired access copies", async () => {
    // A second notes master key version, so key rotation has the two clients' data keys to re-wrap.
    const rotatedNotesKeys = `${secrets.NOTES_MASTER_KEYS},2:${randomBytes(32).toString("base64")}`;
    const [retention, reminders, calendar, rotate, reseal] = await Promise.all([
      runScript("retention:run"),
      runScript("reminders:send"),
      runScript("calendar:sync", ["--every", "15"]),
      runScript("keys:rotate", ["notes"], { NOTES_MASTER_KEYS: rotatedNotesKeys }),
      runScript("keys:rotate", ["account"]),
    ]);
    expect(outcome(retention)).toMatchObject({ code: 0, output: expect.stringContaining("Retention check: 1 practice(s), 2 discharged record(s) checked, 1 newly due for review, 1 expired access copy cleared.") });
    expect(outcome(retention).output).toMatch(/Rate-limit counters: [1-9]\d* expired window\(s\) removed\./);
    expect(await db.prisma.rateLimitBucket.count({ where: { key: "jobs-test:stale" } })).toBe(0);
    expect(outcome(reminders)).toMatchObject({ code: 0, output: expect.stringContaining("Reminders: 0 practice(s) sending, 0 due, 0 sent") });
    expect(outcome(calendar)).toMatchObject({ code: 0, output: expect.stringContaining("Calendar sync: 0 calendar(s) due, 0 synced, 0 failed") });
    expect(outcome(rotate)).toMatchObject({ code: 0, output: expect.stringMatching(/notes: re-wrapped 2 data key\(s\) under master key version 2 in [\d.]+ s; 0 still under an older version\./) });

    expect(outcome(reseal)).toMatchObject({ code: 0, output: expect.stringMatching(/account: re-sealed 1 account secret\(s\) under their sub-keys in [\d.]+ s; 0 still under ACCOUNT_SECRETS_KEY itself\./) });

    expect((await db.prisma.client.findUniqueOrThrow({ where: { id: dueClientId } })).retentionDueAt).not.toBeNull();
    expect((await db.prisma.client.findUniqueOrThrow({ where: { id: recentClientId } })).retentionDueAt).toBeNull();
    // The copy that expired unread no longer holds its content; the live one does, and both rows stay.
    expect((await db.prisma.dataExport.findUniqueOrThrow({ where: { id: expiredCopyId } })).contentEnc).toBeNull();
    expect((await db.prisma.dataExport.findUniqueOrThrow({ where: { id: liveCopyId } })).contentEnc).toHaveLength(64);
    expect((await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "retention.run" } })).details).toEqual({ practices: 1, checked: 2, flagged: 1, expiredCopies: 1 });
    const audited = await db.prisma.auditEvent.findMany({ where: { action: { in: ["retention.flagged", "retention.run", "system.keys_rotated"] } }, select: { action: true } });
    expect(audited.map((e) => e.action).sort()).toEqual(expect.arrayContaining(["retention.flagged", "retention.run", "system.keys_rotated"]));

    // The audit jobs read what the others wrote: the whole trail verifies and can be checkpointed.
    const events = await db.prisma.auditEvent.count();
    const [verify, checkpoint] = await Promise.all([runScript("audit:verify"), runScript("audit:checkpoint")]);
    expect(outcome(verify)).toMatchObject({ code: 0, output: expect.stringContaining(`Audit trail intact: verified ${events} events`) });
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    const signed = JSON.parse(checkpoint.stdout) as Checkpoint;
    expect(signed.chains.length).toBeGreaterThan(0);
    expect(checkpointSignatureValid(signed, Buffer.from(secrets.AUDIT_CHECKPOINT_KEY!, "base64"))).toBe(true);
  }, 180_000);

  it("covers every job script in package.json", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const runsAScript = Object.entries(scripts).filter(([, command]) => /\bscripts\/[\w-]+\.ts\b/.test(command)).map(([name]) => name);
    expect(runsAScript.filter((name) => !NOT_JOBS.test(name)).sort()).toEqual([...JOBS].sort());
  });
});
