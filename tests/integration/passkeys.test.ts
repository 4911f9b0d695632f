import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createPrismaClient } from "@/lib/db/prisma";
import { LIMITS } from "@/lib/rate-limit";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";
import { createSoftAuthenticator, type SoftPasskey } from "../support/soft-authenticator";

// Passkeys end to end on the server, with a software authenticator producing real signatures:
// registration, sign-in with a passkey alone, the second step, and every way an answer must fail.

const context = { requestId: null, ip: "198.51.100.23", userAgent: "passkeys-test" };
const authenticator = createSoftAuthenticator({ rpId: "localhost", origin: "http://localhost:3000" });
const db = setUpTestDatabase();
let superuser: ReturnType<typeof createPrismaClient>;
let alice: Actor;
let bob: Actor;

const passkeys = () => import("@/lib/auth/passkeys/register");
const auth = () => import("@/lib/auth/passkeys/authenticate");
const signIn = () => import("@/lib/auth/passkeys/sign-in");
const manage = () => import("@/lib/auth/passkeys/manage");

/** A therapist signed in as `${label}@passkeys.test`, in `practiceId` or a practice of their own. */
async function makeMember(label: string, practiceId?: string): Promise<Actor> {
  return createMember({ practice: practiceId ?? (await createPractice()), email: `${label}@passkeys.test`, displayName: `Member ${label}` });
}

/** Registers a passkey for `actor` through the real options and verification. */
async function addPasskey(actor: Actor, name = "Laptop"): Promise<SoftPasskey & { id: string }> {
  const { startPasskeyRegistration, registerPasskey } = await passkeys();
  const options = await startPasskeyRegistration(actor);
  const { passkey, response } = authenticator.register(options);
  const { id } = await registerPasskey(actor, { name, response }, context);
  return Object.assign(passkey, { id });
}

const signInOptions = async () => (await auth()).startPasskeyAuthentication(null, context);
const lastEvent = (action: string) => db.prisma.auditEvent.findFirst({ where: { action }, orderBy: { id: "desc" } });
const expireChallenges = () => superuser.$executeRaw`UPDATE webauthn_challenge SET "expiresAt" = now() - interval '1 second'`;

beforeAll(async () => {
  superuser = createPrismaClient(db.database.superuserUrl, 1);
  alice = await makeMember("alice");
  bob = await makeMember("bob");
});

beforeEach(async () => {
  await db.prisma.rateLimitBucket.deleteMany({});
});

afterAll(async () => {
  await superuser?.$disconnect();
});

describe("registering passkeys", () => {
  it("asks for a discoverable passkey with user verification, excluding ones already added", async () => {
    const first = await addPasskey(alice, "Work laptop");
    const options = await (await passkeys()).startPasskeyRegistration(alice);
    expect(options.rp).toEqual({ name: "Confide", id: "localhost" });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([first.credentialId.toString("base64url")]);
  });

  it("keeps several per account, audits each, and counts as this session's second factor", async () => {
    const carol = await makeMember("carol");
    await addPasskey(carol, "Phone");
    await addPasskey(carol, "Desk key");
    const listed = await (await manage()).listOwnPasskeys(carol);
    expect(listed.map((p) => p.name)).toEqual(["Phone", "Desk key"]);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: carol.sessionId } })).mfaVerifiedAt).not.toBeNull();
    const event = await lastEvent("auth.passkey.registered");
    expect(event).toMatchObject({ actorId: carol.userId, targetType: "passkey", targetId: listed[1]!.id, outcome: "SUCCESS" });
    expect(JSON.stringify(event!.details)).not.toContain("Desk key");
  });

  it("uses a registration challenge once only", async () => {
    const { startPasskeyRegistration, registerPasskey } = await passkeys();
    const { response } = authenticator.register(await startPasskeyRegistration(alice));
    await registerPasskey(alice, { name: "Once", response }, context);
    await expect(registerPasskey(alice, { name: "Twice", response }, context)).rejects.toMatchObject({ code: "challenge_expired", status: 400 });
  });

  it("refuses an expired registration challenge", async () => {
    const { startPasskeyRegistration, registerPasskey } = await passkeys();
    const { response } = authenticator.register(await startPasskeyRegistration(alice));
    await expireChallenges();
    await expect(registerPasskey(alice, { name: "Late", response }, context)).rejects.toMatchObject({ code: "challenge_expired" });
  });

  it("refuses a challenge issued to another member", async () => {
    const { startPasskeyRegistration, registerPasskey } = await passkeys();
    const { response } = authenticator.register(await startPasskeyRegistration(alice));
    await expect(registerPasskey(bob, { name: "Stolen", response }, context)).rejects.toMatchObject({ code: "challenge_expired" });
    expect(await db.prisma.passkey.count({ where: { userId: bob.userId } })).toBe(0);
  });

  it("refuses an answer made for another website, or without user verification", async () => {
    const { startPasskeyRegistration, registerPasskey } = await passkeys();
    const phished = authenticator.register(await startPasskeyRegistration(bob), { origin: "https://confide.example.evil" });
    await expect(registerPasskey(bob, { name: "Phished", response: phished.response }, context)).rejects.toMatchObject({ code: "passkey_not_verified" });
    const unverified = authenticator.register(await startPasskeyRegistration(bob), { userVerified: false });
    await expect(registerPasskey(bob, { name: "No PIN", response: unverified.response }, context)).rejects.toMatchObject({ code: "passkey_not_verified" });
  });

  it("needs a name of at most 60 characters", async () => {
    const { startPasskeyRegistration, registerPasskey } = await passkeys();
    const { response } = authenticator.register(await startPasskeyRegistration(bob));
    await expect(registerPasskey(bob, { name: "  ", response }, context)).rejects.toThrow(/Give the passkey a name/);
    await expect(registerPasskey(bob, { name: "x".repeat(61), response }, context)).rejects.toThrow(/at most 60/);
  });
});

