import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";

// Every practice-scoped operation, tried by a member of another practice with real ids from
// the first: each must answer "not found" or "forbidden" and change nothing.

const context = { requestId: null, ip: "198.51.100.7", userAgent: "isolation-test" };
const db = setUpTestDatabase();
let ownerA: Actor;
let ownerB: Actor;
let therapistA: { membershipId: string; sessionId: string };
let invitationA: string;
let auditEventA: bigint;

async function makePractice(name: string) {
  const practice = await createPractice({ name, requireTwoFactor: false, twoFactorRelaxedReason: "isolation test practice" });
  return createMember({ practice, role: "OWNER", email: `owner@${name}.test`, displayName: `Owner ${name}` });
}

beforeAll(async () => {
  ownerA = await makePractice("alpha");
  ownerB = await makePractice("bravo");
  therapistA = await createMember({ practice: ownerA.practiceId, role: "THERAPIST", email: "therapist@alpha.test", displayName: "Therapist Alpha" });
  const { inviteMember } = await import("@/lib/practice/invite-member");
  invitationA = (await inviteMember(ownerA, { email: "newcomer@alpha.test", role: "MANAGER" }, context)).id;
  auditEventA = (await db.prisma.auditEvent.findFirstOrThrow({ where: { practiceId: ownerA.practiceId } })).id;
});

describe("a member of another practice", () => {
  it("cannot change a role, remove a member or withdraw an invitation", async () => {
    const { changeMemberRole } = await import("@/lib/practice/change-member-role");
    const { removeMember } = await import("@/lib/practice/remove-member");
    const { revokeInvitation } = await import("@/lib/practice/revoke-invitation");
    await expect(changeMemberRole(ownerB, therapistA.membershipId, "OWNER", context)).rejects.toMatchObject({ status: 404 });
    await expect(removeMember(ownerB, therapistA.membershipId, context)).rejects.toMatchObject({ status: 404 });
    await expect(revokeInvitation(ownerB, invitationA, context)).rejects.toMatchObject({ status: 404 });
    const m = await db.prisma.membership.findUniqueOrThrow({ where: { id: therapistA.membershipId } });
    expect(m).toMatchObject({ role: "THERAPIST", removedAt: null });
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationA } })).revokedAt).toBeNull();
  });

  it("cannot end someone else's session", async () => {
    const { revokeOwnSession } = await import("@/lib/auth/manage-sessions");
    await expect(revokeOwnSession(ownerB, therapistA.sessionId, context)).rejects.toMatchObject({ status: 404 });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: therapistA.sessionId } })).revokedAt).toBeNull();
  });

  it("cannot rename or remove a passkey, nor see it listed", async () => {
    const passkey = await db.prisma.passkey.create({
      data: { userId: ownerA.userId, credentialId: "isolation-credential", publicKey: new Uint8Array([1]), deviceType: "singleDevice", name: "A's key" },
    });
    const { listOwnPasskeys, removeOwnPasskey, renameOwnPasskey } = await import("@/lib/auth/passkeys/manage");
    await expect(renameOwnPasskey(ownerB, passkey.id, { name: "Taken" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(removeOwnPasskey(ownerB, passkey.id, context)).rejects.toMatchObject({ status: 404 });
    expect(await listOwnPasskeys(ownerB)).toEqual([]);
    expect(await db.prisma.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).toMatchObject({ name: "A's key" });
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
    expect((await db.prisma.practice.findUniqueOrThrow({ where: { id: ownerA.practiceId } })).idleTimeoutMinutes).toBe(15);
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
    const idle = await db.prisma.session.create({ data: { ...base, lastSeenAt: new Date(Date.now() - 20 * 60_000), expiresAt: new Date(Date.now() + 3_600_000) } });
    const ended = await db.prisma.session.create({ data: { ...base, revokedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) } });
    const listed = (await listOwnSessions(ownerA)).map((s) => s.id);
    expect(listed).toContain(ownerA.sessionId);
    expect(listed).not.toContain(idle.id);
    expect(listed).not.toContain(ended.id);
  });
});

