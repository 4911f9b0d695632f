import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// The audit review's client filter finds every event about a client (notes, addenda,
// appointments, requests, reflections, exports, portal) and nothing about another; and the
// portal's own changes (asking to cancel an appointment, withdrawing a request) touch only the
// client's own rows, are audited, and are found by that filter too.

const context = { requestId: null, ip: "198.51.100.30", userAgent: "client-events-test" };
const db = setUpTestDatabase();
let owner: Actor;
let outsider: Actor;

beforeAll(async () => {
  const practice = await createPractice({ name: "Events" });
  owner = await createMember({ practice, role: "OWNER", tag: "owner" });
  const other = await createPractice({ name: "Elsewhere" });
  outsider = await createMember({ practice: other, role: "OWNER", tag: "other" });
});

const portalFor = (client: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: false });

async function newClient(actor: Actor, label: string) {
  const { createClient } = await import("@/lib/clients/create-client");
  return (await createClient(actor, { label }, context)).client;
}

/** Some of everything about one client: a signed note and an addendum, an appointment, requests, a reflection, an export. */
async function busyRecord(actor: Actor, client: { id: string; code: string; practiceId: string }, day: string) {
  const { createNote } = await import("@/lib/notes/create-note");
  const { saveDraft } = await import("@/lib/notes/save-draft");
  const { signNote } = await import("@/lib/notes/sign-note");
  const { addAddendum } = await import("@/lib/notes/add-addendum");
  const { readNote } = await import("@/lib/notes/read-note");
  const { bookAppointments } = await import("@/lib/schedule/book");
  const { submitRequest } = await import("@/lib/requests/submit-request");
  const { getRequest } = await import("@/lib/requests/get-request");
  const { extendRequest } = await import("@/lib/requests/extend-request");
  const { recordHarmReview } = await import("@/lib/requests/harm-review");
  const { fulfilAccess, takeExport } = await import("@/lib/requests/access-copy");
  const { exportLink } = await import("@/lib/requests/export-link");
  const { writeReflection, setReflectionShared } = await import("@/lib/portal/reflections");
  const { issuePortalAccess } = await import("@/lib/portal/access");
  const portal = portalFor(client);

  const note = await createNote(actor, client.code, { template: "FREE", sessionDate: "2026-10-01" }, context);
  const saved = await saveDraft(actor, client.code, note.id, { baseRevision: 0, sections: { body: "We talked about the week." } }, context);
  if (!saved.ok) throw new Error("draft not saved");
  await signNote(actor, client.code, note.id, { baseRevision: saved.revision }, context);
  await addAddendum(actor, client.code, note.id, { text: "A correction to the date." }, context);
  await readNote(actor, client.code, note.id, context);
  const [appointment] = (await bookAppointments(actor, { clientCode: client.code, clinicianId: actor.membershipId, date: day, time: "10:00", type: "SESSION" }, context)).ids;
  await issuePortalAccess(actor, client.code, context);
  const access = await submitRequest(portal, { kind: "ACCESS" }, context);
  await getRequest(actor, access.id, context);
  await extendRequest(actor, access.id, { reason: "A long record to review" }, context);
  await recordHarmReview(actor, access.id, { opinion: "Nothing to withhold." }, context);
  await fulfilAccess(actor, access.id, context);
  const copy = await db.prisma.dataExport.findFirstOrThrow({ where: { requestId: access.id } });
  await takeExport(portal, await exportLink(portal, copy.id), context);
  const reflection = await writeReflection(portal, { text: "A quiet week." }, context);
  await setReflectionShared(portal, reflection, true, context);
  return { noteId: note.id, appointmentId: appointment!, requestId: access.id };
}

