import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import type { EntityRows } from "@/lib/transfer/archive";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// The operations that write many rows at once (restore, CSV imports, erasure, retention), run by
// the owner of practice A with ids, codes and emails taken from practice B. Each must fail with a
// clear error and change nothing: every row of every table, clinical and vault (identities, data
// keys, request contacts), is compared before and after; only A's own audit trail may grow.

const context = { requestId: null, ip: "198.51.100.44", userAgent: "cross-practice-test" };
const db = setUpTestDatabase();
let ownerA: Actor & { email: string };
let ownerB: Actor & { email: string };
let therapistB: Actor & { email: string };
let clientB: { id: string; code: string; practiceId: string };
let rowsB: EntityRows;

/** Every row of every table of the clinical and vault schemas, except A's own audit trail. */
async function snapshot(): Promise<Record<string, string[]>> {
  const admin = new pg.Client({ connectionString: db.database.superuserUrl });
  await admin.connect();
  try {
    const { rows: tables } = await admin.query<{ s: string; t: string }>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'vault') AND table_type = 'BASE TABLE' ORDER BY 1, 2",
    );
    const out: Record<string, string[]> = {};
    for (const { s, t } of tables) {
      const { rows } = await admin.query<{ r: Record<string, unknown> }>(`SELECT to_jsonb(x) AS r FROM "${s}"."${t}" x`);
      out[`${s}.${t}`] = rows
        .filter(({ r }) => !(t === "audit_event" && r.practiceId === ownerA.practiceId) && !(t === "audit_chain_head" && String(r.chainId).includes(ownerA.practiceId)))
        .map(({ r }) => JSON.stringify(r))
        .sort();
    }
    return out;
  } finally {
    await admin.end();
  }
}

async function expectUnchanged(before: Record<string, string[]>) {
  const after = await snapshot();
  for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  // B's client is still readable: its identity and data key are where they were.
  const { readIdentity } = await import("@/lib/vault/read-identity");
  expect(await readIdentity(clientB)).toMatchObject({ fullName: "Beatrix Other-Practice" });
}

beforeAll(async () => {
  const a = await createPractice({ name: "Practice A" });
  const b = await createPractice({ name: "Practice B" });
  ownerA = await createMember({ practice: a, role: "OWNER", tag: "owner-a" });
  ownerB = await createMember({ practice: b, role: "OWNER", tag: "owner-b" });
  therapistB = await createMember({ practice: b, role: "THERAPIST", tag: "therapist-b" });

  // Practice B: a client with an identity, a signed note with versions and an addendum, a draft
  // on an appointment of a series, reflections, a portal request and a public-form request.
  const { createClient } = await import("@/lib/clients/create-client");
  const { createNote } = await import("@/lib/notes/create-note");
  const { saveDraft } = await import("@/lib/notes/save-draft");
  const { signNote } = await import("@/lib/notes/sign-note");
  const { addAddendum } = await import("@/lib/notes/add-addendum");
  const { writeReflection, setReflectionShared } = await import("@/lib/portal/reflections");
  const { submitRequest } = await import("@/lib/requests/submit-request");
  const { submitPublicRequest } = await import("@/lib/requests/submit-public-request");
  const { client } = await createClient(therapistB, { label: "B's client", identity: { fullName: "Beatrix Other-Practice", dateOfBirth: "1970-01-02", email: "beatrix@example.org" } }, context);
  clientB = client;
  const signed = await createNote(therapistB, client.code, { template: "SOAP", sessionDate: "2026-10-01" }, context);
  await saveDraft(therapistB, client.code, signed.id, { baseRevision: 0, sections: { subjective: "B's words" } }, context);
  await signNote(therapistB, client.code, signed.id, { baseRevision: 1 }, context);
  await addAddendum(therapistB, client.code, signed.id, { text: "B's addendum" }, context);
  const type = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: b.id, category: "SESSION" } });
  const seriesId = randomUUID();
  const appointments = await Promise.all(
    ["08", "15"].map((day) =>
      db.prisma.appointment.create({
        data: { practiceId: b.id, clientId: client.id, clinicianId: therapistB.membershipId, seriesId, startsAt: new Date(`2026-12-${day}T09:00:00Z`), endsAt: new Date(`2026-12-${day}T09:50:00Z`), type: "SESSION", practiceTypeId: type.id, createdById: therapistB.membershipId },
      }),
    ),
  );
  const draft = await createNote(therapistB, client.code, { template: "FREE", sessionDate: "2026-12-08" }, context);
  await saveDraft(therapistB, client.code, draft.id, { baseRevision: 0, sections: { body: "B's draft" } }, context);
  await db.prisma.note.update({ where: { id: draft.id }, data: { appointmentId: appointments[0]!.id } });
  const { createPracticeTemplate } = await import("@/lib/notes/manage-practice-templates");
  await createPracticeTemplate(ownerB, { name: "B's template", sections: [{ label: "Body", prompt: "" }] }, context);
  const portal: PortalClient = { sessionId: randomUUID(), clientId: client.id, code: client.code, practiceId: b.id, mustChangePin: false };
  // Shared, so that B's practice export (which carries only shared reflections) names it.
  await setReflectionShared(portal, await writeReflection(portal, { text: "B's reflection" }, context), true, context);
  await submitRequest(portal, { kind: "RECTIFICATION", details: "B's request" }, context);
  await submitPublicRequest(b.id, { kind: "ACCESS", fullName: "Bartholomew Public", email: "bart@example.org", details: "B's public request" }, context);
  const { collectPractice } = await import("@/lib/transfer/export-practice");
  rowsB = await collectPractice(b.id, ownerB.membershipId);
});

