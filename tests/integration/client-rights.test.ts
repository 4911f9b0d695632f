import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Client rights against a real database: portal PINs and lockout, requests and their gates,
// erasure that leaves nothing recoverable (app, database, export), and retention.

const context = { requestId: null, ip: "198.51.100.20", userAgent: "rights-test" };
const NAME = "Ottoline Farquharson-Idowu";
const db = setUpTestDatabase();
let owner: Actor;

beforeAll(async () => {
  const practice = await createPractice({ name: "Rights" });
  owner = await createMember({ practice, role: "OWNER", displayName: "Owner" });
});

async function clientWithRecord() {
  const { createClient } = await import("@/lib/clients/create-client");
  const { createNote } = await import("@/lib/notes/create-note");
  const { saveDraft } = await import("@/lib/notes/save-draft");
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
    expect(await db.prisma.portalSession.count({ where: { clientId: client.id, revokedAt: null } })).toBe(0);
    for (let i = 0; i < 4; i++) await expect(signInToPortal({ code: second.code, pin: "99999999" }, context)).rejects.toMatchObject({ status: 400 });
    await expect(signInToPortal({ code: second.code, pin: second.pin }, context)).rejects.toMatchObject({ status: 429 });
    const stored = await db.prisma.portalAccess.findUniqueOrThrow({ where: { clientId: client.id } });
    expect(stored.pinHash).toMatch(/^\$argon2id\$/);
    expect(stored.pinHash).not.toContain(second.pin);
  });
});

describe("requests", () => {
  it("are due a calendar month after receipt, extendable once with a reason, and access waits for a harm review", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { extendRequest } = await import("@/lib/requests/extend-request");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
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
    expect(await db.prisma.dataExport.count({ where: { requestId: request.id } })).toBe(1);
  });
});