describe("the audit review's client filter", () => {
  it("finds every event about the client, from a dashed lower-case code, and none about another client", async () => {
    const { exportAuditEvents, listAuditEvents } = await import("@/lib/audit/query");
    const { formatClientCode } = await import("@/lib/clients/code");
    const { requestAppointmentCancellation } = await import("@/lib/portal/appointments");
    const { withdrawRequest } = await import("@/lib/requests/withdraw-request");
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const mine = await newClient(owner, "Filter A");
    const theirs = await newClient(owner, "Filter B");
    const a = await busyRecord(owner, mine, "2027-03-01");
    const b = await busyRecord(owner, theirs, "2027-03-02");
    await requestAppointmentCancellation(portalFor(mine), a.appointmentId, context);
    const objection = await submitRequest(portalFor(mine), { kind: "OBJECTION" }, context);
    await withdrawRequest(portalFor(mine), objection.id, context);

    // What is about client A, decided from each stored event and A's own records, not by the filter.
    const all = await db.prisma.auditEvent.findMany({ where: { practiceId: owner.practiceId } });
    const requestsOfA = new Set((await db.prisma.dataRequest.findMany({ where: { clientCode: mine.code } })).map((r) => r.id));
    const targetsOfA = new Set([a.noteId, a.appointmentId, ...requestsOfA]);
    const aboutA = all.filter((e) => e.targetId === mine.code || e.actorId === mine.code || (e.details as { client?: string }).client === mine.code || targetsOfA.has(e.targetId ?? ""));
    expect(aboutA.length).toBeGreaterThanOrEqual(18);

    for (const typed of [formatClientCode(mine.code).toLowerCase(), mine.code, ` ${mine.code.toLowerCase()} `]) {
      const found = await exportAuditEvents(owner, { target: typed });
      expect(found.map((e) => e.id).sort()).toEqual(aboutA.map((e) => e.id).sort());
    }
    const found = await exportAuditEvents(owner, { target: formatClientCode(mine.code).toLowerCase() });
    const actions = new Set(found.map((e) => e.action));
    for (const action of [
      "client.created", "note.created", "note.saved", "note.signed", "note.addendum_added", "note.read", "appointment.created",
      "portal.access_issued", "request.submitted", "request.viewed", "request.extended", "request.harm_review_recorded",
      "request.export_prepared", "request.export_downloaded", "reflection.written", "reflection.shared",
      "appointment.cancel_requested", "request.withdrawn",
    ]) expect(actions, action).toContain(action);
    // Nothing about client B: no event names B's code or targets B's note, appointment or request.
    const ofB = new Set([theirs.code, b.noteId, b.appointmentId, b.requestId]);
    for (const e of found) {
      expect(ofB.has(e.targetId ?? "")).toBe(false);
      expect(ofB.has(e.actorId ?? "")).toBe(false);
      expect(JSON.stringify(e.details)).not.toContain(theirs.code);
    }
    // The screen's first page is the newest of the same events.
    const page = await listAuditEvents(owner, { target: formatClientCode(mine.code) });
    expect(page.rows.map((e) => e.id)).toEqual(found.map((e) => e.id).reverse().slice(0, page.rows.length));
    // Another practice's owner finds nothing about the client, even with the right code.
    expect(await exportAuditEvents(outsider, { target: mine.code })).toEqual([]);
    // The query reads the client through the expression index (the same expression as the migration's).
    const { CLIENT_EVENTS_SQL } = await import("@/lib/audit/client-events");
    const client = new pg.Client({ connectionString: db.database.appUrl });
    await client.connect();
    try {
      await client.query("BEGIN; SET LOCAL enable_seqscan = off");
      const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${CLIENT_EVENTS_SQL}`, [owner.practiceId, mine.code])).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("audit_event_client_idx");
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
    // A record id is still matched exactly.
    expect((await exportAuditEvents(owner, { target: a.noteId })).every((e) => e.targetId === a.noteId)).toBe(true);
  });
});

describe("asking to cancel an appointment from the portal", () => {
  it("flags only the client's own upcoming appointment, once, audited; another client's or practice's is refused", async () => {
    const { requestAppointmentCancellation, listUpcomingAppointments } = await import("@/lib/portal/appointments");
    const { bookAppointments } = await import("@/lib/schedule/book");
    const mine = await newClient(owner, "Cancel A");
    const theirs = await newClient(owner, "Cancel B");
    const elsewhere = await newClient(outsider, "Cancel X");
    const book = (actor: Actor, code: string, date: string) => bookAppointments(actor, { clientCode: code, clinicianId: actor.membershipId, date, time: "09:00", type: "SESSION" }, context).then((r) => r.ids[0]!);
    const next = await book(owner, mine.code, "2027-04-05");
    const past = await book(owner, mine.code, "2026-01-05");
    const other = await book(owner, theirs.code, "2027-04-06");
    const foreign = await book(outsider, elsewhere.code, "2027-04-07");

    const upcoming = await listUpcomingAppointments(portalFor(mine));
    expect(upcoming.map((u) => u.id)).toEqual([next]);
    for (const id of [other, foreign, past, "not-an-id"]) {
      await expect(requestAppointmentCancellation(portalFor(mine), id, context)).rejects.toMatchObject({ status: 404 });
    }
    const flaggedIn = () => db.prisma.appointment.findMany({ where: { id: { in: [next, past, other, foreign] }, cancelRequestedAt: { not: null } } });
    expect(await flaggedIn()).toEqual([]);

    expect(await requestAppointmentCancellation(portalFor(mine), next, context)).toEqual({ alreadyAsked: false });
    expect(await requestAppointmentCancellation(portalFor(mine), next, context)).toEqual({ alreadyAsked: true });
    const flagged = await flaggedIn();
    expect(flagged.map((f) => f.id)).toEqual([next]);
    expect(flagged[0]!.status).toBe("SCHEDULED");
    const events = await db.prisma.auditEvent.findMany({ where: { action: "appointment.cancel_requested", targetId: next } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "CLIENT", actorId: mine.code, details: { client: mine.code } });
  });

  it("is rate-limited per client", async () => {
    const { requestAppointmentCancellation } = await import("@/lib/portal/appointments");
    const { LIMITS } = await import("@/lib/rate-limit");
    const mine = await newClient(owner, "Cancel limit");
    for (let i = 0; i < LIMITS.portalAppointmentChange.max; i++) {
      await expect(requestAppointmentCancellation(portalFor(mine), "00000000-0000-4000-8000-00000000000" + (i % 10), context)).rejects.toMatchObject({ status: 404 });
    }
    await expect(requestAppointmentCancellation(portalFor(mine), "00000000-0000-4000-8000-000000000000", context)).rejects.toMatchObject({ status: 429 });
  });
});

describe("withdrawing a request from the portal", () => {
  it("withdraws only the client's own open request, audited; another client's, another practice's or a closed one is refused", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { withdrawRequest } = await import("@/lib/requests/withdraw-request");
    const { completeRequest } = await import("@/lib/requests/complete-request");
    const mine = await newClient(owner, "Withdraw A");
    const theirs = await newClient(owner, "Withdraw B");
    const elsewhere = await newClient(outsider, "Withdraw X");
    const open = await submitRequest(portalFor(mine), { kind: "OBJECTION" }, context);
    const closed = await submitRequest(portalFor(mine), { kind: "RECTIFICATION", details: "My date of birth is wrong." }, context);
    await completeRequest(owner, closed.id, { outcome: "We corrected it." }, context);
    const other = await submitRequest(portalFor(theirs), { kind: "OBJECTION" }, context);
    const foreign = await submitRequest(portalFor(elsewhere), { kind: "OBJECTION" }, context);

    for (const id of [other.id, foreign.id, closed.id, "nope"]) {
      await expect(withdrawRequest(portalFor(mine), id, context)).rejects.toMatchObject({ status: 404 });
    }
    await withdrawRequest(portalFor(mine), open.id, context);
    await expect(withdrawRequest(portalFor(mine), open.id, context)).rejects.toMatchObject({ status: 404 });

    const rows = await db.prisma.dataRequest.findMany({ where: { id: { in: [open.id, closed.id, other.id, foreign.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [open.id]: "WITHDRAWN", [closed.id]: "COMPLETED", [other.id]: "OPEN", [foreign.id]: "OPEN" });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "request.withdrawn", targetId: { in: [open.id, closed.id, other.id, foreign.id] } } });
    expect(events.map((e) => e.targetId)).toEqual([open.id]);
    expect(events[0]).toMatchObject({ actorType: "CLIENT", actorId: mine.code, details: { kind: "OBJECTION", client: mine.code } });
  });

  it("refuses an erasure request without the client's confirmation, and keeps nothing", async () => {
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const mine = await newClient(owner, "Erasure confirm");
    for (const confirmErasure of [undefined, "", "no"]) {
      await expect(submitRequest(portalFor(mine), { kind: "ERASURE", confirmErasure }, context)).rejects.toMatchObject({ status: 400, code: "confirm_erasure" });
    }
    expect(await db.prisma.dataRequest.count({ where: { clientId: mine.id } })).toBe(0);
    await submitRequest(portalFor(mine), { kind: "ERASURE", confirmErasure: "yes" }, context);
    expect(await db.prisma.dataRequest.count({ where: { clientId: mine.id, kind: "ERASURE" } })).toBe(1);
  });
});
