import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPractice, createUser, openTestSession, setUpTestDatabase } from "../support/factory";

// Platform administration: who counts as an operator (and signs in with no practice), what an
// operator may see (counts and practice metadata only), and what suspending a practice does to
// its members' sessions and sign-ins.

let cookie: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (cookie ? { value: cookie } : undefined) }),
  headers: async () => new Headers({ "user-agent": "platform-test", "x-forwarded-for": "198.51.100.40" }),
}));

const context = { requestId: null, ip: "198.51.100.40", userAgent: "platform-test" };
const PASSWORD = "platform-test-password-long";
const db = setUpTestDatabase();
let passwordHash: string;

const current = () => import("@/lib/entry/caller");
const access = () => import("@/lib/entry/caller");
const practices = () => import("@/lib/platform/practices");
const suspension = () => import("@/lib/platform/suspension");
const signIn = () => import("@/lib/auth/sign-in");

async function makeUser(email: string, opts: { secondFactor?: boolean } = {}) {
  return createUser({ email, displayName: `Person ${email}`, passwordHash, totp: opts.secondFactor });
}

const randomCodeTail = () => Array.from(randomBytes(4), (b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("");

async function makePractice(name: string) {
  const practice = await createPractice({ name, requireTwoFactor: false, twoFactorRelaxedReason: "platform test" });
  const owner = await makeUser(`owner@${name}.test`);
  const membership = await db.prisma.membership.create({ data: { practiceId: practice.id, userId: owner.id, role: "OWNER" } });
  await db.prisma.client.create({ data: { practiceId: practice.id, code: `K7Q4MX2P${randomCodeTail()}`, label: `Label of ${name}` } });
  return { practice, owner, membership };
}

/** A live session row, and the cookie that names it (as next-auth would set it). */
async function browserFor(userId: string, membershipId: string | null, opts: { mfa?: boolean; stepUp?: boolean } = {}) {
  const session = await openTestSession(userId, membershipId, opts);
  cookie = await encode({ token: { sid: session.id }, secret: process.env.AUTH_SECRET! });
  return session;
}

/** What a request with the current cookie sees: React's cache is per request, so re-import fresh. */
async function asRequest<T>(fn: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return fn();
}

const operatorEmail = "op@platform.test";
const memberOperatorEmail = "both@platform.test";

beforeAll(async () => {
  process.env.PLATFORM_ADMIN_EMAILS = ` ${operatorEmail.toUpperCase()}, ${memberOperatorEmail} `;
  passwordHash = await hashPassword(PASSWORD);
});

beforeEach(async () => {
  cookie = undefined;
  await db.prisma.rateLimitBucket.deleteMany({});
});

describe("who is an operator", () => {
  it("signs an operator with no practice in to a session with no practice, once the second factor is passed", async () => {
    const operator = await makeUser(operatorEmail, { secondFactor: true });
    const result = await (await signIn()).signInWithPassword({ email: operatorEmail, password: PASSWORD }, context);
    expect(result.ok).toBe(true);
    const session = await db.prisma.session.findUniqueOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session).toMatchObject({ userId: operator.id, membershipId: null, mfaVerifiedAt: null, stepUpAt: null });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signin.succeeded", actorId: operator.id } });
    expect(event).toMatchObject({ chainId: "platform", practiceId: null, actorRole: "OPERATOR" });

    // Password alone: the second factor is still owed, so nothing platform-wide is reachable.
    cookie = await encode({ token: { sid: session.id }, secret: process.env.AUTH_SECRET! });
    expect(await asRequest(async () => (await (await current()).sessionState()).kind)).toBe("second-factor");
    await db.prisma.session.update({ where: { id: session.id }, data: { mfaVerifiedAt: new Date() } });
    const state = await asRequest(async () => (await current()).sessionState());
    expect(state).toMatchObject({ kind: "operator", operator: { userId: operator.id, practiceId: null, role: "OPERATOR" } });
    const gate = await asRequest(async () => (await access()).requireOperator());
    expect(gate).toMatchObject({ userId: operator.id, practiceId: null });
  });

  it("refuses an operator with no practice and no second factor, and anyone else with no practice", async () => {
    await db.prisma.user.update({ where: { email: operatorEmail }, data: { totpEnabledAt: null } });
    await makeUser("nobody@platform.test");
    for (const email of [operatorEmail, "nobody@platform.test"]) {
      expect(await (await signIn()).signInWithPassword({ email, password: PASSWORD }, context)).toEqual({ ok: false, reason: "invalid" });
    }
    await db.prisma.user.update({ where: { email: operatorEmail }, data: { totpEnabledAt: new Date() } });
  });

  it("lets a member who is also an operator act as one, on the platform chain, but only with a second factor", async () => {
    const { practice } = await makePractice("dual");
    const both = await makeUser(memberOperatorEmail);
    const membership = await db.prisma.membership.create({ data: { practiceId: practice.id, userId: both.id, role: "THERAPIST" } });
    await browserFor(both.id, membership.id);
    expect(await asRequest(async () => (await current()).sessionState())).toMatchObject({ kind: "member", platform: "needs-second-factor" });
    await expect(asRequest(async () => (await access()).requireOperator())).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "platform.access_denied", actorId: both.id } })).toMatchObject({
      chainId: "platform",
      details: { reason: "no_second_factor" },
    });

    await db.prisma.user.update({ where: { id: both.id }, data: { totpEnabledAt: new Date() } });
    await browserFor(both.id, membership.id, { mfa: true });
    const operator = await asRequest(async () => (await access()).requireOperator());
    expect(operator).toMatchObject({ userId: both.id, practiceId: null, role: "OPERATOR" });
  });

  it("gives anyone else a recorded 404, and sends the signed-out to sign in", async () => {
    const { owner, membership } = await makePractice("plain");
    await browserFor(owner.id, membership.id);
    await expect(asRequest(async () => (await access()).requireOperator())).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "platform.access_denied", actorId: owner.id } })).toMatchObject({
      chainId: "platform",
      outcome: "DENIED",
      details: { reason: "not_operator" },
    });
    cookie = undefined;
    await expect(asRequest(async () => (await access()).requireOperator())).rejects.toThrow(/NEXT_REDIRECT/);
  });
});

