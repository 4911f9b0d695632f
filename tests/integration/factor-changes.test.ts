import { generate } from "otplib";
import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { OutgoingEmail } from "@/lib/email/transport";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";
import { createSoftAuthenticator } from "../support/soft-authenticator";
import { sql } from "../support/sql";

// Adding a sign-in factor needs the same fresh confirmation as removing one (issue 12, item 4),
// on the server for every path; every change is emailed to the member and listed on their
// Security page. And an owner's 2FA reset cannot reach a member's sign-in in another practice
// (issue 12, item 12). The transport is replaced by a recording fake.

const outbox: OutgoingEmail[] = [];
vi.mock("@/lib/email/transport", () => ({
  sendEmail: async (email: OutgoingEmail) => {
    outbox.push(email);
  },
}));

const MAC_CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
const context = { requestId: null, ip: "198.51.100.41", userAgent: MAC_CHROME };
const authenticator = createSoftAuthenticator({ rpId: "localhost", origin: "http://localhost:3000" });
const SIX_MINUTES_AGO = () => new Date(Date.now() - 6 * 60_000);
const db = setUpTestDatabase();
let practiceId: string;

const register = () => import("@/lib/auth/passkeys/register");
const twoFactor = () => import("@/lib/auth/two-factor");
const stale = (actor: Actor): Actor => ({ ...actor, stepUpAt: SIX_MINUTES_AGO() });
const stepUpRefusal = { status: 403, code: "step_up_required" };

async function newPractice(name: string) {
  return createPractice({ name, requireTwoFactor: true });
}

/** Turns on TOTP for `actor` through the real enrolment; returns the seed. */
async function enrolTotp(actor: Actor): Promise<string> {
  const { confirmTotpEnrolment, startTotpEnrolment } = await twoFactor();
  const { secret } = await startTotpEnrolment(actor);
  await confirmTotpEnrolment(actor, { code: await generate({ secret }) }, context);
  return secret;
}

async function addPasskey(actor: Actor, name = "Laptop") {
  const { registerPasskey, startPasskeyRegistration } = await register();
  const { response } = authenticator.register(await startPasskeyRegistration(actor));
  return registerPasskey(actor, { name, response }, context);
}

beforeAll(async () => {
  practiceId = (await newPractice("Factor Practice")).id;
});

beforeEach(() => {
  outbox.length = 0;
});

describe("a new sign-in factor needs a fresh step-up", () => {
  it("refuses passkey registration options to a session whose step-up is six minutes old, and issues no challenge", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "stale-options" });
    const { startPasskeyRegistration } = await register();
    await expect(startPasskeyRegistration(stale(member))).rejects.toMatchObject(stepUpRefusal);
    await expect(startPasskeyRegistration({ ...member, stepUpAt: null })).rejects.toMatchObject(stepUpRefusal);
    expect(await db.prisma.webAuthnChallenge.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("refuses to store a passkey once the step-up has lapsed, even with a valid answer to a challenge issued in time", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "stale-verify" });
    const { registerPasskey, startPasskeyRegistration } = await register();
    const { response } = authenticator.register(await startPasskeyRegistration(member));
    await expect(registerPasskey(stale(member), { name: "Sneaky", response }, context)).rejects.toMatchObject(stepUpRefusal);
    expect(await db.prisma.passkey.count({ where: { userId: member.userId } })).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.passkey.registered", actorId: member.userId } })).toBe(0);
    expect(outbox).toHaveLength(0);
  });

  it("refuses to start or confirm TOTP enrolment after the window, showing no seed and turning nothing on", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "stale-totp" });
    const { confirmTotpEnrolment, startTotpEnrolment } = await twoFactor();
    await expect(startTotpEnrolment(stale(member))).rejects.toMatchObject(stepUpRefusal);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: member.userId } })).totpPendingSecretEnc).toBeNull();

    const { secret } = await startTotpEnrolment(member);
    await expect(confirmTotpEnrolment(stale(member), { code: await generate({ secret }) }, context)).rejects.toMatchObject(stepUpRefusal);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: member.userId } });
    expect(user).toMatchObject({ totpEnabledAt: null, totpSecretEnc: null });
    expect(await db.prisma.recoveryCode.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("refuses new recovery codes after the window, and the old ones keep working", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "stale-codes" });
    await enrolTotp(member);
    const before = await db.prisma.recoveryCode.findMany({ where: { userId: member.userId }, select: { id: true } });
    const { regenerateRecoveryCodes } = await twoFactor();
    await expect(regenerateRecoveryCodes(stale(member), context)).rejects.toMatchObject(stepUpRefusal);
    expect(await db.prisma.recoveryCode.findMany({ where: { userId: member.userId }, select: { id: true } })).toEqual(before);
  });

  it("lets the enrolment a practice requires go ahead straight after a password sign-in (completing sign-in counts)", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { signInWithPassword } = await import("@/lib/auth/sign-in");
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "fresh-enrol" });
    await db.prisma.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword("a long enough enrolment passphrase") } });
    const result = await signInWithPassword({ email: member.email, password: "a long enough enrolment passphrase" }, context);
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    const session = await db.prisma.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    const actor: Actor = { ...member, sessionId: session.id, stepUpAt: session.stepUpAt };
    await addPasskey(actor, "Enrolment laptop");
    expect(await db.prisma.passkey.count({ where: { userId: member.userId } })).toBe(1);
  });
});

