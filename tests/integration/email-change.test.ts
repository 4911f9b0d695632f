import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { OutgoingEmail } from "@/lib/email/transport";
import { LIMITS } from "@/lib/rate-limit";
import { createMember, createPractice, openTestSession, setUpTestDatabase } from "../support/factory";

// Changing the sign-in email: step-up to ask, a single-use link to the NEW address, a notice to
// the old one, the same answer whether or not the address is taken, and no address in the trail.

const sent: OutgoingEmail[] = [];
vi.mock("@/lib/email/transport", () => ({ sendEmail: async (email: OutgoingEmail) => void sent.push(email) }));

const context = { requestId: null, ip: "198.51.100.61", userAgent: "email-change-test" };
const db = setUpTestDatabase();
const emailChange = () => import("@/lib/auth/email-change");

/** A therapist in a practice of their own, signed in with `${label}@old.test`. */
async function makeMember(label: string, opts: { steppedUp?: boolean } = {}): Promise<Actor> {
  return createMember({ practice: await createPractice(), email: `${label}@old.test`, displayName: `Member ${label}`, ...opts });
}

const tokenFrom = (email: OutgoingEmail | undefined) => /\/email-change\/([\w-]+)/.exec(email?.text ?? "")?.[1];
const mailTo = (to: string) => sent.filter((m) => m.to === to);

beforeEach(async () => {
  sent.length = 0;
  await db.prisma.rateLimitBucket.deleteMany({});
});

describe("asking to change the email", () => {
  it("needs a step-up and sends nothing without one", async () => {
    const actor = await makeMember("unconfirmed", { steppedUp: false });
    await expect((await emailChange()).requestEmailChange(actor, { email: "new-unconfirmed@new.test" }, context)).rejects.toMatchObject({ status: 403 });
    expect(sent).toEqual([]);
  });

  it("emails a link to the new address only, and a notice (no link, no new address) to the old one", async () => {
    const actor = await makeMember("ada");
    await (await emailChange()).requestEmailChange(actor, { email: "  Ada.New@New.test " }, context);
    const [link] = mailTo("ada.new@new.test");
    const [notice] = mailTo("ada@old.test");
    expect(tokenFrom(link)).toBeTruthy();
    expect(notice?.text).not.toMatch(/email-change|ada\.new/);
    const row = await db.prisma.emailToken.findFirstOrThrow({ where: { purpose: "EMAIL_CHANGE", userId: actor.userId } });
    expect(row.email).toBe("ada.new@new.test");
    expect(Buffer.from(row.tokenHash).toString("base64url")).not.toBe(tokenFrom(link)); // stored hashed
    // Nothing has changed yet.
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe("ada@old.test");
  });

  it("answers the same for an address that already has an account, but sends it no working link", async () => {
    const actor = await makeMember("bea");
    await makeMember("taken");
    await expect((await emailChange()).requestEmailChange(actor, { email: "taken@old.test" }, context)).resolves.toBeUndefined();
    const [toTaken] = mailTo("taken@old.test");
    expect(toTaken?.subject).toBe("Your Confide address was not changed");
    expect(tokenFrom(toTaken)).toBeUndefined();
    expect(mailTo("bea@old.test")).toHaveLength(1);
  });

  it("refuses the current address, and too many requests in an hour", async () => {
    const actor = await makeMember("cal");
    const { requestEmailChange } = await emailChange();
    await expect(requestEmailChange(actor, { email: "cal@old.test" }, context)).rejects.toMatchObject({ status: 400 });
    await expect(requestEmailChange(actor, { email: "not an email" }, context)).rejects.toThrow();
    for (let i = 0; i < LIMITS.emailChange.max; i++) await requestEmailChange(actor, { email: `cal-${i}@new.test` }, context);
    await expect(requestEmailChange(actor, { email: "cal-last@new.test" }, context)).rejects.toMatchObject({ status: 429 });
  });
});

describe("confirming from the new address", () => {
  it("changes the email, keeps the confirming session, ends the others, and audits without addresses", async () => {
    const actor = await makeMember("dee");
    const other = await openTestSession(actor.userId, actor.membershipId);
    const { requestEmailChange, confirmEmailChange, checkEmailChangeLink } = await emailChange();
    await requestEmailChange(actor, { email: "dee@new.test" }, context);
    const token = tokenFrom(mailTo("dee@new.test")[0])!;
    expect(await checkEmailChangeLink(token)).toBe(true);
    sent.length = 0;

    expect(await confirmEmailChange(token, actor.sessionId, context)).toEqual({ stillSignedIn: true });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe("dee@new.test");
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: actor.sessionId } })).revokedAt).toBeNull();
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).not.toBeNull();
    expect(mailTo("dee@old.test")[0]?.subject).toBe("Your Confide email address was changed");

    // Single use.
    expect(await checkEmailChangeLink(token)).toBe(false);
    await expect(confirmEmailChange(token, null, context)).rejects.toMatchObject({ status: 410 });

    const events = await db.prisma.auditEvent.findMany({ where: { actorId: actor.userId, action: { startsWith: "auth.email_change." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.email_change.requested", "auth.email_change.completed"]);
    expect(events[1]).toMatchObject({ practiceId: actor.practiceId, details: { sessionsEnded: 1 } });
    expect(JSON.stringify(events.map(({ targetId, details, userAgent }) => ({ targetId, details, userAgent })))).not.toMatch(/dee@|new\.test|old\.test/);
  });

  it("ends every session when confirmed from a browser not signed in as that member", async () => {
    const actor = await makeMember("eve");
    const { requestEmailChange, confirmEmailChange } = await emailChange();
    await requestEmailChange(actor, { email: "eve@new.test" }, context);
    const stranger = await makeMember("stranger");
    expect(await confirmEmailChange(tokenFrom(mailTo("eve@new.test")[0])!, stranger.sessionId, context)).toEqual({ stillSignedIn: false });
    expect(await db.prisma.session.count({ where: { userId: actor.userId, revokedAt: null } })).toBe(0);
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id: stranger.sessionId } })).revokedAt).toBeNull();
  });

  it("only the newest link works, and an address taken meanwhile is refused with nothing changed", async () => {
    const actor = await makeMember("fay");
    const { requestEmailChange, confirmEmailChange } = await emailChange();
    await requestEmailChange(actor, { email: "fay-1@new.test" }, context);
    await requestEmailChange(actor, { email: "fay-2@new.test" }, context);
    await expect(confirmEmailChange(tokenFrom(mailTo("fay-1@new.test")[0])!, null, context)).rejects.toMatchObject({ status: 410 });

    await db.prisma.user.create({ data: { email: "fay-2@new.test", displayName: "Someone else", passwordHash: "x" } });
    await expect(confirmEmailChange(tokenFrom(mailTo("fay-2@new.test")[0])!, null, context)).rejects.toMatchObject({ status: 409 });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } })).email).toBe("fay@old.test");
    expect(await db.prisma.session.count({ where: { userId: actor.userId, revokedAt: null } })).toBe(1);
  });

  it("refuses a made-up or expired link", async () => {
    const actor = await makeMember("gus");
    const { requestEmailChange, confirmEmailChange } = await emailChange();
    await expect(confirmEmailChange("made-up-token", null, context)).rejects.toMatchObject({ status: 410 });
    await requestEmailChange(actor, { email: "gus@new.test" }, context);
    await db.prisma.emailToken.updateMany({ where: { userId: actor.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(confirmEmailChange(tokenFrom(mailTo("gus@new.test")[0])!, null, context)).rejects.toMatchObject({ status: 410 });
  });
});