/**
 * B's export as an attacker in A would rework it to get past the other checks: members all
 * mapped to A's owner, fresh client codes, no audit trail, and fresh ids for everything except
 * the kind of id kept from B.
 */
async function archiveKeeping(kept: "clients" | "notes" | "note_versions" | "note_addenda" | "appointments" | "series" | "appointment_types" | "note_templates" | "reflections" | "data_requests") {
  const { generateClientCode } = await import("@/lib/clients/code");
  const { archiveOf } = await import("@/lib/transfer/export-practice");
  const idsOf: Record<typeof kept, string[]> = {
    clients: rowsB.clients.map((r) => r.id),
    notes: rowsB.notes.map((r) => r.id),
    note_versions: rowsB.note_versions.map((r) => r.id),
    note_addenda: rowsB.note_addenda.map((r) => r.id),
    appointments: rowsB.appointments.map((r) => r.id),
    series: rowsB.appointments.flatMap((r) => (r.seriesId ? [r.seriesId] : [])),
    appointment_types: rowsB.appointment_types.map((r) => r.id),
    note_templates: rowsB.note_templates.map((r) => r.id),
    reflections: rowsB.reflections.map((r) => r.id),
    data_requests: rowsB.data_requests.map((r) => r.id),
  };
  let text = JSON.stringify({ ...rowsB, audit_events: [], members: rowsB.members.map((m) => ({ ...m, email: ownerA.email })) });
  for (const [kind, ids] of Object.entries(idsOf)) if (kind !== kept) for (const id of new Set(ids)) text = text.replaceAll(id, randomUUID());
  for (const c of rowsB.clients) text = text.replaceAll(c.code, generateClientCode());
  const rows = JSON.parse(text) as EntityRows;
  expect(rows.clients[0]!.code).not.toBe(clientB.code);
  return archiveOf({ id: randomUUID(), name: "Forged", timeZone: "Europe/London" }, rows, { processNotes: 0, processNoteVersions: 0, processNoteAddenda: 0, unsharedReflections: 0 });
}

