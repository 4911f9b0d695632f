import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { generateSecrets } from "@/lib/config/secrets";
import { resetConfigForTests } from "@/lib/config";
import { clearLimit, hitLimit, limitKey, LIMITS, peekLimit, progressiveDelayMs, pruneLimits, refundAttempt, reserveAttempt } from "@/lib/rate-limit";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";

// Rate limits against a real database: the counters themselves, and the promises built on
// them: concurrent guesses cannot overrun a limit (the attempt is counted before the secret is
// checked), guessing from many addresses is bounded per code or account, and a stranger who
// fails on someone's code or email from elsewhere cannot keep them out.

// Counts every password or PIN actually checked (each is an argon2 verification), and every
// authenticator code checked against a member's secret.
const verified = vi.hoisted(() => ({ count: 0, totp: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...original, verifyPassword: (...args: Parameters<typeof original.verifyPassword>) => (verified.count++, original.verifyPassword(...args)) };
});
vi.mock("@/lib/auth/totp", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/totp")>();
  return { ...original, matchTotp: (...args: Parameters<typeof original.matchTotp>) => (verified.totp++, original.matchTotp(...args)) };
});

const HOUR = 3_600_000;
const db = setUpTestDatabase({ connections: 8 });
let owner: Actor;

beforeAll(async () => {
  const practice = await createPractice({ name: "Limits" });
  owner = await createMember({ practice, role: "OWNER", tag: "owner" });
});

