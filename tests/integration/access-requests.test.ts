import { randomBytes } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Access requests follow the law, not just the form: the copy is fixed when the request is
// fulfilled, the serious-harm review's decision is applied to it, drafts stay out, only someone
// who may read the record reviews it, and refusal grounds depend on the kind of request.

const context = { requestId: null, ip: "198.51.100.30", userAgent: "access-test" };
const db = setUpTestDatabase();
let owner: Actor;

beforeAll(async () => {
  const practice = await createPractice({ name: "Access" });
  owner = await createMember({ practice, role: "OWNER", tag: "owner" });
});

const portalFor = (client: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: false });

async function newClient() {
  const { createClient } = await import("@/lib/clients/create-client");
  return (await createClient(owner, { label: "Access", identity: { fullName: "Isadora Quennell", dateOfBirth: "1988-03-09" } }, context)).client;
}

/** A note with this text on this date, signed unless `draft`. */
async function note(author: Actor, code: string, sessionDate: string, body: string, draft = false) {
  const { createNote } = await import("@/lib/notes/create-note");
  const { saveDraft } = await import("@/lib/notes/save-draft");
  const { signNote } = await import("@/lib/notes/sign-note");
  const created = await createNote(author, code, { template: "FREE", sessionDate }, context);
  const saved = await saveDraft(author, code, created.id, { baseRevision: 0, sections: { body } }, context);
  if (!saved.ok) throw new Error("draft not saved");
  if (!draft) await signNote(author, code, created.id, { baseRevision: saved.revision }, context);
  return created.id;
}

/** Downloads the client's ready copy as the portal does, and unzips it. */
async function download(portal: PortalClient, requestId: string) {
  const { exportLink } = await import("@/lib/requests/export-link");
  const { takeExport } = await import("@/lib/requests/access-copy");
  const row = await db.prisma.dataExport.findFirstOrThrow({ where: { requestId } });
  const token = await exportLink(portal, row.id);
  const zip = await takeExport(portal, token, context);
  const files = unzipSync(new Uint8Array(zip as Uint8Array));
  return { json: strFromU8(files["export.json"]!), html: strFromU8(files["export.html"]!), token };
}

