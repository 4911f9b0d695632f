import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/current";
import { createPrismaClient } from "@/lib/db/prisma";
import { createTestDatabase, useAppConfig, type TestDatabase } from "../support/database";

// Every practice-scoped operation, tried by a member of another practice with real ids from
// the first: each must answer "not found" or "forbidden" and change nothing.

const context = { requestId: null, ip: "198.51.100.7", userAgent: "isolation-test" };
let database: TestDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let ownerA: Actor;
let ownerB: Actor;
let therapistA: { membershipId: string; sessionId: string };
let invitationA: string;
let auditEventA: bigint;

async function makePractice(name: string) {
  const practice = await prisma.practice.create({ data: { name, requireTwoFactor: false, twoFactorRelaxedReason: "isolation test practice" } });
  const owner = await prisma.user.create({ data: { email: `owner@${name}.test`, displayName: `Owner ${name}`, passwordHash: "x" } });
  const ownerMembership = await prisma.membership.create({ data: { practiceId: practice.id, userId: owner.id, role: "OWNER" } });
  const ownerSession = await prisma.session.create({ data: { userId: owner.id, membershipId: ownerMembership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const actor: Actor = { sessionId: ownerSession.id, userId: owner.id, displayName: owner.displayName, membershipId: ownerMembership.id, role: "OWNER", practiceId: practice.id, practiceName: name, stepUpAt: new Date() };
  return actor;
}

beforeAll(async () => {
  database = await createTestDatabase();
  useAppConfig(database);
  prisma = createPrismaClient(database.appUrl, 2);
  ownerA = await makePractice("alpha");
  ownerB = await makePractice("bravo");
  const t = await prisma.user.create({ data: { email: "therapist@alpha.test", displayName: "Therapist Alpha", passwordHash: "x" } });
  const m = await prisma.membership.create({ data: { practiceId: ownerA.practiceId, userId: t.id, role: "THERAPIST" } });
  const s = await prisma.session.create({ data: { userId: t.id, membershipId: m.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  therapistA = { membershipId: m.id, sessionId: s.id };
  const { inviteMember } = await import("@/lib/practice/invite-member");
  invitationA = (await inviteMember(ownerA, { email: "newcomer@alpha.test", role: "MANAGER" }, context)).id;
  auditEventA = (await prisma.auditEvent.findFirstOrThrow({ where: { practiceId: ownerA.practiceId } })).id;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

describe("a member of another practice", () => {
  it("cannot change a role, remove a member or withdraw an invitation", async () => {
    const { changeMemberRole } = await import("@/lib/practice/change-member-role");
    const { removeMember } = await import("@/lib/practice/remove-member");
    const { revokeInvitation } = await import("@/lib/practice/revoke-invitation");
    await expect(changeMemberRole(ownerB, therapistA.membershipId, "OWNER", context)).rejects.toMatchObject({ status: 404 });
    await expect(removeMember(ownerB, therapistA.membershipId, context)).rejects.toMatchObject({ status: 404 });
    await expect(revokeInvitation(ownerB, invitationA, context)).rejects.toMatchObject({ status: 404 });
    const m = await prisma.membership.findUniqueOrThrow({ where: { id: therapistA.membershipId } });
    expect(m).toMatchObject({ role: "THERAPIST", removedAt: null });
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: invitationA } })).revokedAt).toBeNull();
  });

  it("cannot end someone else's session", async () => {
    const { revokeOwnSession } = await import("@/lib/auth/manage-sessions");
    await expect(revokeOwnSession(ownerB, therapistA.sessionId, context)).rejects.toMatchObject({ status: 404 });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: therapistA.sessionId } })).revokedAt).toBeNull();
  });

  it("cannot rename or remove a passkey, nor see it listed", async () => {
    const passkey = await prisma.passkey.create({
      data: { userId: ownerA.userId, credentialId: "isolation-credential", publicKey: new Uint8Array([1]), deviceType: "singleDevice", name: "A's key" },
    });
    const { listOwnPasskeys, removeOwnPasskey, renameOwnPasskey } = await import("@/lib/auth/passkeys/manage");
    await expect(renameOwnPasskey(ownerB, passkey.id, { name: "Taken" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(removeOwnPasskey(ownerB, passkey.id, context)).rejects.toMatchObject({ status: 404 });
    expect(await listOwnPasskeys(ownerB)).toEqual([]);
    expect(await prisma.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).toMatchObject({ name: "A's key" });
  });

  it("sees none of the practice's members, invitations or audit events", async () => {
    const { listMembers } = await import("@/lib/practice/list-members");
    const { listOpenInvitations } = await import("@/lib/practice/list-open-invitations");
    const { getAuditEvent, listAuditEvents, exportAuditEvents } = await import("@/lib/audit/query");
    expect((await listMembers(ownerB)).map((m) => m.user.email)).toEqual(["owner@bravo.test"]);
    expect(await listOpenInvitations(ownerB)).toEqual([]);
    expect(await getAuditEvent(ownerB, auditEventA)).toBeNull();
    const page = await listAuditEvents(ownerB, { target: invitationA });
    expect(page.rows).toEqual([]);
    expect((await exportAuditEvents(ownerB, {})).every((e) => e.practiceId === ownerB.practiceId)).toBe(true);
  });

  it("cannot change the practice's settings", async () => {
    const { setIdleTimeout } = await import("@/lib/practice/settings");
    await setIdleTimeout(ownerB, { idleTimeoutMinutes: 45 }, context);
    expect((await prisma.practice.findUniqueOrThrow({ where: { id: ownerA.practiceId } })).idleTimeoutMinutes).toBe(15);
  });
});

describe("a therapist of the same practice", () => {
  it("cannot invite, change roles or change settings (owners only)", async () => {
    const therapist: Actor = { ...ownerA, role: "THERAPIST", membershipId: therapistA.membershipId, sessionId: therapistA.sessionId };
    const { changeMemberRole } = await import("@/lib/practice/change-member-role");
    const { inviteMember } = await import("@/lib/practice/invite-member");
    const { setIdleTimeout } = await import("@/lib/practice/settings");
    await expect(inviteMember(therapist, { email: "x@alpha.test", role: "OWNER" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(changeMemberRole(therapist, therapistA.membershipId, "OWNER", context)).rejects.toMatchObject({ status: 403 });
    await expect(setIdleTimeout(therapist, { idleTimeoutMinutes: 60 }, context)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the security page's session list", () => {
  it("shows live sessions only: not ended, expired or idle past the practice's timeout", async () => {
    const { listOwnSessions } = await import("@/lib/auth/manage-sessions");
    const base = { userId: ownerA.userId, membershipId: ownerA.membershipId };
    const idle = await prisma.session.create({ data: { ...base, lastSeenAt: new Date(Date.now() - 20 * 60_000), expiresAt: new Date(Date.now() + 3_600_000) } });
    const ended = await prisma.session.create({ data: { ...base, revokedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
    const listed = (await listOwnSessions(ownerA)).map((s) => s.id);
    expect(listed).toContain(ownerA.sessionId);
    expect(listed).not.toContain(idle.id);
    expect(listed).not.toContain(ended.id);
  });
});

describe("step-up before sensitive actions", () => {
  it("an owner resets a member's 2FA only after stepping up, and only in their own practice", async () => {
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const therapistUser = (await prisma.membership.findUniqueOrThrow({ where: { id: therapistA.membershipId } })).userId;
    await prisma.user.update({ where: { id: therapistUser }, data: { totpEnabledAt: new Date(), totpSecretEnc: new Uint8Array([1, 2, 3]) } });
    await prisma.recoveryCode.create({ data: { userId: therapistUser, codeHash: new Uint8Array([9]) } });

    await expect(resetMemberTwoFactor(ownerB, therapistA.membershipId, context)).rejects.toMatchObject({ status: 404 });
    const stale = { ...ownerA, stepUpAt: new Date(Date.now() - 6 * 60_000) };
    await expect(resetMemberTwoFactor(stale, therapistA.membershipId, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: therapistUser } })).totpEnabledAt).not.toBeNull();

    await resetMemberTwoFactor(ownerA, therapistA.membershipId, context);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: therapistUser } });
    expect(after).toMatchObject({ totpEnabledAt: null, totpSecretEnc: null });
    expect(await prisma.recoveryCode.count({ where: { userId: therapistUser } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: therapistUser, revokedAt: null } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.mfa.reset" } });
    expect(event).toMatchObject({ practiceId: ownerA.practiceId, targetId: therapistA.membershipId });
  });

  it("stepping up checks the password, records the attempt, and opens a 5-minute window", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { changePassword } = await import("@/lib/auth/password-change");
    const { stepUp } = await import("@/lib/auth/step-up");
    await prisma.user.update({ where: { id: ownerA.userId }, data: { passwordHash: await hashPassword("the owner's long passphrase") } });
    await prisma.passkey.deleteMany({ where: { userId: ownerA.userId } }); // password step-up is for members without one
    const notYet = { ...ownerA, stepUpAt: null };
    const newPassword = { password: "a brand new long passphrase", confirm: "a brand new long passphrase" };
    await expect(changePassword(notYet, newPassword, context)).rejects.toMatchObject({ status: 403 });

    await expect(stepUp(notYet, { password: "wrong guess entirely" }, context)).rejects.toMatchObject({ status: 400 });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).stepUpAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "auth.stepup.failed", actorId: ownerA.userId } })).toBe(1);

    await stepUp(notYet, { password: "the owner's long passphrase" }, context);
    const stepUpAt = (await prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).stepUpAt;
    expect(stepUpAt).not.toBeNull();
    const other = await prisma.session.create({ data: { userId: ownerA.userId, membershipId: ownerA.membershipId, expiresAt: new Date(Date.now() + 3_600_000) } });
    await changePassword({ ...ownerA, stepUpAt }, newPassword, context);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).not.toBeNull();
    expect((await prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).revokedAt).toBeNull();
  });
});