describe("each factor change is emailed and listed on the Security page", () => {
  it("emails what changed, when and from which device, with no name, key or code in it", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "mail" });
    const passkey = await addPasskey(member, "Kitchen iPad of Dr Secretname");
    const secret = await enrolTotp(member);
    const { regenerateRecoveryCodes } = await twoFactor();
    const codes = await regenerateRecoveryCodes(member, context);
    const { removeOwnPasskey } = await import("@/lib/auth/passkeys/manage");
    await removeOwnPasskey(member, passkey.id, context);

    expect(outbox.map((m) => [m.to, m.subject])).toEqual([
      [member.email, "A passkey was added to your Confide account"],
      [member.email, "Two-factor authentication was turned on for your Confide account"],
      [member.email, "New recovery codes were made for your Confide account"],
      [member.email, "A passkey was removed from your Confide account"],
    ]);
    for (const email of outbox) {
      expect(email.text).toContain("Device: Chrome on macOS");
      expect(email.text).toMatch(/When: \d{1,2} \w+ \d{4}(,| at) \d{2}:\d{2} \(Europe\/London time\)/);
      expect(email.text).toContain("If it was not you");
      expect(email.text).not.toContain("Secretname");
      expect(email.text).not.toContain(secret);
      for (const code of codes) expect(email.text).not.toContain(code);
      expect(email.text).not.toContain(passkey.id);
    }
  });

  it("lists the member's own changes newest first with the device, and nobody else's", async () => {
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "list" });
    const colleague = await createMember({ practice: practiceId, role: "THERAPIST", tag: "list-colleague" });
    await addPasskey(member, "Phone");
    await addPasskey(colleague, "Colleague phone");
    await enrolTotp(member);
    const { listFactorChanges } = await import("@/lib/auth/factor-changes");
    const changes = await listFactorChanges(member);
    expect(changes.map((c) => c.label)).toEqual(["New recovery codes made", "Authenticator app set up", "Passkey added"]);
    expect(changes.every((c) => c.device === "Chrome on macOS" && c.at instanceof Date)).toBe(true);
    // The trail behind the list holds ids and counts only.
    const details = await db.prisma.auditEvent.findMany({ where: { actorId: member.userId, action: { startsWith: "auth." } }, select: { details: true } });
    expect(JSON.stringify(details)).not.toContain("Phone");
  });
});

describe("a new password is emailed like any factor change", () => {
  const fresh = "a fresh and rather long passphrase";
  const noSecrets = (text: string, ...secrets: string[]) => {
    for (const secret of [fresh, ...secrets]) expect(text).not.toContain(secret);
  };

  it("emails the member when they change their password while signed in: what, when, which device, what to do if not them", async () => {
    const { changePassword } = await import("@/lib/auth/password-change");
    const { listFactorChanges } = await import("@/lib/auth/factor-changes");
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "password-change" });
    await changePassword({ ...member, stepUpAt: new Date() }, { password: fresh, confirm: fresh }, context);
    expect(outbox.map((m) => [m.to, m.subject])).toEqual([[member.email, "Your Confide password was changed"]]);
    const { text } = outbox[0]!;
    expect(text).toContain("Device: Chrome on macOS");
    expect(text).toMatch(/When: \d{1,2} \w+ \d{4}(,| at) \d{2}:\d{2} \(Europe\/London time\)/);
    expect(text).toContain("If it was not you");
    expect(text).toContain("/reset-password");
    noSecrets(text);
    expect((await listFactorChanges(member))[0]).toMatchObject({ label: "Password changed", device: "Chrome on macOS" });
  });

  it("emails the account holder when a reset link sets a new password, without the link or the password", async () => {
    const { requestPasswordReset, completePasswordReset } = await import("@/lib/auth/email-links");
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "password-reset" });
    await requestPasswordReset({ email: member.email }, context);
    const link = /\/reset-password\/(\S+)/.exec(outbox[0]!.text)?.[1];
    if (!link) throw new Error("no reset link sent");
    outbox.length = 0;
    await completePasswordReset(link, { password: fresh, confirm: fresh }, context);
    expect(outbox.map((m) => [m.to, m.subject])).toEqual([[member.email, "Your Confide password was reset"]]);
    const { text } = outbox[0]!;
    expect(text).toContain("Device: Chrome on macOS");
    expect(text).toMatch(/When: \d{1,2} \w+ \d{4}(,| at) \d{2}:\d{2} \(Europe\/London time\)/);
    expect(text).toContain("If it was not you, someone can read this mailbox");
    noSecrets(text, link);
  });
});