describe("the access copy", () => {
  it("is fixed at fulfilment: later notes and addenda do not change it; drafts and withheld notes are not in it, and it names the ground", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess, takeExport } = await import("@/lib/requests/access-copy");
    const { addAddendum } = await import("@/lib/notes/add-addendum");
    const { signNote } = await import("@/lib/notes/sign-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { WITHHOLDING_GROUNDS } = await import("@/lib/requests/grounds");
    const { AUDIT_ACTIONS } = await import("@/lib/audit/actions");
    const client = await newClient();
    const portal = portalFor(client);
    const released = await note(owner, client.code, "2026-09-01", "Released: we talked about sleep.");
    const withheld = await note(owner, client.code, "2026-09-08", "Withheld: what her brother Bartholomew disclosed.");
    const draft = await note(owner, client.code, "2026-09-15", "Unsigned draft: half a thought.", true);
    const request = await submitRequest(portal, { kind: "ACCESS" }, context);
    await recordHarmReview(owner, request.id, { opinion: "One note is about a third party.", withhold: [{ noteId: withheld, ground: "third_party" }] }, context);
    await fulfilAccess(owner, request.id, context);
    const fulfilledAt = new Date();

    // Stored at fulfilment, encrypted: the row holds no plaintext.
    const stored = await sql<{ contentEnc: Buffer }>(db.database.ownerUrl, 'SELECT "contentEnc" FROM data_export WHERE "requestId" = $1', [request.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.contentEnc.length).toBeGreaterThan(100);
    expect(stored[0]!.contentEnc.toString("latin1")).not.toMatch(/sleep|export\.json/);

    // The record changes after fulfilment.
    await addAddendum(owner, client.code, released, { text: "Addendum after fulfilment." }, context);
    await note(owner, client.code, "2026-09-22", "Signed after fulfilment.");
    const saved = await saveDraft(owner, client.code, draft, { baseRevision: 1, sections: { body: "Draft finished later." } }, context);
    if (!saved.ok) throw new Error("draft not saved");
    await signNote(owner, client.code, draft, { baseRevision: saved.revision }, context);

    const { json, html, token } = await download(portal, request.id);
    const data = JSON.parse(json) as { notes: { sessionDate: string; sections: Record<string, string>; addenda: unknown[] }[]; withheld: { ground: string; why: string }[] };
    expect(data.notes.map((n) => n.sessionDate)).toEqual(["2026-09-01"]);
    expect(data.notes[0]!.sections.body).toBe("Released: we talked about sleep.");
    expect(data.notes[0]!.addenda).toEqual([]);
    for (const absent of ["Bartholomew", "Unsigned draft", "half a thought", "Draft finished later", "after fulfilment", "2026-09-08", "2026-09-15", "2026-09-22"]) {
      expect(json).not.toContain(absent);
      expect(html).not.toContain(absent);
    }
    // The readable copy writes dates as people do: the withheld and later notes' dates are not there either.
    expect(html).toContain("Session on 1 September 2026");
    for (const absent of ["8 September 2026", "15 September 2026", "22 September 2026"]) expect(html).not.toContain(absent);
    expect(data.withheld).toEqual([{ ground: "third_party", why: WITHHOLDING_GROUNDS.third_party }]);
    // The record history does not give the withheld note away: none of its events (started,
    // saved, signed, read), while the released note's signing is there.
    const history = (JSON.parse(json) as { recordHistory: { at: string; what: string }[] }).recordHistory;
    const eventsOf = (noteId: string) => db.prisma.auditEvent.findMany({ where: { targetType: "note", targetId: noteId, occurredAt: { lte: fulfilledAt } }, select: { occurredAt: true, action: true } });
    const line = (e: { occurredAt: Date; action: string }) => `${e.occurredAt.toISOString()} ${AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS].past}`;
    const lines = new Set(history.map((h) => `${h.at} ${h.what}`));
    const withheldEvents = await eventsOf(withheld);
    expect(withheldEvents.map((e) => e.action)).toEqual(expect.arrayContaining(["note.created", "note.saved", "note.signed"]));
    for (const e of withheldEvents) expect(lines).not.toContain(line(e));
    for (const e of await eventsOf(released)) expect(lines).toContain(line(e));
    expect(history.filter((h) => h.what === AUDIT_ACTIONS["note.signed"].past)).toHaveLength(1);
    expect(html).toContain("Information withheld from this copy");
    expect(html).toContain("Sch. 2 Part 3 para. 16");
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "PARTLY_REFUSED", legalGround: "third_party" });

    // Once only; the stored copy is gone after the download.
    await expect(takeExport(portal, token, context)).rejects.toMatchObject({ status: 410 });
    expect(await db.prisma.dataExport.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({ contentEnc: null });
  });

  it("says nothing about withholding when nothing was withheld, and needs the review again after a note is signed", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const client = await newClient();
    await note(owner, client.code, "2026-10-01", "First session.");
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    await recordHarmReview(owner, request.id, { opinion: "No serious harm likely." }, context);
    await note(owner, client.code, "2026-10-08", "Signed after the review.");
    await expect(fulfilAccess(owner, request.id, context)).rejects.toMatchObject({ status: 409, code: "harm_review_stale" });
    expect(await db.prisma.dataExport.count({ where: { requestId: request.id } })).toBe(0);
    await recordHarmReview(owner, request.id, { opinion: "Still no serious harm likely." }, context);
    await fulfilAccess(owner, request.id, context);
    const { json, html } = await download(portalFor(client), request.id);
    expect(JSON.parse(json).withheld).toEqual([]);
    expect(JSON.parse(json).notes).toHaveLength(2);
    expect(html).not.toContain("withheld");
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "COMPLETED", legalGround: null });
  });

  it("goes with the client's erasure", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const { fulfilErasure } = await import("@/lib/requests/fulfil-erasure");
    const client = await newClient();
    await note(owner, client.code, "2026-10-01", "Erased with the client.");
    const access = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    await recordHarmReview(owner, access.id, { opinion: "No serious harm likely." }, context);
    await fulfilAccess(owner, access.id, context);
    const erasure = await submitRequest(portalFor(client), { kind: "ERASURE", confirmErasure: "yes" }, context);
    await fulfilErasure(owner, erasure.id, context);
    expect(await db.prisma.dataExport.count({ where: { requestId: access.id } })).toBe(0);
    expect(await db.prisma.clientNotesKey.count({ where: { clientId: client.id } })).toBe(0);
  });

  it("and the portal's history find the events about the client's requests (as the audit review does), and none about another client's", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { assignRequest } = await import("@/lib/requests/assign-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const { recordHistory } = await import("@/lib/portal/history");
    const { AUDIT_ACTIONS } = await import("@/lib/audit/actions");
    const client = await newClient();
    const other = await newClient();
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const theirs = await submitRequest(portalFor(other), { kind: "ACCESS" }, context);
    // request.assigned names the request, not the client: only the join through the request finds it.
    await assignRequest(owner, request.id, { membershipId: owner.membershipId }, context);
    await assignRequest(owner, theirs.id, { membershipId: owner.membershipId }, context);
    await assignRequest(owner, theirs.id, { membershipId: owner.membershipId }, context);
    expect(await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "request.assigned", targetId: request.id } })).toMatchObject({ targetType: "request", details: { membershipId: owner.membershipId } });
    await recordHarmReview(owner, request.id, { opinion: "Nothing to withhold." }, context);
    await fulfilAccess(owner, request.id, context);

    const { json } = await download(portalFor(client), request.id);
    const history = (JSON.parse(json) as { recordHistory: { what: string }[] }).recordHistory;
    expect(history.filter((h) => h.what === AUDIT_ACTIONS["request.assigned"].past)).toHaveLength(1);
    expect(history.map((h) => h.what)).toContain(AUDIT_ACTIONS["request.submitted"].past);

    const portalLines = (await recordHistory(portalFor(client), context)).map((l) => l.text);
    expect(portalLines).toContain("The practice owner passed one of your requests to a clinician");
    expect(portalLines).toContain("The practice owner prepared a copy of your data");
    expect((await recordHistory(portalFor(other), context)).map((l) => l.text).filter((t) => t.includes("requests"))).toEqual(["The practice owner passed one of your requests to a clinician"]);
  });
});

