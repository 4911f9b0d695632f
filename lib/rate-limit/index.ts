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

/**
 * The key's weight now, as a sliding window: this window's count plus the previous window's,
 * scaled by how much of it still overlaps the last `windowSeconds`. (A plain fixed window
 * would let an attacker make twice the limit across a window boundary.)
 */
export async function peekLimit(prisma: PrismaClient, limit: Limit, key: string, now = Date.now()): Promise<LimitState> {
  const size = limit.windowSeconds * 1000;
  const start = windowStart(limit, now);
  const previousStart = new Date(start.getTime() - size);
  const rows = await prisma.rateLimitBucket.findMany({ where: { key, windowStart: { in: [start, previousStart] } } });
  const current = rows.find((r) => r.windowStart.getTime() === start.getTime())?.count ?? 0;
  const previous = rows.find((r) => r.windowStart.getTime() === previousStart.getTime())?.count ?? 0;
  const elapsed = (now - start.getTime()) / size;
  // Round the previous window's share up: a failure still partly in view still counts.
  const count = current + Math.ceil(previous * (1 - elapsed));
  const blocked = count >= limit.max;
  let retryAfterSeconds = 0;
  if (blocked) {
    // When enough of the previous window has slid out of view, or else when this one ends.
    const fadeAt = current < limit.max && previous > 0 ? 1 - (limit.max - current - 1) / previous : 1;
    retryAfterSeconds = Math.max(1, Math.ceil(((Math.min(Math.max(fadeAt, elapsed), 1) - elapsed) * size) / 1000));
  }
  return { count, blocked, retryAfterSeconds };
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