describe("with ids of another practice", () => {
  it.each(["clients", "notes", "note_versions", "note_addenda", "appointments", "series", "appointment_types", "note_templates", "reflections", "data_requests"] as const)(
    "a restore naming the other practice's %s fails and changes nothing anywhere",
    async (kept) => {
      const { importPractice } = await import("@/lib/transfer/import-practice");
      const zip = await archiveKeeping(kept);
      const before = await snapshot();
      const result = await importPractice(ownerA, zip, context).catch((error: unknown) => error);
      await expectUnchanged(before);
      expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/already used on this Confide instance/)] });
      expect(await db.prisma.client.count({ where: { practiceId: ownerA.practiceId } })).toBe(0);
    },
  );

  it("the vault's clean-up and writes reach only the caller's practice, whatever ids they are given", async () => {
    const { destroyIdentities } = await import("@/lib/vault/destroy-identities");
    const { destroyIdentity } = await import("@/lib/vault/destroy-identity");
    const { storeIdentity } = await import("@/lib/vault/store-identity");
    const { destroyRequestContacts } = await import("@/lib/vault/request-contact");
    const before = await snapshot();
    expect(await destroyIdentities(ownerA.practiceId, [clientB.id])).toBe(0);
    expect(await destroyIdentity({ id: clientB.id, practiceId: ownerA.practiceId })).toBe(false);
    await destroyRequestContacts(ownerA.practiceId, rowsB.request_contacts.map((c) => c.requestId));
    await expect(storeIdentity({ id: clientB.id, practiceId: ownerA.practiceId }, { fullName: "Overwritten", preferredName: undefined, dateOfBirth: undefined, email: undefined, phone: undefined, address: undefined, emergencyContact: undefined, gp: undefined })).rejects.toThrow(/another practice/);
    await expectUnchanged(before);
  });

  it("the vault's reads by id answer only within the caller's practice: another practice's identity and request contact read as none", async () => {
    const { hasIdentity } = await import("@/lib/vault/has-identity");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const { readRequestContact } = await import("@/lib/vault/request-contact");
    const [publicRequest] = rowsB.request_contacts;
    expect(publicRequest).toBeDefined();
    expect(await readIdentity({ id: clientB.id, practiceId: ownerA.practiceId })).toBeNull();
    expect(await hasIdentity({ id: clientB.id, practiceId: ownerA.practiceId })).toBe(false);
    expect(await readRequestContact(ownerA.practiceId, publicRequest!.requestId)).toBeNull();
    // Within B's own practice they read as before.
    expect(await readIdentity(clientB)).toMatchObject({ fullName: "Beatrix Other-Practice" });
    expect(await hasIdentity(clientB)).toBe(true);
    expect(await readRequestContact(ownerB.practiceId, publicRequest!.requestId)).toMatchObject({ fullName: "Bartholomew Public" });
  });

  it("a client import naming the other practice's clinician fails and changes nothing", async () => {
    const { commitClientImport } = await import("@/lib/transfer/import-clients");
    const before = await snapshot();
    const result = await commitClientImport(ownerA, `label,full_name,clinician_email\nX,Someone New,${therapistB.email}`, context);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2, column: "clinician_email", message: expect.stringMatching(/No clinician .* of this practice/) }] });
    await expectUnchanged(before);
  });

  it("an appointment import naming the other practice's client or clinician fails and changes nothing", async () => {
    const { commitAppointmentImport } = await import("@/lib/transfer/import-appointments");
    const before = await snapshot();
    const result = await commitAppointmentImport(ownerA, `client_code,clinician_email,date,time,type\n${clientB.code},,2027-01-04,10:00,Session\n${clientB.code},${therapistB.email},2027-01-05,10:00,Session`, context);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { row: 2, column: "client_code", message: "No client of this practice has this code." },
        { row: 3, column: "clinician_email", message: expect.stringMatching(/No clinician/) },
        { row: 3, column: "client_code", message: "No client of this practice has this code." },
      ],
    });
    await expectUnchanged(before);
  });

  it("erasing the other practice's client is refused as not found and changes nothing", async () => {
    const { eraseClient } = await import("@/lib/clients/erase");
    const row = await db.prisma.client.findUniqueOrThrow({ where: { id: clientB.id } });
    const before = await snapshot();
    await expect(eraseClient(ownerA, row, "erasure_request", context)).rejects.toMatchObject({ status: 404 });
    await expectUnchanged(before);
  });

  it("retention review and destruction of the other practice's client are refused as not found and change nothing", async () => {
    const { confirmDestruction, placeLegalHold } = await import("@/lib/retention/review");
    await db.prisma.client.update({ where: { id: clientB.id }, data: { status: "DISCHARGED", dischargedAt: new Date("2010-01-01T00:00:00Z"), retentionDueAt: new Date() } });
    const before = await snapshot();
    await expect(confirmDestruction(ownerA, clientB.code, context)).rejects.toMatchObject({ status: 404 });
    await expect(placeLegalHold(ownerA, clientB.code, { reason: "A claim against practice B", reviewOn: "2099-01-01" }, context)).rejects.toMatchObject({ status: 404 });
    await expectUnchanged(before);
    // B's own owner still can (the refusal above is about the practice, not the record).
    await placeLegalHold(ownerB, clientB.code, { reason: "A claim against practice B", reviewOn: "2099-01-01" }, context);
    expect(await db.prisma.client.findUniqueOrThrow({ where: { id: clientB.id } })).toMatchObject({ retentionDueAt: null, legalHoldReason: "A claim against practice B" });
  });
});