describe("signing in with a passkey alone", () => {
  it("opens a session with both factors, saves the counter and last use, and audits it", async () => {
    const dave = await makeMember("dave");
    const key = await addPasskey(dave);
    const result = await (await signIn()).signInWithPasskey(authenticator.authenticate(key, await signInOptions()), context);
    expect(result).toMatchObject({ ok: true, userId: dave.userId });
    const session = await db.prisma.session.findUniqueOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session).toMatchObject({ userId: dave.userId, membershipId: dave.membershipId });
    expect(session.mfaVerifiedAt).not.toBeNull();
    expect(session.stepUpAt).not.toBeNull(); // a passkey is a full re-authentication
    const stored = await db.prisma.passkey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.counter).toBe(1n);
    expect(stored.lastUsedAt).not.toBeNull();
    expect(await lastEvent("auth.passkey.signin_succeeded")).toMatchObject({ actorId: dave.userId, practiceId: dave.practiceId, targetId: session.id });
  });

  it("uses an authentication challenge once only: a replayed answer is refused", async () => {
    const key = await addPasskey(alice, "Replay");
    const answer = authenticator.authenticate(key, await signInOptions());
    expect((await (await signIn()).signInWithPasskey(answer, context)).ok).toBe(true);
    expect(await (await signIn()).signInWithPasskey(answer, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await lastEvent("auth.passkey.signin_failed")).toMatchObject({ outcome: "FAILED", practiceId: alice.practiceId, targetId: key.id });
    expect((await lastEvent("auth.passkey.signin_failed"))!.details).toMatchObject({ reason: "challenge_invalid" });
  });

  it("refuses an expired challenge", async () => {
    const key = await addPasskey(alice, "Slow");
    const options = await signInOptions();
    await expireChallenges();
    const result = await (await auth()).verifyPasskeyAssertion(authenticator.authenticate(key, options), null);
    expect(result).toMatchObject({ ok: false, reason: "challenge_invalid" });
  });

  it("refuses a signature counter that does not advance, but allows authenticators that keep none", async () => {
    const { verifyPasskeyAssertion } = await auth();
    const key = await addPasskey(alice, "Counter");
    expect(await verifyPasskeyAssertion(authenticator.authenticate(key, await signInOptions(), { counter: 5 }), null)).toMatchObject({ ok: true });
    expect(await verifyPasskeyAssertion(authenticator.authenticate(key, await signInOptions(), { counter: 5 }), null)).toMatchObject({ ok: false, reason: "counter_replayed" });
    expect(await verifyPasskeyAssertion(authenticator.authenticate(key, await signInOptions(), { counter: 3 }), null)).toMatchObject({ ok: false, reason: "counter_replayed" });
    expect((await db.prisma.passkey.findUniqueOrThrow({ where: { id: key.id } })).counter).toBe(5n);

    const counterless = await addPasskey(alice, "No counter");
    for (let i = 0; i < 2; i++) {
      expect(await verifyPasskeyAssertion(authenticator.authenticate(counterless, await signInOptions(), { counter: 0 }), null)).toMatchObject({ ok: true });
    }
  });

  it("refuses a passkey whose user handle names someone else", async () => {
    const key = await addPasskey(alice, "Handle");
    const bobHandle = Buffer.from(bob.userId).toString("base64url");
    const result = await (await auth()).verifyPasskeyAssertion(authenticator.authenticate(key, await signInOptions(), { userHandle: bobHandle }), null);
    expect(result).toMatchObject({ ok: false, reason: "wrong_user" });
  });

  it("refuses a removed passkey, and a removed member's passkey", async () => {
    const erin = await makeMember("erin");
    const key = await addPasskey(erin);
    await (await manage()).removeOwnPasskey(erin, key.id, context);
    const gone = await (await auth()).verifyPasskeyAssertion(authenticator.authenticate(key, await signInOptions()), null);
    expect(gone).toMatchObject({ ok: false, reason: "unknown_passkey" });

    const frank = await makeMember("frank");
    const frankKey = await addPasskey(frank);
    await db.prisma.membership.update({ where: { id: frank.membershipId }, data: { removedAt: new Date() } });
    expect(await (await signIn()).signInWithPasskey(authenticator.authenticate(frankKey, await signInOptions()), context)).toEqual({ ok: false, reason: "invalid" });
    expect((await lastEvent("auth.passkey.signin_failed"))!.details).toMatchObject({ reason: "no_practice" });
  });

  it("refuses anything that is not a WebAuthn answer", async () => {
    expect(await (await signIn()).signInWithPasskey({ id: "nope" }, context)).toEqual({ ok: false, reason: "invalid" });
    expect(await (await signIn()).signInWithPasskey(null, context)).toEqual({ ok: false, reason: "invalid" });
  });

  it("pauses passkey sign-in from an IP after too many failures, like password sign-in", async () => {
    const { signInWithPasskey } = await signIn();
    const busy = { ...context, ip: "203.0.113.99" };
    for (let i = 0; i < LIMITS.signInIp.max; i++) await signInWithPasskey({ bogus: i }, busy);
    const key = await addPasskey(alice, "Locked out");
    const result = await signInWithPasskey(authenticator.authenticate(key, await signInOptions()), busy);
    expect(result).toMatchObject({ ok: false, reason: "locked" });
    expect(await lastEvent("auth.signin.locked")).toMatchObject({ outcome: "DENIED", practiceId: null });
  });
});