describe("what an operator sees", () => {
  it("lists practices with counts and metadata only: no member, client, note or audit detail", async () => {
    const { practice } = await makePractice("listed");
    const operator = await db.prisma.user.findUniqueOrThrow({ where: { email: operatorEmail } });
    await browserFor(operator.id, null, { mfa: true });
    const gate = await asRequest(async () => (await access()).requireOperator());
    const result = await (await practices()).listPractices(gate, {}, context);

    const row = result.practices.find((p) => p.id === practice.id)!;
    expect(Object.keys(row).sort()).toEqual(["clients", "createdAt", "id", "lastActivityAt", "members", "name", "suspendedAt", "suspendedReason"]);
    expect(row).toMatchObject({ name: "listed", members: 1, clients: 1, suspendedAt: null });
    expect(result.counts).toMatchObject({ practices: await db.prisma.practice.count(), clients: await db.prisma.client.count(), notes: 0 });
    // Counted from the chain heads before the listing recorded itself.
    expect(result.counts.auditEvents).toBe((await db.prisma.auditEvent.count()) - 1);
    const shown = JSON.stringify(result);
    for (const secret of ["owner@", "Person ", "Label of", "K7Q4MX2P"]) expect(shown).not.toContain(secret);

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "platform.practices_listed" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ chainId: "platform", practiceId: null, actorId: operator.id, actorRole: "OPERATOR" });
  });
});