describe("step-up before sensitive actions", () => {
  it("an owner resets a member's 2FA only after stepping up, and only in their own practice", async () => {
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const therapistUser = (await db.prisma.membership.findUniqueOrThrow({ where: { id: therapistA.membershipId } })).userId;
    await db.prisma.user.update({ where: { id: therapistUser }, data: { totpEnabledAt: new Date(), totpSecretEnc: new Uint8Array([1, 2, 3]) } });
    await db.prisma.recoveryCode.create({ data: { userId: therapistUser, codeHash: new Uint8Array([9]) } });

    await expect(resetMemberTwoFactor(ownerB, therapistA.membershipId, context)).rejects.toMatchObject({ status: 404 });
    const stale = { ...ownerA, stepUpAt: new Date(Date.now() - 6 * 60_000) };
    await expect(resetMemberTwoFactor(stale, therapistA.membershipId, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: therapistUser } })).totpEnabledAt).not.toBeNull();

    await resetMemberTwoFactor(ownerA, therapistA.membershipId, context);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: therapistUser } });
    expect(after).toMatchObject({ totpEnabledAt: null, totpSecretEnc: null });
    expect(await db.prisma.recoveryCode.count({ where: { userId: therapistUser } })).toBe(0);
    expect(await db.prisma.session.count({ where: { userId: therapistUser, revokedAt: null } })).toBe(0);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.mfa.reset" } });
    expect(event).toMatchObject({ practiceId: ownerA.practiceId, targetId: therapistA.membershipId });
  });

  it("stepping up checks the password, records the attempt, and opens a 5-minute window", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { changePassword } = await import("@/lib/auth/password-change");
    const { stepUp } = await import("@/lib/auth/step-up");
    await db.prisma.user.update({ where: { id: ownerA.userId }, data: { passwordHash: await hashPassword("the owner's long passphrase") } });
    await db.prisma.passkey.deleteMany({ where: { userId: ownerA.userId } }); // password step-up is for members without one
    const notYet = { ...ownerA, stepUpAt: null };
    const newPassword = { password: "a brand new long passphrase", confirm: "a brand new long passphrase" };
    await expect(changePassword(notYet, newPassword, context)).rejects.toMatchObject({ status: 403 });

    await expect(stepUp(notYet, { password: "wrong guess entirely" }, context)).rejects.toMatchObject({ status: 400 });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).stepUpAt).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.stepup.failed", actorId: ownerA.userId } })).toBe(1);

    await stepUp(notYet, { password: "the owner's long passphrase" }, context);
    const stepUpAt = (await db.prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).stepUpAt;
    expect(stepUpAt).not.toBeNull();
    const other = await openTestSession(ownerA.userId, ownerA.membershipId);
    await changePassword({ ...ownerA, stepUpAt }, newPassword, context);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).not.toBeNull();
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: ownerA.sessionId } })).revokedAt).toBeNull();
  });
});

describe("step-up for a member whose only second factor is a passkey", () => {
  it("refuses the password alone, and the owner's 2FA reset removes the passkey too", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { stepUp, stepUpMethods } = await import("@/lib/auth/step-up");
    const { resetMemberTwoFactor } = await import("@/lib/practice/reset-member-two-factor");
    const actor = await createMember({ practice: ownerA.practiceId, email: "passkey-only@alpha.test", displayName: "Passkey Only", passwordHash: await hashPassword("passkey only long password"), steppedUp: false });
    await db.prisma.passkey.create({ data: { userId: actor.userId, credentialId: "cred-passkey-only", publicKey: new Uint8Array([1]), deviceType: "singleDevice", name: "Laptop" } });
    expect(await stepUpMethods(actor)).toEqual({ passkey: true, password: false, code: false });
    await expect(stepUp(actor, { password: "passkey only long password" }, context)).rejects.toMatchObject({ status: 400, code: "passkey_required" });
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: actor.sessionId } })).stepUpAt).toBeNull();

    await resetMemberTwoFactor(ownerA, actor.membershipId, context);
    expect(await db.prisma.passkey.count({ where: { userId: actor.userId } })).toBe(0);
  });
});
