import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { checkHealth } from "@/lib/health/check";
import { DEMO_MEMBERS, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, pointAppAt, type TestDatabase } from "../support/database";

describe("demo seed", () => {
  let database: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient(database.appUrl, 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("creates one practice with an owner, a therapist and a manager, and is idempotent", async () => {
    expect(await seedDemo(prisma)).toEqual({ created: 3 });
    expect(await seedDemo(prisma)).toEqual({ created: 0 });
    expect(await prisma.practice.count()).toBe(1);
    const members = await prisma.membership.findMany({ include: { user: true } });
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual(
      DEMO_MEMBERS.map((m) => [m.email, m.role]).sort(),
    );
    for (const m of members) expect(await verifyPassword(m.user.passwordHash, DEMO_PASSWORD)).toBe(true);
  });
});

describe("health check", () => {
  it("is ok on a migrated database and unavailable on one with pending migrations", async () => {
    const migrated = await createTestDatabase();
    const empty = await createTestDatabase({ empty: true });
    const good = createPrismaClient(migrated.appUrl, 1);
    const bad = createPrismaClient(empty.appUrl, 1);
    try {
      expect(await checkHealth(good)).toEqual({ status: "ok" });
      const result = await checkHealth(bad);
      expect(result.status).toBe("unavailable");
    } finally {
      await good.$disconnect();
      await bad.$disconnect();
      await migrated.drop();
      await empty.drop();
    }
  });

  it("reports unreachable databases without leaking the connection string", async () => {
    const nowhere = createPrismaClient("postgresql://confide_app:s3cret-pw@127.0.0.1:1/none", 1);
    const result = await checkHealth(nowhere);
    expect(result.status).toBe("unavailable");
    expect(JSON.stringify(result)).not.toContain("s3cret");
    await nowhere.$disconnect();
  });
});

describe("health report", () => {
  let database: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  beforeAll(async () => {
    database = await createTestDatabase();
    pointAppAt(database);
    prisma = createPrismaClient(database.appUrl, 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    const { closeVaultPool } = await import("@/lib/vault/db");
    await closeVaultPool();
    await database?.drop();
  });

  it("is ok with every check named, backups not configured and no job run yet, and holds no secrets", async () => {
    const { healthReport } = await import("@/lib/health/report");
    const report = await healthReport({ client: prisma, env: {} });
    expect(report.status).toBe("ok");
    expect(Object.keys(report.checks).sort()).toEqual(["backups", "database", "scheduler", "vault"]);
    expect(report.checks.vault.status).toBe("ok");
    expect(report.checks.backups.status).toBe("not-configured");
    expect(report.checks.scheduler.jobs.map((j) => [j.job, j.status])).toEqual([["reminders:send", "never"], ["calendar:sync", "never"], ["retention:run", "never"]]);
    expect(JSON.stringify(report)).not.toMatch(/postgres|password|secret|127\.0\.0\.1|confide-test/i);
  });

  it("is unavailable (not merely red) when the database cannot be reached", async () => {
    const { healthReport } = await import("@/lib/health/report");
    const nowhere = createPrismaClient("postgresql://confide_app:s3cret-pw@127.0.0.1:1/none", 1);
    const report = await healthReport({ client: nowhere, env: {} });
    expect(report.status).toBe("unavailable");
    expect(JSON.stringify(report)).not.toContain("s3cret");
    await nowhere.$disconnect();
  });

  it("shows each scheduled job's last success, recorded by the job's run, and a failing job's outcome", async () => {
    const { recordJobRun } = await import("@/lib/jobs/runs");
    const { healthReport } = await import("@/lib/health/report");
    expect(await recordJobRun(prisma, "reminders:send", async () => ({ failed: 0 }), (r) => r.failed === 0)).toEqual({ failed: 0 });
    await expect(recordJobRun(prisma, "calendar:sync", async () => { throw new Error("feed down"); })).rejects.toThrow("feed down");
    const rows = await prisma.jobRun.findMany({ orderBy: { job: "asc" } });
    expect(rows.map((r) => [r.job, r.lastOutcome, r.lastSucceededAt !== null])).toEqual([["calendar:sync", "failure", false], ["reminders:send", "success", true]]);
    // Two hours on, the 10-minute jobs are stale: red, and the report says so.
    const later = new Date(Date.now() + 2 * 3_600_000 + 60_000);
    const report = await healthReport({ client: prisma, env: {}, now: later });
    expect(report.checks.scheduler.jobs.find((j) => j.job === "reminders:send")).toMatchObject({ status: "red", lastOutcome: "success" });
    expect(report.checks.scheduler.jobs.find((j) => j.job === "calendar:sync")).toMatchObject({ status: "red", lastOutcome: "failure", lastSucceededMinutesAgo: null });
    expect(report.status).toBe("red");
  });

  const pgbackrest = spawnSync("pgbackrest", ["version"]).status === 0;
  it.skipIf(!pgbackrest)("asks the real pgbackrest when a stanza is configured, and is red for a stanza with no backups", async () => {
    const { healthReport } = await import("@/lib/health/report");
    const report = await healthReport({ client: prisma, env: { PGBACKREST_STANZA: `health-test-${process.pid}` } });
    expect(report.checks.backups.status).toBe("red");
    expect(report.checks.backups.reasons).toEqual(expect.arrayContaining(["pgbackrest-status-1", "no-backup"]));
    expect(report.status).toBe("red");
  });
});
