import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor, Operator } from "@/lib/auth/actor";
import { hashSecretToken, newSecretToken } from "@/lib/crypto/tokens";
import type { OutgoingEmail } from "@/lib/email/transport";
import type { PortalClient } from "@/lib/portal/session";
import { createMember, createPractice, createUser, openTestSession, setUpTestDatabase } from "../support/factory";

// What a suspension stops, beyond its members' own sign-ins (platform-admin.test.ts): while an
// operator has a practice suspended, its clients cannot sign in to the portal, an open portal
// session does nothing, a download link gives nothing, the public request form takes nothing,
// invitations cannot be accepted and no reminder is emailed. Each is told only that the
// practice's account is paused. Reactivating brings every one of them back.

let cookie: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (cookie ? { value: cookie } : undefined), set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ "user-agent": "suspension-test" }),
}));
const outbox: OutgoingEmail[] = [];
vi.mock("@/lib/email/transport", () => ({ sendEmail: async (email: OutgoingEmail) => void outbox.push(email) }));

const context = { requestId: null, ip: "198.51.100.90", userAgent: "suspension-test" };
const PRACTICE = "Harbour Therapy";
const db = setUpTestDatabase();
let practiceId: string;
let owner: Actor;
let operator: Operator;

beforeAll(async () => {
  practiceId = (await createPractice({ name: PRACTICE, remindersEnabled: true, reminderHoursBefore: 24 })).id;
  owner = await createMember({ practice: practiceId, role: "OWNER", tag: "owner" });
  const user = await createUser({ tag: "op", displayName: "Operator", totp: true });
  const session = await openTestSession(user.id, null, { mfa: true });
  operator = { sessionId: session.id, userId: user.id, displayName: user.displayName, practiceId: null, role: "OPERATOR", stepUpAt: new Date() };
});

beforeEach(async () => {
  cookie = undefined;
  outbox.length = 0;
  await db.prisma.rateLimitBucket.deleteMany({});
});

// A test that fails while suspended must not leave the next one starting suspended.
afterEach(async () => {
  await db.prisma.practice.update({ where: { id: practiceId }, data: { suspendedAt: null, suspendedReason: null } });
});

const suspend = async () => (await import("@/lib/platform/suspension")).suspendPractice(operator, { practiceId, reason: "BILLING" }, context);
const reactivate = async () => (await import("@/lib/platform/suspension")).reactivatePractice(operator, practiceId, context);
const paused = { status: 403, code: "practice_paused" };
const rejection = (promise: Promise<unknown>) => promise.then(() => "(resolved)", (error: Error) => error.message);

/** A client of the practice with portal access (PIN set), an email in the vault, reminders on. */
async function portalClient() {
  const { createClient } = await import("@/lib/clients/create-client");
  const { findClientFor } = await import("@/lib/clients/access");
  const { issuePortalAccess } = await import("@/lib/portal/access");
  const { recordReminderConsent } = await import("@/lib/reminders/consent");
  const email = `c-${randomBytes(4).toString("hex")}@suspension.test`;
  const { client } = await createClient(owner, { label: "Suspension test", identity: { fullName: "Ione Trevelyan", email } }, context);
  await recordReminderConsent(owner, await findClientFor(owner, client.code, context), true, context);
  const { code, pin } = await issuePortalAccess(owner, client.code, context);
  await db.prisma.portalAccess.update({ where: { clientId: client.id }, data: { mustChangePin: false } });
  return { ...client, portalCode: code, pin, email };
}

/** What a portal request with the current cookie sees (React's cache is per request, so fresh modules). */
async function asPortalRequest() {
  vi.resetModules();
  return (await import("@/lib/entry/caller")).currentPortalClient();
}

async function signedIn(client: { portalCode: string; pin: string }) {
  const { signInToPortal } = await import("@/lib/portal/session");
  cookie = (await signInToPortal({ code: client.portalCode, pin: client.pin }, context)).token;
  return cookie;
}

