import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PROGRESSIVE_DELAY, type Limit } from "./limits";

export { LIMITS } from "./limits";

/** A stable key that does not store what was typed (emails are hashed). */
export function limitKey(limit: Limit, subject: string): string {
  return `${limit.prefix}:${createHash("sha256").update(subject.trim().toLowerCase()).digest("base64url").slice(0, 32)}`;
}

function windowStart(limit: Limit, now: number): Date {
  const size = limit.windowSeconds * 1000;
  return new Date(Math.floor(now / size) * size);
}

export interface LimitState {
  count: number;
  blocked: boolean;
  retryAfterSeconds: number;
}

export async function peekLimit(prisma: PrismaClient, limit: Limit, key: string, now = Date.now()): Promise<LimitState> {
  const start = windowStart(limit, now);
  const row = await prisma.rateLimitBucket.findUnique({ where: { key_windowStart: { key, windowStart: start } } });
  const count = row?.count ?? 0;
  return {
    count,
    blocked: count >= limit.max,
    retryAfterSeconds: Math.ceil((start.getTime() + limit.windowSeconds * 1000 - now) / 1000),
  };
}

/** Counts one event against the key (atomically, across instances); returns the new count. */
export async function hitLimit(prisma: PrismaClient, limit: Limit, key: string, now = Date.now()): Promise<number> {
  const start = windowStart(limit, now);
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_bucket (key, "windowStart", count, "updatedAt") VALUES (${key}, ${start}, 1, now())
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_bucket.count + 1, "updatedAt" = now()
    RETURNING count`;
  return row!.count;
}

export async function clearLimit(prisma: PrismaClient, key: string) {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}

/** How long to hold the next answer after `failures` recent failures (0 below the threshold). */
export function progressiveDelayMs(failures: number): number {
  if (failures < PROGRESSIVE_DELAY.after) return 0;
  return Math.min(PROGRESSIVE_DELAY.maxMs, PROGRESSIVE_DELAY.baseMs * 2 ** (failures - PROGRESSIVE_DELAY.after));
}

/** Drops windows that ended more than a day ago (run by the maintenance job). */
export async function pruneLimits(prisma: PrismaClient, now = Date.now()) {
  const { count } = await prisma.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now - 86_400_000) } } });
  return count;
}