describe("step-up for a member whose only second factor is a passkey", () => {
  it("refuses the password alone, and the owner's 2FA reset removes the passkey too", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { stepUp, stepUpMethods } = await import("@/lib/auth/step-up");
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const user = await prisma.user.create({ data: { email: "passkey-only@alpha.test", displayName: "Passkey Only", passwordHash: await hashPassword("passkey only long password") } });
    const membership = await prisma.membership.create({ data: { practiceId: ownerA.practiceId, userId: user.id, role: "THERAPIST" } });
    const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    await prisma.passkey.create({ data: { userId: user.id, credentialId: "cred-passkey-only", publicKey: new Uint8Array([1]), deviceType: "singleDevice", name: "Laptop" } });
    const actor: Actor = { ...ownerA, role: "THERAPIST", userId: user.id, membershipId: membership.id, sessionId: session.id, stepUpAt: null };
    expect(await stepUpMethods(actor)).toEqual({ passkey: true, password: false, code: false });
    await expect(stepUp(actor, { password: "passkey only long password" }, context)).rejects.toMatchObject({ status: 400, code: "passkey_required" });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).stepUpAt).toBeNull();

    await resetMemberTwoFactor(ownerA, membership.id, context);
    expect(await prisma.passkey.count({ where: { userId: user.id } })).toBe(0);
  });
});