describe("while a practice is suspended", () => {
  it("refuses its clients' portal sign-in with the right PIN (saying it is paused), keeps the usual answer for a wrong one, and lets them in after reactivation", async () => {
    const { signInToPortal } = await import("@/lib/portal/session");
    const client = await portalClient();
    await suspend();

    const refused = signInToPortal({ code: client.portalCode, pin: client.pin }, context);
    await expect(refused).rejects.toMatchObject(paused);
    const message = await rejection(refused);
    expect(message).toContain(`${PRACTICE}'s account is paused`);
    expect(message).toContain("contact the practice directly");
    expect(message.toLowerCase()).not.toMatch(/billing|suspend/);
    await expect(signInToPortal({ code: client.portalCode, pin: "13572468" }, context)).rejects.toMatchObject({ status: 400, code: "wrong_code_or_pin" });
    expect(await db.prisma.portalSession.count({ where: { clientId: client.id } })).toBe(0);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "portal.signin.failed", targetId: client.code, outcome: "DENIED" } });
    expect(event).toMatchObject({ practiceId, details: { reason: "practice_suspended" } });

    await reactivate();
    expect((await signInToPortal({ code: client.portalCode, pin: client.pin }, context)).token).toMatch(/.{20,}/);
  });

  it("refuses an open portal session on its next request, says why on the portal page, and honours it again after reactivation", async () => {
    const client = await portalClient();
    await signedIn(client);
    expect(await asPortalRequest()).toMatchObject({ clientId: client.id, practiceId });

    await suspend();
    expect(await asPortalRequest()).toBeNull();
    vi.resetModules();
    expect(await (await import("@/lib/entry/caller")).portalSessionState()).toEqual({ kind: "paused", practiceName: PRACTICE });
    // Refused, not ended: it can do nothing meanwhile, and its idle clock keeps running.

    await reactivate();
    const after = await asPortalRequest();
    expect(after).toMatchObject({ clientId: client.id });
    const { writeReflection } = await import("@/lib/portal/reflections");
    await writeReflection(after as PortalClient, { text: "Back again." }, context);
    expect(await db.prisma.reflection.count({ where: { clientId: client.id } })).toBe(1);
  });

  it("gives nothing for a client's download link of their access copy, and the link still works after reactivation", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const { exportLink } = await import("@/lib/requests/export-link");
    const client = await portalClient();
    await signedIn(client);
    const portal = (await asPortalRequest()) as PortalClient;
    const request = await submitRequest(portal, { kind: "ACCESS" }, context);
    await recordHarmReview(owner, request.id, { opinion: "No serious harm likely." }, context);
    await fulfilAccess(owner, request.id, context);
    const row = await db.prisma.dataExport.findFirstOrThrow({ where: { requestId: request.id } });
    const token = await exportLink(portal, row.id);
    const download = async () => {
      vi.resetModules();
      const { GET } = await import("@/app/portal/exports/[token]/route");
      return GET(new Request(`http://localhost/portal/exports/${token}`), { params: Promise.resolve({ token }) });
    };

    await suspend();
    const refused = await download();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "practice_paused", message: expect.stringContaining("contact the practice directly") } });
    expect(await db.prisma.dataExport.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ downloadedAt: null });
    expect(await db.prisma.auditEvent.count({ where: { action: "request.export_downloaded", targetId: request.id } })).toBe(0);

    await reactivate();
    const ok = await download();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
  });

  it("takes no request through the public form (saying the practice is paused) and stores nothing, then takes one after reactivation", async () => {
    const { submitPublicRequest } = await import("@/lib/requests/submit-public-request");
    const { findPracticeStatus } = await import("@/lib/platform/active");
    const form = { kind: "ACCESS", fullName: "Perpetua Oyelaran-Finch", email: "perpetua@suspension.test" };
    const before = await db.prisma.dataRequest.count({ where: { practiceId } });
    await suspend();

    expect(await findPracticeStatus(practiceId)).toEqual({ id: practiceId, name: PRACTICE, active: false });
    const refused = submitPublicRequest(practiceId, form, context);
    await expect(refused).rejects.toMatchObject(paused);
    expect(await rejection(refused)).toContain("contact the practice directly");
    expect(await db.prisma.dataRequest.count({ where: { practiceId } })).toBe(before);
    expect(await db.prisma.auditEvent.count({ where: { practiceId, action: "request.submitted", actorRole: "public" } })).toBe(0);

    await reactivate();
    expect(await findPracticeStatus(practiceId)).toMatchObject({ active: true });
    expect(await submitPublicRequest(practiceId, form, context)).toMatchObject({ practiceName: PRACTICE });
    expect(await db.prisma.dataRequest.count({ where: { practiceId } })).toBe(before + 1);
  });

  it("emails no appointment reminder to its clients, and sends the due one after reactivation", async () => {
    const { sendDueReminders } = await import("@/lib/reminders/send");
    const client = await portalClient();
    const startsAt = new Date("2027-03-10T10:00:00Z");
    const appointment = await db.prisma.appointment.create({
      data: {
        practiceId,
        clientId: client.id,
        clinicianId: owner.membershipId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 50 * 60_000),
        type: "SESSION",
        practiceTypeId: (await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId, category: "SESSION" } })).id,
        status: "SCHEDULED",
        createdById: owner.membershipId,
      },
    });
    const now = new Date("2027-03-09T14:00:00Z");
    await suspend();

    expect(await sendDueReminders(now)).toMatchObject({ practices: 0, due: 0, sent: 0 });
    expect(outbox).toHaveLength(0);
    expect(await db.prisma.appointmentReminder.count({ where: { appointmentId: appointment.id } })).toBe(0);

    await reactivate();
    expect(await sendDueReminders(now)).toMatchObject({ sent: 1 });
    expect(outbox.map((m) => m.to)).toEqual([client.email]);
  });

  it("lets no one accept an invitation to it, and the invitation works after reactivation", async () => {
    const { openInvitation } = await import("@/lib/practice/open-invitation");
    const token = newSecretToken();
    await db.prisma.invitation.create({
      data: { practiceId, email: `new-${randomBytes(3).toString("hex")}@suspension.test`, role: "THERAPIST", tokenHash: hashSecretToken(token), invitedById: owner.userId, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await suspend();
    await expect(openInvitation(token, context)).rejects.toMatchObject(paused);
    await expect(openInvitation(token, context)).rejects.toThrow(/paused/);

    await reactivate();
    expect((await openInvitation(token, context)).invitation.practiceId).toBe(practiceId);
  });
});