describe("erasure", () => {
  // What the client (and the people about them) typed or sent, each distinctive enough to find.
  const portalContext = { requestId: null, ip: "203.0.113.77", userAgent: "Harbourview/7.3 (client phone)" };
  const publicContext = { requestId: null, ip: "192.0.2.155", userAgent: "Lanternfish/2.1 (library computer)" };
  const TEXTS = {
    name: "Ottoline", surname: "Farquharson", email: "ottoline.f@example.org", note: "Grief after the move", reflection: "sister",
    opinion: "Caspian", withheld: "Tobermory", extension: "Vanterpool", eventTitle: "Quillfeather", publicName: "Hyacinthe",
    publicDetails: "Juniperwood", portalIp: portalContext.ip, portalAgent: "Harbourview", publicIp: publicContext.ip, publicAgent: "Lanternfish",
  };
  // Pseudonymous references that outlive the client, as docs/portal-and-rights.md promises: the audit trail names
  // the client by code (actor, target, details), and each request keeps the client's code.
  const CODE_ALLOWED: Record<string, string[]> = { audit_event: ["actorId", "targetId", "details"], data_request: ["clientCode"] };

  it("leaves nothing about the client readable in the app, any table of either schema, an export or the audit trail, and every chain still verifies", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { fulfilErasure } = await import("@/lib/requests/fulfil-erasure");
    const { extendRequest } = await import("@/lib/requests/extend-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { submitPublicRequest } = await import("@/lib/requests/submit-public-request");
    const { linkRequestToClient } = await import("@/lib/requests/link-request-to-client");
    const { writeReflection } = await import("@/lib/portal/reflections");
    const { issuePortalAccess } = await import("@/lib/portal/access");
    const { signInToPortal } = await import("@/lib/portal/session");
    const { findClientFor } = await import("@/lib/clients/access");
    const { buildClientExport } = await import("@/lib/requests/export");
    const { createClient } = await import("@/lib/clients/create-client");
    const { createNote } = await import("@/lib/notes/create-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { sealSummary, sealUrl, openSummary } = await import("@/lib/calendar-import/sealed");
    const { bookEvent } = await import("@/lib/calendar-import/decide");
    const { exportAuditEvents, getAuditEvent } = await import("@/lib/audit/query");
    const { verifyAuditTrail } = await import("@/lib/audit/verify");

    const { client } = await createClient(owner, { label: "Thursday", identity: { fullName: `${TEXTS.name} ${TEXTS.surname}-Idowu`, email: TEXTS.email } }, context);
    const note = await createNote(owner, client.code, { template: "FREE", sessionDate: "2026-11-01" }, context);
    await saveDraft(owner, client.code, note.id, { baseRevision: 0, sections: { body: `${TEXTS.note}; sleeping four hours.` } }, context);
    // The client in the portal: a wrong PIN, then signed in, writing and asking.
    const access = await issuePortalAccess(owner, client.code, context);
    await expect(signInToPortal({ code: access.code, pin: "99999999" }, portalContext)).rejects.toMatchObject({ status: 400 });
    await signInToPortal({ code: access.code, pin: access.pin }, portalContext);
    await writeReflection(portalFor(client), { text: `Private words about my ${TEXTS.reflection}` }, portalContext);
    const copy = await submitRequest(portalFor(client), { kind: "ACCESS" }, portalContext);
    await extendRequest(owner, copy.id, { reason: `The ${TEXTS.extension} file is long` }, context);
    await recordHarmReview(owner, copy.id, { opinion: `Mentions her brother ${TEXTS.opinion} throughout.`, withheld: `Letter from ${TEXTS.withheld}` }, context);
    const request = await submitRequest(portalFor(client), { kind: "ERASURE", confirmErasure: "yes", details: `Please delete everything about my ${TEXTS.reflection}` }, portalContext);
    // The same person through the public form, linked to the record once checked.
    const open = await submitPublicRequest(owner.practiceId, { kind: "OBJECTION", fullName: `${TEXTS.publicName} Farquharson`, email: TEXTS.email, details: `Seen at ${TEXTS.publicDetails}` }, publicContext);
    await linkRequestToClient(owner, open.id, { code: client.code }, context);
    // An appointment booked from the clinician's connected calendar, whose event has the client's name.
    await db.prisma.calendarImport.create({ data: { membershipId: owner.membershipId, practiceId: owner.practiceId, urlEnc: sealUrl(owner.membershipId, "https://calendar.example.org/feed.ics"), host: "calendar.example.org" } });
    const eventId = randomUUID();
    const startsAt = new Date(Date.UTC(2031, 2, 4, 10));
    await db.prisma.importedEvent.create({ data: { id: eventId, membershipId: owner.membershipId, practiceId: owner.practiceId, uidHash: randomBytes(32), startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), summaryEnc: sealSummary(eventId, `${TEXTS.eventTitle} session (${TEXTS.name})`) } });
    await bookEvent(owner, eventId, { clientCode: client.code, type: "SESSION", fee: "60" }, context);
    const trailBefore = await db.prisma.auditEvent.findMany({ where: { actorType: "CLIENT", actorId: client.code } });
    expect(trailBefore.map((e) => e.action)).toEqual(expect.arrayContaining(["portal.signin.failed", "portal.signin.succeeded", "reflection.written", "request.submitted"]));
    // While the client is on record, the practice reads the portal's IP and browser on the audit screens.
    expect((await getAuditEvent(owner, trailBefore[0]!.id))).toMatchObject({ ip: portalContext.ip, userAgent: portalContext.userAgent });

    await fulfilErasure(owner, request.id, context);

    // The app.
    await expect(findClientFor(owner, client.code, context)).rejects.toMatchObject({ status: 404 });
    await expect(signInToPortal({ code: access.code, pin: access.pin }, context)).rejects.toMatchObject({ status: 400 });
    // An export.
    await expect(buildClientExport(client.id)).rejects.toThrow();
    // The database, read as its owner: every row of every table of both schemas, as text.
    const needles = [client.id, ...Object.values(TEXTS)];
    const found = new Set<string>();
    for (const schema of ["public", "vault"]) {
      const tables = await sql<{ table_name: string }>(db.database.ownerUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema]);
      expect(tables.length).toBeGreaterThan(schema === "public" ? 25 : 1);
      for (const { table_name } of tables) {
        const rows = await sql<{ row: Record<string, unknown> }>(db.database.ownerUrl, `SELECT to_jsonb(t) AS row FROM "${schema}"."${table_name}" t`);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row.row)) {
            const text = JSON.stringify(value);
            for (const needle of needles) if (text.includes(needle)) found.add(`${schema}.${table_name}.${column} holds "${needle}"`);
            if (text.includes(client.code) && !(CODE_ALLOWED[table_name] ?? []).includes(column)) found.add(`${schema}.${table_name}.${column} holds the code`);
          }
        }
      }
    }
    expect([...found]).toEqual([]);
    // What stays encrypted under keys the server still holds must not hold the client either.
    expect(await (await import("@/lib/vault/read-identity")).readIdentity(client)).toBeNull();
    expect(await (await import("@/lib/vault/request-contact")).readRequestContact(owner.practiceId, open.id)).toBeNull();
    const event = await db.prisma.importedEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event).toMatchObject({ state: "BOOKED", appointmentId: null });
    expect(openSummary(eventId, event.summaryEnc)).not.toContain(TEXTS.eventTitle);
    // The client's own IP and browser, sealed under a key erasure destroyed: the audit screens and
    // CSV say "erased"; the hash chains, over what is stored, still verify.
    const trail = await exportAuditEvents(owner, {});
    const theirs = trail.filter((e) => (e.actorType === "CLIENT" && e.actorId === client.code) || (e.actorRole === "public" && e.targetId === open.id));
    expect(theirs.length).toBe(trailBefore.length + 1);
    for (const e of theirs) expect(e, e.action).toMatchObject({ ip: "erased", userAgent: "erased" });
    expect(await getAuditEvent(owner, trailBefore[0]!.id)).toMatchObject({ ip: "erased", userAgent: "erased" });
    expect(await verifyAuditTrail(db.database.ownerUrl)).toMatchObject({ ok: true });

    expect(await db.prisma.note.findUnique({ where: { id: note.id } })).toBeNull();
    const tombstone = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "client.erased", targetId: client.code } });
    expect(tombstone.details).toMatchObject({ reason: "erasure_request" });
    // A member's own IP and browser are not the client's: they stay in clear.
    expect(tombstone).toMatchObject({ ip: context.ip, userAgent: context.userAgent });
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ clientId: null, detailsEnc: null, status: "COMPLETED", clientCode: client.code });
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ harmReviewOpinion: null, harmReviewWithheld: null, extensionReason: "Erased with the client's record.", outcome: null, clientCode: client.code });
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
      await db.prisma.note.updateMany({ where: { clientId: c.id }, data: { sessionDate: longAgo } });
      await db.prisma.client.update({ where: { id: c.id }, data: { status: "DISCHARGED", dischargedAt: longAgo, createdAt: longAgo } });
    }
    await db.prisma.client.update({ where: { id: recent.id }, data: { status: "DISCHARGED", dischargedAt: new Date() } });

    const first = await runRetention();
    expect(first.flagged).toBe(2);
    expect((await runRetention()).flagged).toBe(0);
    expect((await listDueForReview(owner)).due.map((c) => c.code).sort()).toEqual([old.code, held.code].sort());

    await placeLegalHold(owner, held.code, { reason: "Complaint to the professional body", reviewOn: "2030-01-01" }, context);
    await expect(confirmDestruction({ ...owner, stepUpAt: null }, old.code, context)).rejects.toMatchObject({ status: 403 });
    await confirmDestruction(owner, old.code, context);
    expect(await db.prisma.client.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.prisma.client.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ retentionDueAt: null, legalHoldReason: "Complaint to the professional body" });
    expect(await db.prisma.client.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ retentionDueAt: null });
    const actions = (await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "retention." } } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["retention.flagged", "retention.run", "retention.hold_placed", "retention.destroyed"]));
  });
});

