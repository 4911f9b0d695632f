import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/current";
import { createPrismaClient } from "@/lib/db/prisma";
import type { PortalClient } from "@/lib/portal/session";
import { createTestDatabase, useAppConfig, type TestDatabase } from "../support/database";
import { sql } from "../support/sql";

// Client rights against a real database: portal PINs and lockout, requests and their gates,
// erasure that leaves nothing recoverable (app, database, export), and retention.

const context = { requestId: null, ip: "198.51.100.20", userAgent: "rights-test" };
const NAME = "Ottoline Farquharson-Idowu";
let database: TestDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let owner: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  useAppConfig(database);
  prisma = createPrismaClient(database.appUrl, 2);
  const practice = await prisma.practice.create({ data: { name: "Rights" } });
  const user = await prisma.user.create({ data: { email: `owner-${randomBytes(3).toString("hex")}@rights.test`, displayName: "Owner", passwordHash: "x" } });
  const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role: "OWNER" } });
  const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  owner = { sessionId: session.id, userId: user.id, displayName: "Owner", membershipId: membership.id, role: "OWNER", practiceId: practice.id, practiceName: "Rights", stepUpAt: new Date() };
});

afterAll(async () => {
  await (await import("@/lib/vault/db")).closeVaultPool();
  await prisma?.$disconnect();
  await database?.drop();
});

async function clientWithRecord() {
  const { createClient } = await import("@/lib/clients/clients");
  const { createNote, saveDraft } = await import("@/lib/notes/notes");
  const { client } = await createClient(owner, { label: "Monday", identity: { fullName: NAME, dateOfBirth: "1990-04-02" } }, context);
  const note = await createNote(owner, client.code, { template: "FREE", sessionDate: "2026-11-01" }, context);
  await saveDraft(owner, client.code, note.id, { baseRevision: 0, sections: { body: "Grief after the move; sleeping four hours." } }, context);
  return client;
}

const portalFor = (client: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: false });

describe("portal access", () => {
  it("a one-time PIN signs in once set up, re-issuing stops the old one, and wrong PINs lock the code", async () => {
    const { issuePortalAccess } = await import("@/lib/portal/access");
    const { signInToPortal } = await import("@/lib/portal/session");
    const client = await clientWithRecord();
    const first = await issuePortalAccess(owner, client.code, context);
    const signedIn = await signInToPortal({ code: first.code, pin: first.pin }, context);
    expect(signedIn.mustChangePin).toBe(true);
    const second = await issuePortalAccess(owner, client.code, context);
    await expect(signInToPortal({ code: first.code, pin: first.pin }, context)).rejects.toMatchObject({ status: 400 });
    expect(await prisma.portalSession.count({ where: { clientId: client.id, revokedAt: null } })).toBe(0);
    for (let i = 0; i < 4; i++) await expect(signInToPortal({ code: second.code, pin: "99999999" }, context)).rejects.toMatchObject({ status: 400 });
    await expect(signInToPortal({ code: second.code, pin: second.pin }, context)).rejects.toMatchObject({ status: 429 });
    const stored = await prisma.portalAccess.findUniqueOrThrow({ where: { clientId: client.id } });
    expect(stored.pinHash).toMatch(/^\$argon2id\$/);
    expect(stored.pinHash).not.toContain(second.pin);
  });
});

describe("requests", () => {
  it("are due a calendar month after receipt, extendable once with a reason, and access waits for a harm review", async () => {
    const { submitRequest, extendRequest, fulfilAccess, recordHarmReview } = await import("@/lib/requests/requests");
    const client = await clientWithRecord();
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const received = request.receivedAt;
    const expected = new Date(Date.UTC(received.getUTCFullYear(), received.getUTCMonth() + 1, Math.min(received.getUTCDate(), new Date(Date.UTC(received.getUTCFullYear(), received.getUTCMonth() + 2, 0)).getUTCDate())));
    expect(request.dueOn.toISOString().slice(0, 10)).toBe(expected.toISOString().slice(0, 10));
    await expect(fulfilAccess(owner, request.id, context)).rejects.toMatchObject({ status: 409, code: "harm_review_needed" });
    await extendRequest(owner, request.id, { reason: "Many years of notes to review" }, context);
    await expect(extendRequest(owner, request.id, { reason: "Again, please, for longer" }, context)).rejects.toMatchObject({ status: 409 });
    await recordHarmReview(owner, request.id, { opinion: "No serious harm likely." }, context);
    await fulfilAccess(owner, request.id, context);
    expect(await prisma.dataExport.count({ where: { requestId: request.id } })).toBe(1);
  });
});

