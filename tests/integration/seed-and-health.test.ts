import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { checkHealth } from "@/lib/health/check";
import { DEMO_MEMBERS, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "../support/database";

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