describe("suspending a practice", () => {
  it("needs a step-up, ends every member session at once, and refuses their sign-in generically", async () => {
    const { practice, owner, membership } = await makePractice("suspended");
    const live = await browserFor(owner.id, membership.id);
    const operatorUser = await db.prisma.user.findUniqueOrThrow({ where: { email: operatorEmail } });
    await browserFor(operatorUser.id, null, { mfa: true });
    const operator = await asRequest(async () => (await access()).requireOperator());
    const { suspendPractice, reactivatePractice } = await suspension();

    await expect(suspendPractice(operator, { practiceId: practice.id, reason: "SECURITY" }, context)).rejects.toMatchObject({ status: 403 });
    expect((await db.prisma.practice.findUniqueOrThrow({ where: { id: practice.id } })).suspendedAt).toBeNull();

    const steppedUp = { ...operator, stepUpAt: new Date() };
    await expect(suspendPractice(steppedUp, { practiceId: practice.id, reason: "OTHER" }, context)).rejects.toThrow(/note/);
    const { sessionsEnded } = await suspendPractice(steppedUp, { practiceId: practice.id, reason: "SECURITY", note: "Reported by the owner" }, context);
    expect(sessionsEnded).toBe(1);
    expect(await db.prisma.practice.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ suspendedReason: "SECURITY", suspendedNote: "Reported by the owner" });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: live.id } })).revokedAt).not.toBeNull();
    await expect(suspendPractice(steppedUp, { practiceId: practice.id, reason: "SECURITY" }, context)).rejects.toMatchObject({ status: 409 });

    // Even a session that escaped the sweep (or is opened later) is refused on its next request.
    const late = await openTestSession(owner.id, membership.id);
    const { loadActiveSession } = await import("@/lib/auth/sessions");
    expect(await loadActiveSession(late.id)).toBeNull();

    // Right password: a generic refusal; wrong password: the usual one (suspension is not revealed).
    const { signInWithPassword } = await signIn();
    expect(await signInWithPassword({ email: owner.email, password: PASSWORD }, context)).toEqual({ ok: false, reason: "unavailable" });
    expect(await signInWithPassword({ email: owner.email, password: "not-the-password" }, context)).toEqual({ ok: false, reason: "invalid" });
    const refusal = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signin.failed", actorId: owner.id, outcome: "DENIED" } });
    expect(refusal).toMatchObject({ practiceId: practice.id, details: { reason: "practice_suspended" } });

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "platform.practice_suspended", targetId: practice.id } });
    expect(event).toMatchObject({ chainId: "platform", practiceId: null, targetType: "practice", details: { reason: "security", sessionsEnded: 1 } });
    expect(JSON.stringify(event.details)).not.toContain("Reported");

    await expect(reactivatePractice(operator, practice.id, context)).rejects.toMatchObject({ status: 403 });
    await reactivatePractice(steppedUp, practice.id, context);
    expect(await db.prisma.practice.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ suspendedAt: null, suspendedReason: null, suspendedNote: null });
    expect((await signInWithPassword({ email: owner.email, password: PASSWORD }, context)).ok).toBe(true);
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "platform.practice_reactivated", targetId: practice.id } })).toMatchObject({ chainId: "platform" });
    await expect(reactivatePractice(steppedUp, practice.id, context)).rejects.toMatchObject({ status: 409 });
  });

  it("lands a member of a suspended practice in their other practice, and an operator on the platform", async () => {
    const { practice: first, membership } = await makePractice("first");
    const { practice: second } = await makePractice("second");
    const operatorUser = await db.prisma.user.findUniqueOrThrow({ where: { email: operatorEmail } });
    const operator = { sessionId: "x", userId: operatorUser.id, displayName: "op", practiceId: null, role: "OPERATOR" as const, stepUpAt: new Date() };
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { id: membership.userId } });
    const other = await db.prisma.membership.create({ data: { practiceId: second.id, userId: owner.id, role: "THERAPIST" } });
    await (await suspension()).suspendPractice(operator, { practiceId: first.id, reason: "BILLING" }, context);
    const result = await (await signIn()).signInWithPassword({ email: owner.email, password: PASSWORD }, context);
    const session = await db.prisma.session.findUniqueOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session.membershipId).toBe(other.id);
  });

  it("refuses an unknown practice with a 404 and changes nothing", async () => {
    const operator = { sessionId: "x", userId: "u", displayName: "op", practiceId: null, role: "OPERATOR" as const, stepUpAt: new Date() };
    const { suspendPractice } = await suspension();
    await expect(suspendPractice(operator, { practiceId: "00000000-0000-4000-8000-000000000000", reason: "ABUSE" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(suspendPractice(operator, { practiceId: "not-a-uuid", reason: "ABUSE" }, context)).rejects.toThrow();
  });

  it("keeps the audit trail verifiable", async () => {
    const { verifyAuditTrail } = await import("@/lib/audit/verify");
    const result = await verifyAuditTrail(db.database.appUrl);
    expect(result.ok).toBe(true);
  });
});