beforeEach(async () => {
  await db.prisma.rateLimitBucket.deleteMany({});
  verified.count = 0;
  verified.totp = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

const from = (ip: string) => ({ requestId: null, ip, userAgent: "rate-limit-test" });
const attacker = (i: number) => from(`203.0.113.${i + 1}`);
const HOME = from("198.51.100.7");
const statusOf = (attempt: Promise<unknown>) => attempt.then(() => 200, (error: { status?: number }) => error.status ?? 500);

/** A client with portal access whose one-time PIN is known. */
async function portalClient() {
  const { createClient } = await import("@/lib/clients/create-client");
  const { issuePortalAccess } = await import("@/lib/portal/access");
  const { client } = await createClient(owner, { label: `Limits ${randomBytes(2).toString("hex")}` }, HOME);
  return issuePortalAccess(owner, client.code, HOME);
}

const portal = async (code: string, pin: string, context: ReturnType<typeof from>) => (await import("@/lib/portal/session")).signInToPortal({ code, pin }, context);

describe("the counters", () => {
  it("blocks a key once it reaches the limit, and lets it go as the window slides past", async () => {
    const key = limitKey(LIMITS.signInAccountAddress, "Someone@Example.org");
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    const minute = 60_000;
    for (let i = 1; i <= 5; i++) expect(await hitLimit(db.prisma, LIMITS.signInAccountAddress, key, t0 + i)).toBe(i);
    const blocked = await peekLimit(db.prisma, LIMITS.signInAccountAddress, key, t0 + 10);
    expect(blocked).toMatchObject({ count: 5, blocked: true });
    expect(blocked.retryAfterSeconds).toBe(15 * 60);
    // Just after the window boundary the failures still count: no fresh allowance at :15.
    expect(await peekLimit(db.prisma, LIMITS.signInAccountAddress, key, t0 + 15 * minute + 1)).toMatchObject({ blocked: true });
    expect((await peekLimit(db.prisma, LIMITS.signInAccountAddress, key, t0 + 18 * minute)).blocked).toBe(false);
    expect((await peekLimit(db.prisma, LIMITS.signInAccountAddress, key, t0 + 30 * minute)).count).toBe(0);
  });

  it("counts failures that straddle a window boundary together", async () => {
    const key = limitKey(LIMITS.signInAccountAddress, "straddle@example.org");
    const boundary = Date.UTC(2026, 0, 1, 11, 15, 0);
    for (const at of [-3000, -2000, -1000]) await hitLimit(db.prisma, LIMITS.signInAccountAddress, key, boundary + at);
    for (const at of [1000, 2000]) await hitLimit(db.prisma, LIMITS.signInAccountAddress, key, boundary + at);
    expect((await peekLimit(db.prisma, LIMITS.signInAccountAddress, key, boundary + 3000)).blocked).toBe(true);
  });

  it("counts concurrent hits from many instances exactly", async () => {
    const key = limitKey(LIMITS.signInIp, "203.0.113.9");
    const counts = await Promise.all(Array.from({ length: 40 }, () => hitLimit(db.prisma, LIMITS.signInIp, key)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await peekLimit(db.prisma, LIMITS.signInIp, key)).blocked).toBe(true);
    await clearLimit(db.prisma, key);
    expect((await peekLimit(db.prisma, LIMITS.signInIp, key)).count).toBe(0);
  });

  it("keys do not store what was typed, and treat case and spaces alike", () => {
    const key = limitKey(LIMITS.signInAccountAddress, "  Someone@Example.org ");
    expect(key).not.toContain("example");
    expect(key).toBe(limitKey(LIMITS.signInAccountAddress, "someone@example.org"));
  });

  it("keys are keyed hashes: a key cannot be recomputed from a guessed address or code without the app's secret", () => {
    const guess = (subject: string) => `${LIMITS.portalCodeAddress.prefix}:${createHash("sha256").update(subject).digest("base64url").slice(0, 32)}`;
    const key = limitKey(LIMITS.portalCodeAddress, "k7q4mx2pb9xe|203.0.113.9");
    expect(key).not.toBe(guess("k7q4mx2pb9xe|203.0.113.9"));
    // Another deployment (another ACCOUNT_SECRETS_KEY) gets other keys for the same subject.
    const before = process.env.ACCOUNT_SECRETS_KEY;
    try {
      process.env.ACCOUNT_SECRETS_KEY = generateSecrets().ACCOUNT_SECRETS_KEY;
      resetConfigForTests();
      expect(limitKey(LIMITS.portalCodeAddress, "k7q4mx2pb9xe|203.0.113.9")).not.toBe(key);
    } finally {
      process.env.ACCOUNT_SECRETS_KEY = before;
      resetConfigForTests();
    }
    expect(limitKey(LIMITS.portalCodeAddress, "k7q4mx2pb9xe|203.0.113.9")).toBe(key);
  });

  it("slows answers progressively after a few failures, up to a ceiling", () => {
    expect([1, 2, 3, 4, 5, 9].map(progressiveDelayMs)).toEqual([0, 0, 500, 1000, 2000, 8000]);
  });

  it("prunes windows older than a day", async () => {
    const key = limitKey(LIMITS.signInIp, "198.51.100.1");
    await hitLimit(db.prisma, LIMITS.signInIp, key, Date.now() - 3 * 86_400_000);
    expect(await pruneLimits(db.prisma)).toBeGreaterThanOrEqual(1);
  });

  it("keeps an address's sign-in memory for its own window when pruning", async () => {
    const known = limitKey(LIMITS.portalKnownAddress, "CODE\n198.51.100.7");
    await hitLimit(db.prisma, LIMITS.portalKnownAddress, known, Date.now() - 10 * 86_400_000);
    await pruneLimits(db.prisma);
    expect((await peekLimit(db.prisma, LIMITS.portalKnownAddress, known)).count).toBe(1);
  });

  it("lets exactly the limit through when many attempts reserve at once, and refunds the refused", async () => {
    const key = limitKey(LIMITS.portalCodeAddress, "reserve-race");
    const gates = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(db.prisma, [{ limit: LIMITS.portalCodeAddress, key }])));
    expect(gates.filter((g) => g.allowed)).toHaveLength(LIMITS.portalCodeAddress.max);
    expect(gates.find((g) => !g.allowed)?.retryAfterSeconds).toBeGreaterThan(0);
    // The refused gave their reservations back: the counter holds the five attempts let through.
    expect((await peekLimit(db.prisma, LIMITS.portalCodeAddress, key)).count).toBe(LIMITS.portalCodeAddress.max);
    await refundAttempt(db.prisma, gates.find((g) => g.allowed)!);
    expect((await peekLimit(db.prisma, LIMITS.portalCodeAddress, key)).count).toBe(LIMITS.portalCodeAddress.max - 1);
  });
});