describe("a passkey as the second step after a password", () => {
  async function pendingSession(actor: Actor) {
    return openTestSession(actor.userId, actor.membershipId);
  }

  it("rotates the session once the member's own passkey answers a challenge bound to them", async () => {
    const gina = await makeMember("gina");
    const key = await addPasskey(gina);
    const pending = await pendingSession(gina);
    const { startPasskeySecondFactor, verifyPasskeySecondFactor } = await signIn();
    const options = await startPasskeySecondFactor(pending.id, context);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.credentialId.toString("base64url")]);
    const fresh = await verifyPasskeySecondFactor(pending.id, authenticator.authenticate(key, options), context);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).not.toBeNull();
    expect(await db.prisma.session.findUniqueOrThrow({ where: { id: fresh.sessionId } })).toMatchObject({ mfaVerifiedAt: expect.any(Date), stepUpAt: expect.any(Date) });
    expect((await lastEvent("auth.mfa.succeeded"))!.details).toMatchObject({ method: "passkey", passkeyId: key.id });
  });

  it("refuses another member's passkey, even one that signs this member's challenge", async () => {
    const hana = await makeMember("hana");
    await addPasskey(hana);
    const intruderKey = await addPasskey(bob, "Bob's key");
    const pending = await pendingSession(hana);
    const { startPasskeySecondFactor, verifyPasskeySecondFactor } = await signIn();
    const options = await startPasskeySecondFactor(pending.id, context);
    await expect(verifyPasskeySecondFactor(pending.id, authenticator.authenticate(intruderKey, options), context)).rejects.toMatchObject({ code: "passkey_refused" });
    expect((await lastEvent("auth.mfa.failed"))!.details).toMatchObject({ method: "passkey", reason: "wrong_user" });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: pending.id } })).mfaVerifiedAt).toBeNull();
  });

  it("does not accept a sign-in challenge (unbound) for the second step", async () => {
    const ivy = await makeMember("ivy");
    const key = await addPasskey(ivy);
    const pending = await pendingSession(ivy);
    const { verifyPasskeySecondFactor } = await signIn();
    await expect(verifyPasskeySecondFactor(pending.id, authenticator.authenticate(key, await signInOptions()), context)).rejects.toMatchObject({ code: "passkey_refused" });
    expect((await lastEvent("auth.mfa.failed"))!.details).toMatchObject({ reason: "challenge_invalid" });
  });
});

describe("managing passkeys", () => {
  it("renames and removes one's own passkeys, auditing without the name", async () => {
    const jo = await makeMember("jo");
    const key = await addPasskey(jo, "Old name");
    const { renameOwnPasskey, removeOwnPasskey, listOwnPasskeys } = await manage();
    await renameOwnPasskey(jo, key.id, { name: "  New name " }, context);
    expect((await listOwnPasskeys(jo)).map((p) => p.name)).toEqual(["New name"]);
    const renamed = await lastEvent("auth.passkey.renamed");
    expect(renamed).toMatchObject({ actorId: jo.userId, targetId: key.id });
    expect(JSON.stringify(renamed!.details)).not.toContain("name");
    await expect(removeOwnPasskey({ ...jo, stepUpAt: new Date(Date.now() - 6 * 60_000) }, key.id, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    expect(await listOwnPasskeys(jo)).toHaveLength(1);
    await removeOwnPasskey(jo, key.id, context);
    expect(await listOwnPasskeys(jo)).toEqual([]);
    expect(await lastEvent("auth.passkey.removed")).toMatchObject({ actorId: jo.userId, targetId: key.id });
  });

  it("cannot rename or remove another member's passkey", async () => {
    const key = await addPasskey(alice, "Alice's");
    const { renameOwnPasskey, removeOwnPasskey } = await manage();
    await expect(renameOwnPasskey(bob, key.id, { name: "Mine now" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(removeOwnPasskey(bob, key.id, context)).rejects.toMatchObject({ status: 404 });
    expect(await db.prisma.passkey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ name: "Alice's", userId: alice.userId });
  });
});
