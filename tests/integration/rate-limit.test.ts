import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { clearLimit, hitLimit, limitKey, LIMITS, peekLimit, progressiveDelayMs, pruneLimits } from "@/lib/rate-limit";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("rate limits in PostgreSQL", () => {
  let database: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient(database.appUrl, 8);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("blocks a key once it reaches the limit, and lets it go as the window slides past", async () => {
    const key = limitKey(LIMITS.signInAccount, "Someone@Example.org");
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    const minute = 60_000;
    for (let i = 1; i <= 5; i++) expect(await hitLimit(prisma, LIMITS.signInAccount, key, t0 + i)).toBe(i);
    const blocked = await peekLimit(prisma, LIMITS.signInAccount, key, t0 + 10);
    expect(blocked).toMatchObject({ count: 5, blocked: true });
    expect(blocked.retryAfterSeconds).toBe(15 * 60);
    // Just after the window boundary the failures still count: no fresh allowance at :15.
    expect(await peekLimit(prisma, LIMITS.signInAccount, key, t0 + 15 * minute + 1)).toMatchObject({ blocked: true });
    expect((await peekLimit(prisma, LIMITS.signInAccount, key, t0 + 18 * minute)).blocked).toBe(false);
    expect((await peekLimit(prisma, LIMITS.signInAccount, key, t0 + 30 * minute)).count).toBe(0);
  });

  it("counts failures that straddle a window boundary together", async () => {
    const key = limitKey(LIMITS.signInAccount, "straddle@example.org");
    const boundary = Date.UTC(2026, 0, 1, 11, 15, 0);
    for (const at of [-3000, -2000, -1000]) await hitLimit(prisma, LIMITS.signInAccount, key, boundary + at);
    for (const at of [1000, 2000]) await hitLimit(prisma, LIMITS.signInAccount, key, boundary + at);
    expect((await peekLimit(prisma, LIMITS.signInAccount, key, boundary + 3000)).blocked).toBe(true);
  });

  it("counts concurrent hits from many instances exactly", async () => {
    const key = limitKey(LIMITS.signInIp, "203.0.113.9");
    const counts = await Promise.all(Array.from({ length: 40 }, () => hitLimit(prisma, LIMITS.signInIp, key)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await peekLimit(prisma, LIMITS.signInIp, key)).blocked).toBe(true);
    await clearLimit(prisma, key);
    expect((await peekLimit(prisma, LIMITS.signInIp, key)).count).toBe(0);
  });

  it("keys do not store what was typed, and treat case and spaces alike", () => {
    const key = limitKey(LIMITS.signInAccount, "  Someone@Example.org ");
    expect(key).not.toContain("example");
    expect(key).toBe(limitKey(LIMITS.signInAccount, "someone@example.org"));
  });

  it("slows answers progressively after a few failures, up to a ceiling", () => {
    expect([1, 2, 3, 4, 5, 9].map(progressiveDelayMs)).toEqual([0, 0, 500, 1000, 2000, 8000]);
  });

  it("prunes windows older than a day", async () => {
    const key = limitKey(LIMITS.signInIp, "198.51.100.1");
    await hitLimit(prisma, LIMITS.signInIp, key, Date.now() - 3 * 86_400_000);
    expect(await pruneLimits(prisma)).toBeGreaterThanOrEqual(1);
  });
});