describe("erasure", () => {
  it("leaves nothing about the client recoverable through the app, the database or an export", async () => {
    const { submitRequest, fulfilErasure } = await import("@/lib/requests/requests");
    const { writeReflection } = await import("@/lib/portal/reflections");
    const { issuePortalAccess } = await import("@/lib/portal/access");
    const { signInToPortal } = await import("@/lib/portal/session");
    const { findClientFor } = await import("@/lib/clients/access");
    const { buildClientExport } = await import("@/lib/requests/export");
    const client = await clientWithRecord();
    const access = await issuePortalAccess(owner, client.code, context);
    await writeReflection(portalFor(client), { text: "Private words about my sister" }, context);
    const request = await submitRequest(portalFor(client), { kind: "ERASURE", details: "Please delete everything about my sister" }, context);
    const before = await prisma.note.findFirstOrThrow({ where: { clientId: client.id } });

    await fulfilErasure(owner, request.id, context);

    // The app.
    await expect(findClientFor(owner, client.code, context)).rejects.toMatchObject({ status: 404 });
    await expect(signInToPortal({ code: access.code, pin: access.pin }, context)).rejects.toMatchObject({ status: 400 });
    // An export.
    await expect(buildClientExport(client.id)).rejects.toThrow();
    // The database, read as its owner, every table of both schemas.
    for (const schema of ["public", "vault"]) {
      const tables = await sql<{ table_name: string }>(database.ownerUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
      for (const { table_name } of tables) {
        const text = JSON.stringify(await sql(database.ownerUrl, `SELECT * FROM "${schema}"."${table_name}"`));
        expect(text, `${schema}.${table_name}`).not.toContain(client.id);
        for (const word of ["Ottoline", "Farquharson", "sister", "Grief"]) expect(text, `${schema}.${table_name}`).not.toContain(word);
      }
    }
    expect(await prisma.note.findUnique({ where: { id: before.id } })).toBeNull();
    const tombstone = await prisma.auditEvent.findFirstOrThrow({ where: { action: "client.erased", targetId: client.code } });
    expect(tombstone.details).toMatchObject({ reason: "erasure_request" });
    expect(await prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ clientId: null, detailsEnc: null, status: "COMPLETED", clientCode: client.code });
  });
});

describe("retention", () => {
  it("flags a discharged record past retention once, then the owner destroys it or places a hold", async () => {
    const { runRetention, confirmDestruction, placeLegalHold, listDueForReview } = await import("@/lib/retention/review");
    const old = await clientWithRecord();
    const held = await clientWithRecord();
    const recent = await clientWithRecord();
    const longAgo = new Date("2015-01-10T00:00:00Z");
    for (const c of [old, held]) {
      await prisma.note.updateMany({ where: { clientId: c.id }, data: { sessionDate: longAgo } });
      await prisma.client.update({ where: { id: c.id }, data: { status: "DISCHARGED", dischargedAt: longAgo, createdAt: longAgo } });
    }
    await prisma.client.update({ where: { id: recent.id }, data: { status: "DISCHARGED", dischargedAt: new Date() } });

    const first = await runRetention();
    expect(first.flagged).toBe(2);
    expect((await runRetention()).flagged).toBe(0);
    expect((await listDueForReview(owner)).due.map((c) => c.code).sort()).toEqual([old.code, held.code].sort());

    await placeLegalHold(owner, held.code, { reason: "Complaint to the professional body", reviewOn: "2030-01-01" }, context);
    await expect(confirmDestruction({ ...owner, stepUpAt: null }, old.code, context)).rejects.toMatchObject({ status: 403 });
    await confirmDestruction(owner, old.code, context);
    expect(await prisma.client.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await prisma.client.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ retentionDueAt: null, legalHoldReason: "Complaint to the professional body" });
    expect(await prisma.client.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ retentionDueAt: null });
    const actions = (await prisma.auditEvent.findMany({ where: { action: { startsWith: "retention." } } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["retention.flagged", "retention.run", "retention.hold_placed", "retention.destroyed"]));
  });
});

