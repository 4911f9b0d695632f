import { createHmac } from "node:crypto";
import { accountSubkey } from "@/lib/crypto/account-keys";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LIMITS, PROGRESSIVE_DELAY, type Limit } from "./limits";

export { LIMITS } from "./limits";
export type { Limit } from "./limits";

/**
 * A stable key that does not store what was typed: emails, codes and addresses are hashed with
 * a keyed HMAC (its own sub-key of ACCOUNT_SECRETS_KEY), so a key in the table cannot be turned
 * back into an address or a client code by trying every candidate.
 */
export function limitKey(limit: Limit, subject: string): string {
  return `${limit.prefix}:${createHmac("sha256", accountSubkey("rateLimitKey")).update(subject.trim().toLowerCase()).digest("base64url").slice(0, 32)}`;
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
 * A key's weight as a sliding window: this window's count plus the previous window's, scaled
 * by how much of it still overlaps the last `windowSeconds` (rounded up: a failure still partly
 * in view still counts). A plain fixed window would give a fresh allowance at each boundary.
 */
function weigh(limit: Limit, current: number, previous: number, now: number): LimitState {
  const size = limit.windowSeconds * 1000;
  const elapsed = (now - windowStart(limit, now).getTime()) / size;
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

/** The key's weight now, without counting anything. */
export async function peekLimit(prisma: PrismaClient, limit: Limit, key: string, now = Date.now()): Promise<LimitState> {
  const start = windowStart(limit, now);
  const previousStart = new Date(start.getTime() - limit.windowSeconds * 1000);
  const rows = await prisma.rateLimitBucket.findMany({ where: { key, windowStart: { in: [start, previousStart] } } });
  const current = rows.find((r) => r.windowStart.getTime() === start.getTime())?.count ?? 0;
  const previous = rows.find((r) => r.windowStart.getTime() === previousStart.getTime())?.count ?? 0;
  return weigh(limit, current, previous, now);
}

/** Counts one event against the key (atomically, across instances); returns the new count. */
export async function hitLimit(prisma: Pick<PrismaClient, "$queryRaw">, limit: Limit, key: string, now = Date.now()): Promise<number> {
  const start = windowStart(limit, now);
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_bucket (key, "windowStart", count, "updatedAt") VALUES (${key}, ${start}, 1, now())
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_bucket.count + 1, "updatedAt" = now()
    RETURNING count`;
  return row!.count;
}

export interface LimitCheck {
  limit: Limit;
  key: string;
}

interface Reservation extends LimitCheck {
  windowStart: Date;
}

export interface AttemptGate {
  /** False when any key was already at its limit: the attempt must not be evaluated. */
  allowed: boolean;
  /** The limit that refused, when not allowed. */
  blockedBy: Limit | null;
  retryAfterSeconds: number;
  /** Each check's weight including this attempt, in the order given. */
  counts: number[];
  /** What this attempt holds (empty once refused or refunded). */
  reservations: Reservation[];
}

/**
 * Reserves one attempt against every key BEFORE the expensive check (a password or PIN hash):
 * one atomic upsert per key counts it and returns the new count, so of any number of attempts
 * running at once, at most `max` per key are let through. A refused attempt gives its
 * reservations back at once (being refused is not a failure, and must not extend a pause).
 * A failed attempt keeps them: they are its failure count. A success calls refundAttempt.
 */
export async function reserveAttempt(prisma: PrismaClient, checks: LimitCheck[], now = Date.now()): Promise<AttemptGate> {
  const results = await Promise.all(
    checks.map(async ({ limit, key }) => {
      const start = windowStart(limit, now);
      const previousStart = new Date(start.getTime() - limit.windowSeconds * 1000);
      const [row] = await prisma.$queryRaw<{ current: number; previous: number }[]>`
        WITH hit AS (
          INSERT INTO rate_limit_bucket (key, "windowStart", count, "updatedAt") VALUES (${key}, ${start}, 1, now())
          ON CONFLICT (key, "windowStart") DO UPDATE SET count = rate_limit_bucket.count + 1, "updatedAt" = now()
          RETURNING count)
        SELECT hit.count AS current,
          COALESCE((SELECT b.count FROM rate_limit_bucket b WHERE b.key = ${key} AND b."windowStart" = ${previousStart}), 0) AS previous
        FROM hit`;
      const weight = weigh(limit, row!.current, row!.previous, now);
      // The state before this attempt says how long until a slot frees up.
      const before = weigh(limit, row!.current - 1, row!.previous, now);
      return { reservation: { limit, key, windowStart: start }, count: weight.count, refused: weight.count > limit.max, retryAfterSeconds: before.retryAfterSeconds };
    }),
  );
  const gate: AttemptGate = {
    allowed: results.every((r) => !r.refused),
    blockedBy: results.find((r) => r.refused)?.reservation.limit ?? null,
    retryAfterSeconds: Math.max(0, ...results.filter((r) => r.refused).map((r) => r.retryAfterSeconds)),
    counts: results.map((r) => r.count),
    reservations: results.map((r) => r.reservation),
  };
  if (!gate.allowed) await refundAttempt(prisma, gate);
  return gate;
}

/** Gives back what an attempt reserved (it succeeded, or was not a failure after all). */
export async function refundAttempt(prisma: PrismaClient, gate: AttemptGate) {
  const reservations = gate.reservations.splice(0);
  await Promise.all(
    reservations.map(
      ({ key, windowStart: start }) => prisma.$executeRaw`
        UPDATE rate_limit_bucket SET count = count - 1, "updatedAt" = now() WHERE key = ${key} AND "windowStart" = ${start} AND count > 0`,
    ),
  );
}

export async function clearLimit(prisma: PrismaClient, key: string) {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}

/** How long to hold the next answer after `failures` recent failures (0 below the threshold). */
export function progressiveDelayMs(failures: number): number {
  if (failures < PROGRESSIVE_DELAY.after) return 0;
  return Math.min(PROGRESSIVE_DELAY.maxMs, PROGRESSIVE_DELAY.baseMs * 2 ** (failures - PROGRESSIVE_DELAY.after));
}

/**
 * Drops windows no check looks at any more: each limit's windows older than two of its own
 * windows (the sliding window reads the previous one), and anything else older than a day.
 */
export async function pruneLimits(prisma: PrismaClient, now = Date.now()) {
  const limits = Object.values(LIMITS) as Limit[];
  let pruned = 0;
  for (const limit of limits) {
    const before = new Date(windowStart(limit, now).getTime() - limit.windowSeconds * 1000);
    pruned += (await prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: `${limit.prefix}:` }, windowStart: { lt: before } } })).count;
  }
  const { count } = await prisma.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now - 86_400_000) }, NOT: limits.map((l) => ({ key: { startsWith: `${l.prefix}:` } })) },
  });
  return pruned + count;
}