describe("the public request form", () => {
  it("keeps contact details in the vault only, until an owner verifies and links the request", async () => {
    const { submitPublicRequest } = await import("@/lib/requests/submit-public-request");
    const { linkRequestToClient } = await import("@/lib/requests/link-request-to-client");
    const { revealRequestContact } = await import("@/lib/requests/reveal-request-contact");
    const client = await clientWithRecord();
    const { id } = await submitPublicRequest(owner.practiceId, { kind: "ACCESS", fullName: "Perpetua Okonkwo-Lindqvist", email: "perpetua@example.org", details: "I was seen in 2019" }, context);
    const clinical = JSON.stringify(await sql(db.database.ownerUrl, "SELECT * FROM data_request WHERE id = $1", [id]));
    for (const word of ["Perpetua", "perpetua@example.org", "2019"]) expect(clinical).not.toContain(word);
    await expect(sql(db.database.appUrl, "SELECT * FROM vault.request_contact")).rejects.toThrow(/permission denied/);
    await expect(submitPublicRequest(owner.practiceId, { kind: "ACCESS", fullName: "No Contact" }, context)).rejects.toThrow(/email address or a phone/);
    await expect(submitPublicRequest("00000000-0000-4000-8000-000000000000", { kind: "ACCESS", fullName: "X", email: "x@example.org" }, context)).rejects.toMatchObject({ status: 404 });

    await expect(revealRequestContact({ ...owner, stepUpAt: null }, id, context)).rejects.toMatchObject({ status: 403 });
    expect(await revealRequestContact(owner, id, context)).toMatchObject({ fullName: "Perpetua Okonkwo-Lindqvist" });
    await expect(linkRequestToClient(owner, id, { code: "K7Q4-MX2P-B9XA" }, context)).rejects.toMatchObject({ status: 400 });
    await linkRequestToClient(owner, id, { code: client.code }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ clientId: client.id, clientCode: client.code, identityVerified: true });
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
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { assignRequest } = await import("@/lib/requests/assign-request");
    const { getRequest } = await import("@/lib/requests/get-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const client = await clientWithRecord();
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const therapist = await createMember({ practice: owner.practiceId, role: "THERAPIST", displayName: "Therapist" });
    const membership = { id: therapist.membershipId };
    await expect(getRequest(therapist, request.id, context)).rejects.toMatchObject({ status: 404 });
    await db.prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: membership.id } });
    await assignRequest(owner, request.id, { membershipId: membership.id }, context);
    expect((await getRequest(therapist, request.id, context)).request.id).toBe(request.id);
    await recordHarmReview(therapist, request.id, { opinion: "No serious harm likely." }, context);
    await expect(fulfilAccess(therapist, request.id, context)).rejects.toMatchObject({ status: 403 });
  });
});