describe("portal sign-in", () => {
  it("checks at most the limit's worth of PINs when 40 wrong ones arrive at once", async () => {
    const { code } = await portalClient();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => statusOf(portal(code, `0000${String(i).padStart(4, "0")}`, attacker(0)))));
    // Five: the per-code-and-address limit (LIMITS.portalCodeAddress); before this fix all 40 were checked.
    expect(verified.count).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 400)).toHaveLength(verified.count);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - verified.count);
  });

  it("bounds guessing one code from many addresses to the per-code ceiling an hour", async () => {
    const { code } = await portalClient();
    const statuses: number[] = [];
    // One wrong PIN from each of 60 addresses, each well under its own per-address limit.
    for (let i = 0; i < 60; i++) statuses.push(await statusOf(portal(code, "00000000", attacker(i))));
    expect(verified.count).toBe(LIMITS.portalCode.max);
    expect(LIMITS.portalCode).toMatchObject({ max: 10, windowSeconds: 3600 });
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - LIMITS.portalCode.max);
  });

  it("lets the client in from their known address while strangers fail on their code, and from a new one within two hours", async () => {
    const { code, pin } = await portalClient();
    await portal(code, pin, HOME);
    for (let i = 0; i < 40; i++) await statusOf(portal(code, "00000000", attacker(i)));
    // The code is paused for everyone else: a new address meets the ceiling...
    await expect(portal(code, pin, from("192.0.2.50"))).rejects.toMatchObject({ status: 429 });
    // ...but the client's own address does not, and their right PIN works at once.
    await expect(portal(code, pin, HOME)).resolves.toMatchObject({ token: expect.any(String) });
    // Once the strangers stop, the ceiling has faded within two of its windows.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * HOUR);
    await expect(portal(code, pin, from("192.0.2.50"))).resolves.toMatchObject({ token: expect.any(String) });
  });

  it("still pauses the client's own address after its own failures", async () => {
    const { code, pin } = await portalClient();
    await portal(code, pin, HOME);
    for (let i = 0; i < LIMITS.portalCodeAddress.max; i++) await expect(portal(code, "00000000", HOME)).rejects.toMatchObject({ status: 400 });
    await expect(portal(code, pin, HOME)).rejects.toMatchObject({ status: 429 });
  });
});

describe("staff sign-in", () => {
  const PASSWORD = "correct horse battery staple 42";
  async function therapist() {
    const { hashPassword } = await import("@/lib/auth/password");
    const practice = await createPractice();
    const member = await createMember({ practice, role: "THERAPIST", tag: "therapist" });
    await db.prisma.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword(PASSWORD) } });
    return member.email;
  }
  const signIn = async (email: string, password: string, context: ReturnType<typeof from>) => (await import("@/lib/auth/sign-in")).signInWithPassword({ email, password }, context);

  it("checks at most the limit's worth of passwords when 40 wrong ones arrive at once", async () => {
    const email = await therapist();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(email, `wrong ${i}`, attacker(0))));
    // Five: the per-email-and-address limit (LIMITS.signInAccountAddress).
    expect(verified.count).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(verified.count);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(40 - verified.count);
  });

  it("bounds guessing from many addresses, and lets the member in from their known address meanwhile", async () => {
    const email = await therapist();
    expect(await signIn(email, PASSWORD, HOME)).toMatchObject({ ok: true });
    verified.count = 0;
    for (let i = 0; i < 40; i++) await signIn(email, "wrong", attacker(i));
    expect(verified.count).toBe(LIMITS.signInAccount.max);
    expect(await signIn(email, PASSWORD, from("192.0.2.60"))).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn(email, PASSWORD, HOME)).toMatchObject({ ok: true });
  });
});

describe("the second step", () => {
  it("checks at most the limit's worth of authenticator codes when 40 wrong ones arrive at once", async () => {
    const { encrypt } = await import("@/lib/crypto/aead");
    const { newTotpSecret, totpAad } = await import("@/lib/auth/totp");
    const { config } = await import("@/lib/config");
    const practice = await createPractice({ name: "Second step" });
    const member = await createMember({ practice, role: "THERAPIST", tag: "totp" });
    const totpSecretEnc = new Uint8Array(encrypt(config().ACCOUNT_SECRETS_KEY, newTotpSecret(), totpAad(member.userId)));
    await db.prisma.user.update({ where: { id: member.userId }, data: { totpEnabledAt: new Date(), totpSecretEnc } });
    // A session that passed the password and owes its second step.
    const pending = await openTestSession(member.userId, member.membershipId);
    const { verifySecondFactor } = await import("@/lib/auth/two-factor");
    const codes = Array.from({ length: 40 }, (_, i) => String(100_000 + i * 7_919));
    const statuses = await Promise.all(codes.map((code) => statusOf(verifySecondFactor(pending.id, { code }, attacker(0)))));
    // Five: LIMITS.secondFactor, per account.
    expect(verified.totp).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - verified.totp);
  });
});