describe("an erasure request", () => {
  it("stays open, and the client stays whole, when the erasure fails", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { fulfilErasure } = await import("@/lib/requests/fulfil-erasure");
    const client = await newClient();
    await note(owner, client.code, "2026-10-01", "Kept when erasure fails.");
    const erasure = await submitRequest(portalFor(client), { kind: "ERASURE", confirmErasure: "yes" }, context);
    // A fault injected in the database: deleting this client fails mid-erasure.
    await sql(db.database.superuserUrl, `CREATE FUNCTION fail_erasure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await sql(db.database.superuserUrl, `CREATE TRIGGER fail_erasure BEFORE DELETE ON client FOR EACH ROW WHEN (OLD.id = '${client.id}') EXECUTE FUNCTION fail_erasure()`);
    try {
      await expect(fulfilErasure(owner, erasure.id, context)).rejects.toThrow();
    } finally {
      await sql(db.database.superuserUrl, `DROP TRIGGER fail_erasure ON client; DROP FUNCTION fail_erasure()`);
    }
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: erasure.id } })).toMatchObject({ status: "OPEN", closedAt: null, clientId: client.id });
    expect(await db.prisma.clientNotesKey.count({ where: { clientId: client.id } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "request.completed", targetId: erasure.id } })).toBe(0);
    // Tried again without the fault, it erases and closes.
    await fulfilErasure(owner, erasure.id, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: erasure.id } })).toMatchObject({ status: "COMPLETED", clientId: null });
    expect(await db.prisma.client.count({ where: { id: client.id } })).toBe(0);
  });
});

describe("the serious-harm review", () => {
  it("is recorded only by someone who may read the record: an assigned clinician, or an owner with a reason; the reviewer is named", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { assignRequest } = await import("@/lib/requests/assign-request");
    const { getRequest } = await import("@/lib/requests/get-request");
    const client = await newClient();
    const noteId = await note(owner, client.code, "2026-10-01", "A session.");
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const manager = await createMember({ practice: owner.practiceId, role: "MANAGER", tag: "manager" });
    const stranger = await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: "stranger" });
    const clinician = await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: "clinician" });
    const review = { opinion: "No serious harm likely.", withhold: [{ noteId, ground: "serious_harm" }] };

    await expect(recordHarmReview(manager, request.id, review, context)).rejects.toMatchObject({ status: 403 });
    await expect(recordHarmReview(stranger, request.id, review, context)).rejects.toMatchObject({ status: 404 });
    // A therapist not assigned to the client can neither be given the request nor review it.
    await expect(assignRequest(owner, request.id, { membershipId: stranger.membershipId }, context)).rejects.toMatchObject({ status: 400, code: "not_reviewer" });
    await db.prisma.dataRequest.update({ where: { id: request.id }, data: { assigneeId: stranger.membershipId } });
    await expect(recordHarmReview(stranger, request.id, review, context)).rejects.toMatchObject({ status: 403 });

    // The owner is no longer assigned to this client: a reason is needed.
    await db.prisma.clientAssignment.deleteMany({ where: { clientId: client.id, membershipId: owner.membershipId } });
    await expect(recordHarmReview(owner, request.id, review, context)).rejects.toMatchObject({ status: 400, code: "reason_required" });
    await expect(recordHarmReview(owner, request.id, { ...review, reason: "because" }, context)).rejects.toThrow();
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ harmReviewAt: null, harmReviewById: null, harmReviewWithheldNotes: [] });

    await recordHarmReview(owner, request.id, { ...review, reason: "no_clinician" }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ harmReviewById: owner.membershipId, harmReviewReason: "no_clinician", harmReviewWithheldNotes: [{ noteId, ground: "serious_harm" }] });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "request.harm_review_recorded", targetId: request.id } });
    expect(event.actorId).toBe(owner.userId);
    expect(event.details).toEqual({ client: client.code, reviewer: owner.membershipId, withheld: 1, grounds: "serious_harm", reason: "no_clinician" });
    expect(JSON.stringify(event.details)).not.toContain(owner.displayName);
    expect((await getRequest(owner, request.id, context)).reviewerName).toBe(owner.displayName);
    // The decision travels with a practice export (and is restored from it).
    const { collectPractice } = await import("@/lib/transfer/export-practice");
    expect((await collectPractice(owner.practiceId, owner.membershipId)).data_requests.find((r) => r.id === request.id)).toMatchObject({ harmReviewWithheldNotes: [{ noteId, ground: "serious_harm" }], harmReviewReason: "no_clinician" });

    // A therapist assigned to the client, given the request, reviews without a reason.
    await db.prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: clinician.membershipId } });
    await assignRequest(owner, request.id, { membershipId: clinician.membershipId }, context);
    await recordHarmReview(clinician, request.id, { opinion: "Nothing to withhold after all." }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ harmReviewById: clinician.membershipId, harmReviewReason: null, harmReviewWithheldNotes: [] });
  });

  it("withholds only this client's signed notes", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const client = await newClient();
    const other = await newClient();
    const draft = await note(owner, client.code, "2026-10-01", "A draft.", true);
    const elsewhere = await note(owner, other.code, "2026-10-01", "Another client's note.");
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    for (const noteId of [draft, elsewhere]) {
      await expect(recordHarmReview(owner, request.id, { opinion: "Withhold it.", withhold: [{ noteId, ground: "serious_harm" }] }, context)).rejects.toMatchObject({ status: 400, code: "unknown_note" });
    }
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ harmReviewAt: null });
  });
});

describe("reading the notes for the serious-harm review", () => {
  it("shows an unassigned owner the notes' content only after a reason, audits each read with it for the client to see; refuses a manager and an unassigned therapist; 404 across practices", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { readNotesForHarmReview } = await import("@/lib/requests/harm-review");
    const { recordHistory } = await import("@/lib/portal/history");
    const client = await newClient();
    const first = await note(owner, client.code, "2026-09-01", "Spoke about the move to Leeds.");
    await note(owner, client.code, "2026-09-08", "A draft never signed.", true);
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    await db.prisma.clientAssignment.deleteMany({ where: { clientId: client.id, membershipId: owner.membershipId } });
    const reads = () => db.prisma.auditEvent.count({ where: { action: "note.read", details: { path: ["client"], equals: client.code } } });
    const before = await reads();

    // No reason, or one not on the list: nothing decrypted, nothing read.
    await expect(readNotesForHarmReview(owner, request.id, undefined, context)).rejects.toMatchObject({ status: 400, code: "reason_required" });
    await expect(readNotesForHarmReview(owner, request.id, "curious", context)).rejects.toMatchObject({ status: 400, code: "reason_required" });
    const manager = await createMember({ practice: owner.practiceId, role: "MANAGER", tag: "review-manager" });
    const stranger = await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: "review-stranger" });
    await db.prisma.dataRequest.update({ where: { id: request.id }, data: { assigneeId: stranger.membershipId } });
    await expect(readNotesForHarmReview(manager, request.id, "second_opinion", context)).rejects.toMatchObject({ status: 403 });
    await expect(readNotesForHarmReview(stranger, request.id, "second_opinion", context)).rejects.toMatchObject({ status: 403 });
    expect(await reads()).toBe(before);

    // With a reason: the signed note's text (never the draft), each read audited with the reason.
    const read = await readNotesForHarmReview(owner, request.id, "second_opinion", context);
    expect(read).toMatchObject({ standing: "owner_with_reason", reason: "second_opinion" });
    expect(read.notes.map((n) => [n.id, n.sections.body])).toEqual([[first, "Spoke about the move to Leeds."]]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "note.read", targetId: first }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorRole: "OWNER", outcome: "SUCCESS", details: { client: client.code, kind: "CLINICAL", addenda: 0, request: request.id, reason: "second_opinion" } });
    expect(JSON.stringify(event.details)).not.toContain("Leeds");
    expect(await reads()).toBe(before + 1);
    expect((await recordHistory(portalFor(client), context)).map((l) => l.text)).toContain("The practice owner read a session note to review your request for a copy of your data");

    // An assigned clinician reads without a reason, as they read the record anywhere.
    const clinician = await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: "review-clinician" });
    await db.prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: clinician.membershipId } });
    await db.prisma.dataRequest.update({ where: { id: request.id }, data: { assigneeId: clinician.membershipId } });
    expect(await readNotesForHarmReview(clinician, request.id, undefined, context)).toMatchObject({ standing: "assigned", reason: null, notes: [{ id: first }] });

    // Another practice's owner, with the ids of this one: 404, nothing read.
    const elsewhere = await createPractice({ name: "Elsewhere" });
    const otherOwner = await createMember({ practice: elsewhere, role: "OWNER", tag: "elsewhere-owner" });
    const count = await reads();
    await expect(readNotesForHarmReview(otherOwner, request.id, "second_opinion", context)).rejects.toMatchObject({ status: 404 });
    await expect(readNotesForHarmReview(otherOwner, "not-a-uuid", "second_opinion", context)).rejects.toMatchObject({ status: 404 });
    expect(await reads()).toBe(count);
  });
});

describe("refusal grounds", () => {
  it("depend on the kind of request: an erasure ground cannot refuse access, nor an access ground erasure", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { refuseRequest } = await import("@/lib/requests/refuse-request");
    const client = await newClient();
    const access = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const erasure = await submitRequest(portalFor(client), { kind: "ERASURE", confirmErasure: "yes" }, context);
    await expect(refuseRequest(owner, access.id, { ground: "legal_obligation" }, context)).rejects.toThrow(/legal grounds offered/);
    await expect(refuseRequest(owner, erasure.id, { ground: "serious_harm" }, context)).rejects.toThrow(/legal grounds offered/);
    await expect(refuseRequest(owner, erasure.id, { ground: "third_party" }, context)).rejects.toThrow(/legal grounds offered/);
    for (const id of [access.id, erasure.id]) expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "OPEN", legalGround: null });

    await refuseRequest(owner, access.id, { ground: "manifestly_excessive" }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: access.id } })).toMatchObject({ status: "REFUSED", legalGround: "manifestly_excessive", outcome: expect.stringContaining("Art. 12(5)") });
    await refuseRequest(owner, erasure.id, { ground: "legal_claims" }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: erasure.id } })).toMatchObject({ status: "REFUSED", legalGround: "legal_claims", outcome: expect.stringContaining("Art. 17(3)(e)") });
  });
});

describe("who has looked at my record (portal)", () => {
  it("leaves out the events of a note the serious-harm review withheld", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { recordHistory } = await import("@/lib/portal/history");
    const client = await newClient();
    const withheld = await note(owner, client.code, "2026-11-16", "Withheld for serious harm.");
    const lines = async () => (await recordHistory(portalFor(client), context)).map((l) => l.text);
    const noteLines = ["The practice owner started a session note", "The practice owner wrote in a session note", "The practice owner signed a session note"];
    expect(await lines()).toEqual(expect.arrayContaining(noteLines));
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    await recordHarmReview(owner, request.id, { opinion: "Releasing it would be likely to cause serious harm.", withhold: [{ noteId: withheld, ground: "serious_harm" }] }, context);
    const after = await lines();
    for (const line of noteLines) expect(after).not.toContain(line);
    expect(after).toContain("The practice owner created your record");
  });
});

describe("refusing an access request in part", () => {
  it("is not a closing refusal with no copy: the refusal form refuses access only as a whole; withholding goes through the review and the client gets the rest", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { refuseRequest } = await import("@/lib/requests/refuse-request");
    const { recordHarmReview } = await import("@/lib/requests/harm-review");
    const { fulfilAccess } = await import("@/lib/requests/access-copy");
    const { refusalGroundsFor } = await import("@/lib/requests/grounds");
    const client = await newClient();
    await note(owner, client.code, "2026-11-02", "Released: a session about work.");
    const aboutSomeoneElse = await note(owner, client.code, "2026-11-09", "About her neighbour Ottoline.");
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    expect(refusalGroundsFor("ACCESS").map(([k]) => k).sort()).toEqual(["manifestly_excessive", "manifestly_unfounded"]);
    for (const input of [{ ground: "third_party", partly: true }, { ground: "serious_harm", partly: true }, { ground: "third_party" }, { ground: "manifestly_excessive", partly: true }]) {
      await expect(refuseRequest(owner, request.id, input, context)).rejects.toThrow(/legal grounds offered|only as a whole/);
    }
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "OPEN", legalGround: null, closedAt: null });
    expect(await db.prisma.auditEvent.count({ where: { action: "request.refused", targetId: request.id } })).toBe(0);

    // The partial refusal, done the lawful way: the review withholds the note; the copy has the rest.
    await recordHarmReview(owner, request.id, { opinion: "One note is about a third party.", withhold: [{ noteId: aboutSomeoneElse, ground: "third_party" }] }, context);
    await fulfilAccess(owner, request.id, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "PARTLY_REFUSED", legalGround: "third_party" });
    const data = JSON.parse((await download(portalFor(client), request.id)).json) as { notes: { sections: Record<string, string> }[] };
    expect(data.notes.map((n) => n.sections.body)).toEqual(["Released: a session about work."]);
  });
});

describe("refusing an erasure request in part", () => {
  it("is refused: erasure is all or nothing, so a partial refusal would promise a part that never happens", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { refuseRequest } = await import("@/lib/requests/refuse-request");
    const client = await newClient();
    const request = await submitRequest(portalFor(client), { kind: "ERASURE", confirmErasure: "yes" }, context);
    await expect(refuseRequest(owner, request.id, { ground: "legal_obligation", partly: true }, context)).rejects.toThrow(/only as a whole/);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "OPEN", legalGround: null });
    await refuseRequest(owner, request.id, { ground: "legal_obligation" }, context);
    expect(await db.prisma.dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "REFUSED", legalGround: "legal_obligation" });
  });
});

describe("request assignment", () => {
  it("offers owners and the client's own therapists only", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { reviewCandidates } = await import("@/lib/requests/review-candidates");
    const client = await newClient();
    const assigned = await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: `a${randomBytes(2).toString("hex")}` });
    await createMember({ practice: owner.practiceId, role: "THERAPIST", tag: "unassigned" });
    await createMember({ practice: owner.practiceId, role: "MANAGER", tag: "manager" });
    await db.prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: assigned.membershipId } });
    const request = await submitRequest(portalFor(client), { kind: "ACCESS" }, context);
    const ids = (await reviewCandidates(owner, request)).map((m) => m.id).sort();
    expect(ids).toEqual([owner.membershipId, assigned.membershipId].sort());
  });
});

describe("the migration to stored copies", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ empty: true });
  });
  afterAll(async () => empty?.drop());

  it("reopens a request whose copy was waiting to be built at download, and asks again for a review that withheld something", async () => {
    const { readMigrationList } = await import("@/lib/db/migrations");
    const migrations = (await readMigrationList()).migrationDirectories;
    const at = migrations.findIndex((m) => m.path.endsWith("_access_copy_at_fulfilment"));
    expect(at).toBeGreaterThan(0);
    const run = async (m: (typeof migrations)[number]) => {
      if (m.migrationFile.content.tag !== "ok") throw new Error(m.migrationFile.content.value);
      await sql(empty.ownerUrl, m.migrationFile.content.value);
    };
    for (const m of migrations.slice(0, at)) await run(m);

    const id = (n: number) => `20000000-0000-4000-8000-00000000000${n}`;
    await sql(empty.ownerUrl, `INSERT INTO practice (id, name) VALUES ($1, 'Before copies')`, [id(1)]);
    await sql(empty.ownerUrl, `INSERT INTO client (id, "practiceId", code) VALUES ($1, $2, 'K7Q4MX2PB9XE')`, [id(2), id(1)]);
    // Pending (with a withheld note in words), downloaded, and expired.
    for (const [request, withheld, downloadedAt, expiresAt] of [
      [id(3), "The note about her brother", null, "2999-01-01"],
      [id(4), null, "2026-01-02", "2026-01-08"],
      [id(5), null, null, "2026-01-08"],
    ] as const) {
      await sql(
        empty.ownerUrl,
        `INSERT INTO data_request (id, "practiceId", "clientId", "clientCode", kind, status, "clockStartedAt", "dueOn", "harmReviewAt", "harmReviewOpinion", "harmReviewWithheld", outcome, "closedAt")
         VALUES ($1, $2, $3, 'K7Q4MX2PB9XE', 'ACCESS', 'COMPLETED', now(), '2026-02-01', now(), 'Reviewed', $4, 'Your copy is ready.', now())`,
        [request, id(1), id(2), withheld],
      );
      await sql(empty.ownerUrl, `INSERT INTO data_export (id, "requestId", "clientId", "tokenHash", "expiresAt", "downloadedAt") VALUES (gen_random_uuid(), $1, $2, decode(md5(random()::text), 'hex'), $3, $4)`, [request, id(2), expiresAt, downloadedAt]);
    }

    for (const m of migrations.slice(at)) await run(m);
    const requests = await sql<{ id: string; status: string; outcome: string | null; harmReviewAt: Date | null; exports: number }>(
      empty.ownerUrl,
      `SELECT r.id, r.status::text, r.outcome, r."harmReviewAt", (SELECT count(*)::int FROM data_export e WHERE e."requestId" = r.id) AS exports FROM data_request r ORDER BY r.id`,
    );
    expect(requests.map((r) => [r.status, r.outcome, r.harmReviewAt === null, r.exports])).toEqual([
      ["OPEN", null, true, 0],
      ["COMPLETED", "Your copy is ready.", false, 1],
      ["COMPLETED", "Your copy is ready.", false, 0],
    ]);
  });
});