describe("an owner's 2FA reset stays inside the practice", () => {
  it("is refused for a member who also belongs to another practice: their factors and sessions there are untouched, and they still sign in there", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { signInWithPassword } = await import("@/lib/auth/sign-in");
    const { verifySecondFactor } = await import("@/lib/auth/two-factor");
    const { loadActiveSession } = await import("@/lib/auth/sessions");
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    // The shared member joined practice B first, then practice A.
    const practiceB = await newPractice("Practice B");
    const inB = await createMember({ practice: practiceB, role: "THERAPIST", tag: "shared" });
    const practiceA = await newPractice("Practice A");
    const ownerA = await createMember({ practice: practiceA, role: "OWNER", tag: "owner-a" });
    const membershipA = await db.prisma.membership.create({ data: { practiceId: practiceA.id, userId: inB.userId, role: "THERAPIST" } });
    const sessionA = await openTestSession(inB.userId, membershipA.id);
    await db.prisma.user.update({ where: { id: inB.userId }, data: { passwordHash: await hashPassword("shared member's long passphrase") } });
    const secret = await enrolTotp(inB);
    await addPasskey(inB, "Shared laptop");
    outbox.length = 0;

    await expect(resetMemberTwoFactor(ownerA, membershipA.id, context)).rejects.toMatchObject({ status: 409, code: "account_used_elsewhere" });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: inB.userId } });
    expect(user.totpEnabledAt).not.toBeNull();
    expect(await db.prisma.passkey.count({ where: { userId: inB.userId } })).toBe(1);
    expect(await db.prisma.recoveryCode.count({ where: { userId: inB.userId, usedAt: null } })).toBe(10);
    expect(await loadActiveSession(inB.sessionId)).not.toBeNull();
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: sessionA.id } })).revokedAt).toBeNull();
    expect(outbox).toHaveLength(0);
    const refusal = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.mfa.reset", targetId: membershipA.id } });
    expect(refusal).toMatchObject({ practiceId: practiceA.id, outcome: "DENIED", details: { reason: "account_used_elsewhere" } });

    // Signing in lands in practice B and the authenticator still completes it.
    const signedIn = await signInWithPassword({ email: inB.email, password: "shared member's long passphrase" }, context);
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: signedIn.sessionId }, include: { membership: true } })).membership?.practiceId).toBe(practiceB.id);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }); // the enrolment used the current step
    const verified = await verifySecondFactor(signedIn.sessionId, { code }, context);
    expect(verified.method).toBe("totp");
  });

  it("still resets a member of this practice alone (or one removed elsewhere), ends their sessions here and emails them", async () => {
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const owner = await createMember({ practice: practiceId, role: "OWNER", tag: "owner-reset" });
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "reset-me" });
    const former = await newPractice("Former practice");
    await db.prisma.membership.create({ data: { practiceId: former.id, userId: member.userId, role: "MANAGER", removedAt: new Date() } });
    await enrolTotp(member);
    await addPasskey(member, "Lost phone");
    outbox.length = 0;

    await resetMemberTwoFactor({ ...owner, stepUpAt: new Date() }, member.membershipId, context);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: member.userId } })).toMatchObject({ totpEnabledAt: null, totpSecretEnc: null });
    expect(await db.prisma.passkey.count({ where: { userId: member.userId } })).toBe(0);
    expect(await db.prisma.session.count({ where: { userId: member.userId, revokedAt: null } })).toBe(0);
    expect(outbox.map((m) => [m.to, m.subject])).toEqual([[member.email, "Your Confide two-factor authentication was reset"]]);
    const { listFactorChanges } = await import("@/lib/auth/factor-changes");
    expect((await listFactorChanges(member))[0]).toMatchObject({ label: "Two-factor reset by an owner", device: "Chrome on macOS" });
  });

  /** Another transaction in flight that holds the account's row lock (as a join or a reset does). */
  async function holdAccountLock(userId: string) {
    const holder = new pg.Client({ connectionString: db.database.appUrl });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT id FROM user_account WHERE id = $1 FOR UPDATE", [userId]);
    const [{ pid }] = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    return { holder, pid };
  }

  /** Resolves once some other connection is blocked by `pid`'s locks; rejects after a few seconds. */
  async function someoneWaitsFor(pid: number) {
    for (let i = 0; i < 100; i++) {
      const [row] = await sql<{ n: number }>(db.database.superuserUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [pid]);
      if (row!.n > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("nobody waited for the account's lock");
  }

  it("waits for a join in another practice that is in flight, then sees it and refuses (the two serialise on the account's row)", async () => {
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const owner = await createMember({ practice: practiceId, role: "OWNER", tag: "owner-race" });
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "race-reset" });
    await enrolTotp(member);
    const joining = await newPractice("Joining at the same instant");
    // A join in the other practice, caught mid-transaction: it holds the account and has written the membership.
    const join = await holdAccountLock(member.userId);
    await join.holder.query(`INSERT INTO membership (id, "practiceId", "userId", role) VALUES (gen_random_uuid(), $1, $2, 'THERAPIST')`, [joining.id, member.userId]);
    const reset = resetMemberTwoFactor({ ...owner, stepUpAt: new Date() }, member.membershipId, context).then(() => "reset" as const, (error: unknown) => error);
    try {
      await someoneWaitsFor(join.pid);
    } finally {
      await join.holder.query("COMMIT");
      await join.holder.end();
    }
    expect(await reset).toMatchObject({ status: 409, code: "account_used_elsewhere" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: member.userId } })).totpEnabledAt).not.toBeNull();
  });

  it("makes a join wait while a reset of the same account is in flight, also a return to a practice left before (no new row to check)", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { hashSecretToken, newSecretToken } = await import("@/lib/crypto/tokens");
    const { acceptInvitation } = await import("@/lib/practice/accept-invitation");
    const member = await createMember({ practice: practiceId, role: "THERAPIST", tag: "race-join" });
    await db.prisma.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword("race joiner's long passphrase") } });
    const inviting = await newPractice("Inviting practice");
    await db.prisma.membership.create({ data: { practiceId: inviting.id, userId: member.userId, role: "MANAGER", removedAt: new Date() } });
    const token = newSecretToken();
    await db.prisma.invitation.create({ data: { practiceId: inviting.id, email: member.email, role: "THERAPIST", tokenHash: hashSecretToken(token), invitedById: member.userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    const reset = await holdAccountLock(member.userId);
    const joined = acceptInvitation(token, { password: "race joiner's long passphrase" }, context);
    try {
      await Promise.race([someoneWaitsFor(reset.pid), joined.then(() => Promise.reject(new Error("the join did not wait for the account's lock")))]);
      expect(await db.prisma.membership.count({ where: { practiceId: inviting.id, removedAt: null } })).toBe(0);
    } finally {
      await reset.holder.query("COMMIT");
      await reset.holder.end();
    }
    await joined;
    expect(await db.prisma.membership.count({ where: { practiceId: inviting.id, userId: member.userId, removedAt: null } })).toBe(1);
  });

  it("is refused for a platform operator's account, which signs in beyond this practice", async () => {
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const owner = await createMember({ practice: practiceId, role: "OWNER", tag: "owner-operator" });
    const operator = await createMember({ practice: practiceId, role: "THERAPIST", tag: "operator" });
    const previous = process.env.PLATFORM_ADMIN_EMAILS;
    process.env.PLATFORM_ADMIN_EMAILS = operator.email;
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();
    try {
      await enrolTotp(operator);
      await expect(resetMemberTwoFactor(owner, operator.membershipId, context)).rejects.toMatchObject({ status: 409 });
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: operator.userId } })).totpEnabledAt).not.toBeNull();
    } finally {
      if (previous === undefined) delete process.env.PLATFORM_ADMIN_EMAILS;
      else process.env.PLATFORM_ADMIN_EMAILS = previous;
      resetConfigForTests();
    }
  });
});