describe("the public request form", () => {
  it("keeps contact details in the vault only, until an owner verifies and links the request", async () => {
    const { submitPublicRequest, linkRequestToClient, revealRequestContact } = await import("@/lib/requests/requests");
    const client = await clientWithRecord();
    const { id } = await submitPublicRequest(owner.practiceId, { kind: "ACCESS", fullName: "Perpetua Okonkwo-Lindqvist", email: "perpetua@example.org", details: "I was seen in 2019" }, context);
    const clinical = JSON.stringify(await sql(database.ownerUrl, "SELECT * FROM data_request WHERE id = $1", [id]));
    for (const word of ["Perpetua", "perpetua@example.org", "2019"]) expect(clinical).not.toContain(word);
    await expect(sql(database.appUrl, "SELECT * FROM vault.request_contact")).rejects.toThrow(/permission denied/);
    await expect(submitPublicRequest(owner.practiceId, { kind: "ACCESS", fullName: "No Contact" }, context)).rejects.toThrow(/email address or a phone/);
    await expect(submitPublicRequest("00000000-0000-4000-8000-000000000000", { kind: "ACCESS", fullName: "X", email: "x@example.org" }, context)).rejects.toMatchObject({ status: 404 });

    await expect(revealRequestContact({ ...owner, stepUpAt: null }, id, context)).rejects.toMatchObject({ status: 403 });
    expect(await revealRequestContact(owner, id, context)).toMatchObject({ fullName: "Perpetua Okonkwo-Lindqvist" });
    await expect(linkRequestToClient(owner, id, { code: "K7Q4-MX2P-B9XA" }, context)).rejects.toMatchObject({ status: 400 });
    await linkRequestToClient(owner, id, { code: client.code }, context);
    expect(await prisma.dataRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ clientId: client.id, clientCode: client.code, identityVerified: true });
  });
});

describe("two-way reflections", () => {
  it("share only what is written after the client accepts the clinician's invitation", async () => {
    const { writeReflection, inviteReflectionConnection, answerReflectionConnection, sharedReflections } = await import("@/lib/portal/reflections");
    const { findClientFor } = await import("@/lib/clients/access");
    const client = await clientWithRecord();
    const portal = portalFor(client);
    await writeReflection(portal, { text: "Before: mine alone" }, context);
    await expect(answerReflectionConnection(portal, true, context)).rejects.toMatchObject({ status: 404 });
    const access = await findClientFor(owner, client.code, context);
    await inviteReflectionConnection(owner, access, context);
    await writeReflection(portal, { text: "Still before acceptance" }, context);
    await answerReflectionConnection(portal, true, context);
    await writeReflection(portal, { text: "After: shared" }, context);
    expect((await sharedReflections(owner, access, context)).map((r) => r.text)).toEqual(["After: shared"]);
    await answerReflectionConnection(portal, false, context);
    await writeReflection(portal, { text: "After ending: private" }, context);
    expect((await sharedReflections(owner, access, context)).map((r) => r.text)).toEqual(["After: shared"]);
  });
});

describe("request assignment", () => {
  it("lets the assigned therapist open the request and record the harm review, and nothing else", async () => {
    const { submitRequest, assignRequest, getRequest, recordHarmReview, fulfilAccess } = await import("@/lib/requests/requests");
    const client = await clientWithRecord();
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const user = await prisma.user.create({ data: { email: `t-${randomBytes(3).toString("hex")}@rights.test`, displayName: "Therapist", passwordHash: "x" } });
    const membership = await prisma.membership.create({ data: { practiceId: owner.practiceId, userId: user.id, role: "THERAPIST" } });
    const therapist: Actor = { ...owner, role: "THERAPIST", userId: user.id, membershipId: membership.id };
    await expect(getRequest(therapist, request.id, context)).rejects.toMatchObject({ status: 404 });
    await prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: membership.id } });
    await assignRequest(owner, request.id, { membershipId: membership.id }, context);
    expect((await getRequest(therapist, request.id, context)).request.id).toBe(request.id);
    await recordHarmReview(therapist, request.id, { opinion: "No serious harm likely." }, context);
    await expect(fulfilAccess(therapist, request.id, context)).rejects.toMatchObject({ status: 403 });
  });
});
