import { randomBytes } from "node:crypto";
import pg from "pg";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { switchInstance as switchToInstance } from "../support/instance";
import { createMember, createPractice, createUser, setUpTestDatabase } from "../support/factory";

// Import and export against real PostgreSQL: CSV client import (row errors, all or nothing,
// including the vault), the practice export, and a lossless restore into an empty practice
// on another instance (another database, other master keys).

const context = { requestId: null, ip: "198.51.100.30", userAgent: "transfer-test" };
const tag = randomBytes(3).toString("hex");
const OWNER_EMAIL = `owner-${tag}@transfer.test`;
const THERAPIST_EMAIL = `therapist-${tag}@transfer.test`;
const NAME = "Philippa Okonkwo-Brandt";
const REQUESTER = "Rowena Fairbairn-Ødegaard";
const db = setUpTestDatabase();
let target: TestDatabase | undefined;

/** A practice with these members (an email seen before is the same person, in a second practice). */
async function practiceWith(name: string, members: { email: string; role: "OWNER" | "THERAPIST" | "MANAGER" }[]) {
  const practice = await createPractice({ name });
  const actors: Actor[] = [];
  for (const m of members) {
    const user = (await db.prisma.user.findUnique({ where: { email: m.email } })) ?? (await createUser({ email: m.email, displayName: m.role }));
    actors.push(await createMember({ practice, role: m.role, user }));
  }
  return actors;
}

async function vaultCount(practiceId: string) {
  const { vaultPool } = await import("@/lib/vault/db");
  const { rows } = await vaultPool().query<{ n: string }>("SELECT count(*) AS n FROM vault.client_identity WHERE practice_id = $1", [practiceId]);
  return Number(rows[0]!.n);
}

/** Points the app at another database with fresh master keys, as a second instance would be. */
const switchInstance = (database: TestDatabase) => switchToInstance(db, database);

afterAll(async () => {
  await target?.drop();
});

const csv = (...lines: string[]) => ["label,full_name,preferred_name,date_of_birth,email,phone,address,emergency_contact,gp,clinician_email", ...lines].join("\n");

describe("CSV client import", () => {
  it("reports each bad row by row and column, without echoing what was typed, and imports nothing", async () => {
    const { previewClientImport, commitClientImport } = await import("@/lib/transfer/import-clients");
    const [owner] = await practiceWith("Csv errors", [{ email: `o1-${tag}@transfer.test`, role: "OWNER" }]);
    const file = csv(
      `Mon 9am,${NAME},,1985-02-03,pip@example.org,+44 7700 900123,"1 High St, Bath",,Dr Hale,`,
      `,Zebedee Quarrington,,not-a-date,zeb-at-example,,,,,`,
      `,,,,,,,,,`,
      `Tue,Ann Ode,,,,,,,,nobody-${tag}@transfer.test`,
    );
    const preview = await previewClientImport(owner!, file);
    expect(preview.rows).toBe(4);
    expect(preview.errors).toEqual([
      { row: 3, column: "date_of_birth", message: expect.any(String) },
      { row: 3, column: "email", message: "Enter a valid email address." },
      { row: 4, column: "full_name", message: expect.any(String) },
      { row: 5, column: "clinician_email", message: expect.any(String) },
    ]);
    const shown = JSON.stringify(preview.errors);
    for (const typed of ["Zebedee", "not-a-date", "zeb-at-example", "nobody-"]) expect(shown).not.toContain(typed);
    const result = await commitClientImport(owner!, file, context);
    expect(result.ok).toBe(false);
    expect(await db.prisma.client.count({ where: { practiceId: owner!.practiceId } })).toBe(0);
    expect(await vaultCount(owner!.practiceId)).toBe(0);
  });

  it("refuses a file that is not CSV, names unknown columns, and keeps csv-parse's quoting of values out of messages", async () => {
    const { parseClientCsv } = await import("@/lib/transfer/client-csv");
    expect(parseClientCsv("label,surname\nA,B").errors[0]!.message).toMatch(/Unknown column "surname"/);
    const broken = parseClientCsv(`label,full_name\nA,"Secret Person\nB,C`);
    expect(broken.errors[0]!.message).not.toContain("Secret");
  });

  it("imports every row with new codes, identities in the vault, assignments, and one audit event with counts", async () => {
    const { commitClientImport } = await import("@/lib/transfer/import-clients");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const [owner, therapist] = await practiceWith("Csv ok", [
      { email: `o2-${tag}@transfer.test`, role: "OWNER" },
      { email: `t2-${tag}@transfer.test`, role: "THERAPIST" },
    ]);
    const result = await commitClientImport(owner!, csv(`Mon 9am,${NAME},Pip,1985-02-03,pip@example.org,,,,,`, `Tue 4pm,,,,,,,,,T2-${tag}@transfer.test`), context);
    expect(result).toMatchObject({ ok: true, imported: 2, withIdentity: 1 });
    const clients = await db.prisma.client.findMany({ where: { practiceId: owner!.practiceId }, include: { assignments: true, notesKey: true }, orderBy: { label: "asc" } });
    expect(clients.map((c) => [c.label, c.assignments.map((a) => a.membershipId), Boolean(c.notesKey)])).toEqual([
      ["Mon 9am", [owner!.membershipId], true],
      ["Tue 4pm", [therapist!.membershipId], true],
    ]);
    expect(await readIdentity(clients[0]!)).toMatchObject({ fullName: NAME, preferredName: "Pip", email: "pip@example.org" });
    expect(await readIdentity(clients[1]!)).toBeNull();
    const events = await db.prisma.auditEvent.findMany({ where: { practiceId: owner!.practiceId, action: "client.imported" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({ clients: 2, identities: 1, format: "csv" });
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("Okonkwo");
  });

  it("keeps nothing, in the vault either, when the commit fails after the identities were written", async () => {
    const { commitClientImport } = await import("@/lib/transfer/import-clients");
    const [owner] = await practiceWith("Csv fails", [{ email: `o3-${tag}@transfer.test`, role: "OWNER" }]);
    const admin = new pg.Client({ connectionString: db.database.superuserUrl });
    await admin.connect();
    await admin.query(`CREATE FUNCTION t_fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.action = 'client.imported' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await admin.query("CREATE TRIGGER t_fail_import BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION t_fail_import()");
    try {
      const rows = Array.from({ length: 1500 }, (_, i) => `L${i},Person Number${i},,,,,,,,`);
      await expect(commitClientImport(owner!, csv(...rows), context)).rejects.toThrow(/injected failure/);
    } finally {
      await admin.query("DROP TRIGGER t_fail_import ON audit_event; DROP FUNCTION t_fail_import()");
      await admin.end();
    }
    expect(await db.prisma.client.count({ where: { practiceId: owner!.practiceId } })).toBe(0);
    expect(await vaultCount(owner!.practiceId)).toBe(0);
  });

  it("lets a therapist import only onto their own caseload, and a manager not at all", async () => {
    const { previewClientImport, commitClientImport } = await import("@/lib/transfer/import-clients");
    const [, therapist, manager] = await practiceWith("Csv roles", [
      { email: `o4-${tag}@transfer.test`, role: "OWNER" },
      { email: `t4-${tag}@transfer.test`, role: "THERAPIST" },
      { email: `m4-${tag}@transfer.test`, role: "MANAGER" },
    ]);
    const preview = await previewClientImport(therapist!, csv(`A,,,,,,,,,o4-${tag}@transfer.test`, `B,,,,,,,,,t4-${tag}@transfer.test`));
    expect(preview.errors).toEqual([{ row: 2, column: "clinician_email", message: expect.stringMatching(/your own caseload/) }]);
    await expect(commitClientImport(manager!, csv("A,,,,,,,,,"), context)).rejects.toMatchObject({ status: 403 });
  });
});

describe("what the practice export may carry", () => {
  const portalOf = (c: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: c.id, code: c.code, practiceId: c.practiceId, mustChangePin: false });
  const textOf = (files: Record<string, Uint8Array>) => Object.values(files).map((f) => strFromU8(f)).join("\n");

  it("leaves out clients' unshared reflections and other members' process notes, lists them in its README, and the client's own copy keeps the reflection", async () => {
    const { createClient } = await import("@/lib/clients/create-client");
    const { createNote } = await import("@/lib/notes/create-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { writeReflection, setReflectionShared } = await import("@/lib/portal/reflections");
    const { exportPractice } = await import("@/lib/transfer/export-practice");
    const { buildClientExport } = await import("@/lib/requests/export");
    const [owner, therapist] = await practiceWith("Private things", [
      { email: `o5-${tag}@transfer.test`, role: "OWNER" },
      { email: `t5-${tag}@transfer.test`, role: "THERAPIST" },
    ]);
    const { client } = await createClient(owner!, { label: "=1+1 Tues" }, context);
    await db.prisma.clientAssignment.create({ data: { clientId: client.id, membershipId: therapist!.membershipId } });
    const theirs = await createNote(therapist!, client.code, { template: "FREE", kind: "PROCESS", sessionDate: "2026-10-02" }, context);
    await saveDraft(therapist!, client.code, theirs.id, { baseRevision: 0, sections: { body: "Therapist's private musing" } }, context);
    const clinical = await createNote(therapist!, client.code, { template: "FREE", sessionDate: "2026-10-02" }, context);
    await saveDraft(therapist!, client.code, clinical.id, { baseRevision: 0, sections: { body: "Shared clinical record" } }, context);
    const portal = portalOf(client);
    await writeReflection(portal, { text: "Only mine to keep" }, context);
    await setReflectionShared(portal, await writeReflection(portal, { text: "Shared with my therapist" }, context), true, context);

    const files = unzipSync((await exportPractice(owner!, {}, context)).zip);
    const everything = textOf(files);
    expect(everything).not.toContain("Only mine to keep");
    expect(everything).not.toContain("Therapist's private musing");
    expect(JSON.parse(strFromU8(files["reflections.json"]!)).map((r: { text: string }) => r.text)).toEqual(["Shared with my therapist"]);
    expect(JSON.parse(strFromU8(files["notes.json"]!)).map((n: { id: string }) => n.id)).toEqual([clinical.id]);
    const readme = strFromU8(files["README.txt"]!);
    expect(readme).toMatch(/Left out of this archive: 1 unshared reflection;/);
    expect(readme).toMatch(/1 process note of other members, with 1 saved version and 0 addenda\./);
    expect(await db.prisma.auditEvent.findFirst({ where: { practiceId: owner!.practiceId, action: "practice.exported" } })).toMatchObject({ details: expect.objectContaining({ processLeftOut: 1, reflectionsLeftOut: 1, unassignedClients: 0, reason: null }) });
    // The spreadsheet twin shows the label as text; the JSON an import reads keeps it exactly.
    expect(strFromU8(files["clients.csv"]!)).toContain(",'=1+1 Tues,");
    expect(JSON.parse(strFromU8(files["clients.json"]!))[0].label).toBe("=1+1 Tues");

    // The client's own copy of their data is where the unshared reflection leaves.
    const own = JSON.parse(strFromU8(unzipSync((await buildClientExport(client.id)).zip)["export.json"]!));
    expect(own.reflections.map((r: { text: string }) => r.text)).toEqual(["Only mine to keep", "Shared with my therapist"]);
  });

  it("asks for a reason before exporting clients the owner is not assigned to, and each of them sees it in their record history", async () => {
    const { createClient } = await import("@/lib/clients/create-client");
    const { createNote } = await import("@/lib/notes/create-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { exportPractice } = await import("@/lib/transfer/export-practice");
    const { practiceExportScope } = await import("@/lib/transfer/export-scope");
    const { recordHistory } = await import("@/lib/portal/history");
    const [owner, therapist] = await practiceWith("Not my clients", [
      { email: `o6-${tag}@transfer.test`, role: "OWNER" },
      { email: `t6-${tag}@transfer.test`, role: "THERAPIST" },
    ]);
    const { client: withIdentity } = await createClient(therapist!, { label: "Identity only", identity: { fullName: "Oswin Pettigrew-Hale" } }, context);
    const { client: withNote } = await createClient(therapist!, { label: "Notes" }, context);
    const note = await createNote(therapist!, withNote.code, { template: "FREE", sessionDate: "2026-10-03" }, context);
    await saveDraft(therapist!, withNote.code, note.id, { baseRevision: 0, sections: { body: "Only the therapist reads this on screen" } }, context);
    const { client: bare } = await createClient(therapist!, { label: "Nothing yet" }, context);
    const { client: mine } = await createClient(owner!, { label: "Mine", identity: { fullName: "Delphine Arkwright" } }, context);

    const scope = await practiceExportScope(owner!);
    expect(scope.unassignedClients.map((c) => c.code)).toEqual([withIdentity.code, withNote.code]);

    // No reason, or one not on the list: refused, and nothing recorded or handed out.
    await expect(exportPractice(owner!, {}, context)).rejects.toMatchObject({ status: 400, code: "export_reason_required", userMessage: expect.stringContaining("2 clients you are not assigned to") });
    await expect(exportPractice(owner!, { reason: "curiosity" }, context)).rejects.toThrow(/Choose a reason/);
    const exportEvents = () => db.prisma.auditEvent.findMany({ where: { practiceId: owner!.practiceId, action: { in: ["practice.exported", "client.included_in_export"] } }, orderBy: { seq: "asc" } });
    expect(await exportEvents()).toEqual([]);

    const files = unzipSync((await exportPractice(owner!, { reason: "closure" }, context)).zip);
    expect(strFromU8(files["notes.json"]!)).toContain("Only the therapist reads this on screen");
    expect(strFromU8(files["identities.json"]!)).toContain("Oswin Pettigrew-Hale");
    const events = await exportEvents();
    // One event per such client (written together, in no set order), then the export's own.
    expect(events).toHaveLength(3);
    expect(events.slice(0, 2).map((e) => [e.action, e.targetId, e.details])).toEqual(
      expect.arrayContaining([
        ["client.included_in_export", withIdentity.code, { reason: "closure" }],
        ["client.included_in_export", withNote.code, { reason: "closure" }],
      ]),
    );
    expect(events[2]).toMatchObject({ action: "practice.exported", details: expect.objectContaining({ reason: "closure", unassignedClients: 2, clients: 4 }) });

    const told = "The practice owner included your record in a copy of the whole practice's records";
    for (const client of [withIdentity, withNote]) expect((await recordHistory(portalOf(client), context)).map((l) => l.text)).toContain(told);
    for (const client of [bare, mine]) expect((await recordHistory(portalOf(client), context)).map((l) => l.text)).not.toContain(told);
  });
});

describe("practice export and restore", () => {
  it("exports everything, and restores it losslessly into an empty practice on another instance", async () => {
    const { createClient } = await import("@/lib/clients/create-client");
    const { createNote } = await import("@/lib/notes/create-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { signNote } = await import("@/lib/notes/sign-note");
    const { addAddendum } = await import("@/lib/notes/add-addendum");
    const { writeReflection, setReflectionShared, inviteReflectionConnection, answerReflectionConnection } = await import("@/lib/portal/reflections");
    const { findClientFor } = await import("@/lib/clients/access");
    const { submitRequest } = await import("@/lib/requests/submit-request");
    const { submitPublicRequest } = await import("@/lib/requests/submit-public-request");
    const { exportPractice, collectPractice } = await import("@/lib/transfer/export-practice");
    const [owner, therapist, manager] = await practiceWith("Source practice", [
      { email: OWNER_EMAIL, role: "OWNER" },
      { email: THERAPIST_EMAIL, role: "THERAPIST" },
      { email: `manager-${tag}@transfer.test`, role: "MANAGER" },
    ]);
    const ageVersions = (noteId: string) => db.prisma.noteVersion.updateMany({ where: { noteId }, data: { savedAt: new Date(Date.now() - 3_600_000) } });

    const { client: a } = await createClient(therapist!, { label: "Weds", identity: { fullName: NAME, dateOfBirth: "1979-06-30", email: "philippa@example.org", gp: "Dr Moss" } }, context);
    const { client: b } = await createClient(owner!, { label: "Fri" }, context);
    // A signed note with three versions and two addenda.
    const signed = await createNote(therapist!, a.code, { template: "SOAP", sessionDate: "2026-10-01" }, context);
    await saveDraft(therapist!, a.code, signed.id, { baseRevision: 0, sections: { subjective: "Low mood, poor sleep." } }, context);
    await ageVersions(signed.id);
    await saveDraft(therapist!, a.code, signed.id, { baseRevision: 1, sections: { subjective: "Low mood, poor sleep.", plan: "Sleep diary." } }, context);
    await ageVersions(signed.id);
    await saveDraft(therapist!, a.code, signed.id, { baseRevision: 2, sections: { subjective: "Low mood, poor sleep. Ünïcödé ✓", plan: "Sleep diary, review in 2 weeks." } }, context);
    await signNote(therapist!, a.code, signed.id, { baseRevision: 3 }, context);
    await addAddendum(therapist!, a.code, signed.id, { text: "Client called: diary started." }, context);
    await addAddendum(therapist!, a.code, signed.id, { text: "Second addendum, \"quoted\", with a comma." }, context);
    // A draft, a process note, and a note by the owner on another client.
    const draft = await createNote(therapist!, a.code, { template: "FREE", sessionDate: "2026-10-08" }, context);
    await saveDraft(therapist!, a.code, draft.id, { baseRevision: 0, sections: { body: "Half-written thoughts" } }, context);
    const processNote = await createNote(therapist!, a.code, { template: "FREE", kind: "PROCESS", sessionDate: "2026-10-08" }, context);
    await saveDraft(therapist!, a.code, processNote.id, { baseRevision: 0, sections: { body: "My countertransference" } }, context);
    const other = await createNote(owner!, b.code, { template: "DAP", sessionDate: "2026-09-15" }, context);
    await saveDraft(owner!, b.code, other.id, { baseRevision: 0, sections: { data: "First meeting", plan: "Weekly" } }, context);
    // Written in a practice template's layout, then discarded: both survive the move, and so do
    // the practice's templates, which template each type offers first, and which one a note came from.
    const { createPracticeTemplate, setTypeNoteTemplate, setPracticeTemplateArchived } = await import("@/lib/notes/manage-practice-templates");
    const intake = await createPracticeTemplate(owner!, { name: "Intake, practice", sections: [{ label: "First contact", prompt: "Who referred" }, { label: "Plan", prompt: "" }] }, context);
    const retired = await createPracticeTemplate(owner!, { name: "Old review", sections: [{ label: "Review", prompt: "" }] }, context);
    await setPracticeTemplateArchived(owner!, retired.id, true, context);
    await db.prisma.note.update({
      where: { id: other.id },
      data: { layout: { name: "Intake, practice", sections: [{ key: "data", label: "First contact", hint: "Who referred" }, { key: "plan", label: "Plan", hint: "" }] }, practiceTemplateId: intake.id, discardedAt: new Date("2026-10-10T10:00:00Z"), discardedById: owner!.membershipId },
    });
    // The owner's own process note goes with the owner's export; the therapist's stays behind.
    const ownProcessNote = await createNote(owner!, b.code, { template: "FREE", kind: "PROCESS", sessionDate: "2026-09-15" }, context);
    await saveDraft(owner!, b.code, ownProcessNote.id, { baseRevision: 0, sections: { body: "My own reactions" } }, context);
    // The client's reflections and a request, from the portal.
    const portal: PortalClient = { sessionId: "00000000-0000-4000-8000-000000000000", clientId: a.id, code: a.code, practiceId: a.practiceId, mustChangePin: false };
    const shared = await writeReflection(portal, { text: "I noticed I slept better." }, context);
    await setReflectionShared(portal, shared, true, context);
    await writeReflection(portal, { text: "Private thought." }, context);
    await submitRequest(portal, { kind: "RECTIFICATION", details: "My GP changed to Dr Lee." }, context);
    // Someone without portal access, on the public request form: their contact details are in the vault.
    const publicRequest = await submitPublicRequest(a.practiceId, { kind: "ACCESS", fullName: REQUESTER, dateOfBirth: "1988-02-29", email: "rowena@example.org", details: "Please send me a copy of my records." }, context);
    // The practice's own appointment types: one added, one built-in archived and moved.
    const { createAppointmentType, setAppointmentTypeArchived, moveAppointmentType } = await import("@/lib/schedule/manage-types");
    const couples = await createAppointmentType(owner!, { name: "Couples session", category: "SESSION", durationMinutes: 80, fee: "95.50" }, context);
    const supervision = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner!.practiceId, name: "Supervision" } });
    await setAppointmentTypeArchived(owner!, supervision.id, true, context);
    await moveAppointmentType(owner!, couples.id, "up", context);
    await setTypeNoteTemplate(owner!, couples.id, { template: intake.id }, context);
    // The room list: one archived room; the appointment below names a room never put on the list
    // (data from before rooms were a list), which the restore adds to it.
    await db.prisma.practiceRoom.create({ data: { practiceId: owner!.practiceId, name: "Garden room", archivedAt: new Date("2026-09-01T00:00:00Z") } });
    const sessionType = (await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner!.practiceId, name: "Session" } })).id;
    await setTypeNoteTemplate(owner!, sessionType, { template: "SOAP" }, context);
    // An attended, paid appointment of that type, with the draft note linked to it.
    const appointment = await db.prisma.appointment.create({
      data: { practiceId: a.practiceId, clientId: a.id, clinicianId: therapist!.membershipId, startsAt: new Date("2026-10-08T09:00:00Z"), endsAt: new Date("2026-10-08T09:50:00Z"), type: "SESSION", practiceTypeId: couples.id, room: "Room 2", status: "ATTENDED", feePence: 7500, paymentState: "PAID", paidAt: new Date("2026-10-09T12:00:00Z"), createdById: therapist!.membershipId },
    });
    await db.prisma.note.update({ where: { id: draft.id }, data: { appointmentId: appointment.id } });
    // Its reminder email went out: the restored schedule must not send it again.
    await db.prisma.appointmentReminder.create({ data: { appointmentId: appointment.id, practiceId: a.practiceId, status: "SENT", sentAt: new Date("2026-10-07T09:00:00Z") } });
    await inviteReflectionConnection(therapist!, await findClientFor(therapist!, a.code, context), context);
    await answerReflectionConnection(portal, true, context);
    // Consent to reminders, recorded in session: restored with the member who recorded it.
    await (await import("@/lib/reminders/consent")).recordReminderConsent(therapist!, await findClientFor(therapist!, a.code, context), true, context);
    // Measures: a PHQ-9 answered in the portal before the appointment, a CORE-10 recorded in session
    // with one item left out, and a GAD-7 still half answered; all come back with their answers.
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { listPendingMeasures, answerPendingMeasure } = await import("@/lib/measures/portal-measures");
    const { recordMeasureInSession } = await import("@/lib/measures/record-in-session");
    await assignMeasure(therapist!, a.code, { measure: "PHQ9", schedule: "ONCE" }, context);
    await assignMeasure(therapist!, a.code, { measure: "GAD7", schedule: "ONCE" }, context);
    const [phq, gad] = await listPendingMeasures(portal);
    await answerPendingMeasure(portal, phq!.id, { item1: "2", item2: "2", item3: "1", item4: "1", item5: "0", item6: "3", item7: "1", item8: "0", item9: "1" }, true, context);
    await answerPendingMeasure(portal, gad!.id, { item1: "3", item2: "2" }, false, context);
    await recordMeasureInSession(therapist!, a.code, { measure: "CORE10", item1: "3", item2: "1", item3: "2", item4: "2", item5: "1", item6: "0", item7: "4", item8: "2", item9: "3" }, context);
    // Invoices: settings and a registration, October's invoice for client a, a partial payment
    // and a refund of part of it, then a credit note for the invoice; the addressee is sealed.
    const { saveInvoiceSettings, saveRegistration } = await import("@/lib/invoices/settings");
    const { issueInvoices } = await import("@/lib/invoices/issue-invoices");
    const { recordPayment } = await import("@/lib/invoices/record-payment");
    const { issueCreditNote } = await import("@/lib/invoices/credit-note");
    await saveInvoiceSettings(owner!, { address: "4 Canal St\nBath BA1 1AA", vatExempt: "on", vatExemptText: "Exempt from VAT: medical care.", paymentInstructions: "Sort code 12-34-56", paymentTermsDays: "21", retentionYears: "7" }, context);
    await saveRegistration(owner!, { membershipId: therapist!.membershipId, body: "UKCP", number: "2012345" }, context);
    expect(await issueInvoices(owner!, { month: "2026-10", grouping: "client" }, context)).toMatchObject({ issued: 1, firstNumber: 1, totalMinor: 7500 });
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { practiceId: owner!.practiceId, kind: "INVOICE" } });
    await recordPayment(manager!, invoice.id, { method: "BANK_TRANSFER", amount: "30.00", receivedOn: "2026-11-02" }, context);
    await recordPayment(owner!, invoice.id, { kind: "REFUND", method: "BANK_TRANSFER", amount: "10", receivedOn: "2026-11-03" }, context);
    const credit = await issueCreditNote(owner!, invoice.id, { reason: "fee_changed" }, context);

    await expect(exportPractice(therapist!, { reason: "move" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(exportPractice(manager!, { reason: "move" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(exportPractice({ ...owner!, stepUpAt: null }, { reason: "move" }, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    // Client a is the therapist's alone: the owner gives a reason to take their records along.
    const { zip } = await exportPractice(owner!, { reason: "move" }, context);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining(["manifest.json", "README.txt", "IDENTITIES-SPECIAL-CATEGORY-DATA.txt", "identities.csv", "identities.json", "clients.csv", "notes.json", "note_versions.json", "note_addenda.json", "reflections.json", "data_requests.json", "request_contacts.json", "request_contacts.csv", "audit_events.csv"]),
    );
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!));
    expect(manifest).toMatchObject({ format: "confide-practice-export", formatVersion: 1, counts: { clients: 2, identities: 1, appointment_types: 5, appointments: 1, notes: 4, note_versions: 6, note_addenda: 2, reflections: 1, data_requests: 2, request_contacts: 1, measure_assignments: 2, measure_responses: 3, invoice_settings: 1, clinician_registrations: 1, document_counters: 3, invoices: 2, invoice_lines: 2, invoice_payments: 2, invoice_addressees: 2 } });
    expect(strFromU8(files["invoice_addressees.csv"]!)).toContain(NAME);
    expect(strFromU8(files["invoices.csv"]!)).not.toContain(NAME);
    expect(strFromU8(files["IDENTITIES-SPECIAL-CATEGORY-DATA.txt"]!)).toMatch(/invoice_addressees\.csv/);
    expect(strFromU8(files["identities.csv"]!)).toContain(NAME);
    expect(strFromU8(files["request_contacts.csv"]!)).toContain(REQUESTER);
    expect(strFromU8(files["data_requests.csv"]!)).not.toContain(REQUESTER);
    expect(strFromU8(files["IDENTITIES-SPECIAL-CATEGORY-DATA.txt"]!)).toMatch(/request_contacts\.csv/);
    expect(strFromU8(files["appointments.csv"]!)).not.toContain(NAME);
    expect(strFromU8(files["clients.csv"]!)).not.toContain(NAME);
    expect(strFromU8(files["README.txt"]!)).toMatch(/SPECIAL-CATEGORY PERSONAL DATA/);
    const exported = await db.prisma.auditEvent.findFirstOrThrow({ where: { practiceId: owner!.practiceId, action: "practice.exported" } });
    expect(exported.details).toMatchObject({ clients: 2, identities: 1, records: 4, addenda: 2, requests: 2, requestContacts: 1, reason: "move", unassignedClients: 1, processLeftOut: 1, reflectionsLeftOut: 1 });
    expect(JSON.stringify(exported.details)).not.toContain("Philippa");
    expect(JSON.stringify(exported.details)).not.toContain("Rowena");

    // Another practice's owner exports their own practice only.
    const [stranger] = await practiceWith("Elsewhere", [{ email: `stranger-${tag}@transfer.test`, role: "OWNER" }]);
    const theirs = unzipSync((await exportPractice(stranger!, {}, context)).zip);
    expect(JSON.parse(strFromU8(theirs["manifest.json"]!)).counts).toMatchObject({ clients: 0, identities: 0, notes: 0, reflections: 0 });
    expect(strFromU8(theirs["audit_events.json"]!)).not.toContain(owner!.practiceId);

    const before = await collectPractice(owner!.practiceId, owner!.membershipId);
    const invoiceStates = async (load: typeof import("@/lib/invoices/open-invoice").loadInvoiceDocument, practiceId: string) =>
      Promise.all([invoice.id, credit.id].map(async (id) => {
        const doc = await load(practiceId, id);
        return { number: doc?.number, status: doc?.status, money: doc?.money, balanceMinor: doc?.balanceMinor };
      }));
    const sourceStates = await invoiceStates((await import("@/lib/invoices/open-invoice")).loadInvoiceDocument, owner!.practiceId);
    const sourceEmails = new Map(before.members.map((m) => [m.memberId, m.email]));

    // Another instance: its own database and master keys.
    target = await createTestDatabase();
    await switchInstance(target);
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const [lonely] = await practiceWith("Missing members", [{ email: OWNER_EMAIL, role: "OWNER" }]);
    const refused = await importPractice(lonely!, zip, context);
    expect(refused).toMatchObject({ ok: false, problems: [expect.stringContaining(THERAPIST_EMAIL)] });
    expect(await db.prisma.client.count()).toBe(0);

    const [newOwner] = await practiceWith("Restored practice", [
      { email: OWNER_EMAIL, role: "OWNER" },
      { email: THERAPIST_EMAIL, role: "THERAPIST" },
      // The manager recorded a payment: every member an archive's rows name is invited first.
      { email: `manager-${tag}@transfer.test`, role: "MANAGER" },
    ]);
    await expect(importPractice({ ...newOwner!, stepUpAt: null }, zip, context)).rejects.toMatchObject({ code: "step_up_required" });
    const result = await importPractice(newOwner!, zip, context);
    expect(result).toMatchObject({ ok: true, counts: { clients: 2, identities: 1, notes: 4, note_versions: 6, note_addenda: 2, reflections: 1, data_requests: 2, request_contacts: 1 } });

    const after = await collectPractice(newOwner!.practiceId, newOwner!.membershipId);
    const targetEmails = new Map(after.members.map((m) => [m.memberId, m.email]));
    // Member ids differ between instances: compare them by email, and everything else exactly.
    const byEmail = (rows: unknown, emails: Map<string, string>) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "string" && emails.has(v) ? `member:${emails.get(v)}` : v)));
    for (const entity of ["clients", "identities", "note_templates", "appointment_types", "appointments", "notes", "note_versions", "note_addenda", "reflections", "measure_assignments", "measure_responses", "data_requests", "request_contacts", "invoice_settings", "clinician_registrations", "document_counters", "invoices", "invoice_lines", "invoice_payments", "invoice_addressees"] as const) {
      expect(byEmail(after[entity], targetEmails), entity).toEqual(byEmail(before[entity], sourceEmails));
    }
    expect(after.notes.find((n) => n.id === signed.id)).toMatchObject({ status: "SIGNED", content: { sections: { subjective: "Low mood, poor sleep. Ünïcödé ✓" } } });
    expect(after.notes.find((n) => n.id === ownProcessNote.id)).toMatchObject({ kind: "PROCESS", content: { sections: { body: "My own reactions" } } });
    expect(after.notes.find((n) => n.id === processNote.id)).toBeUndefined();
    expect(after.reflections.map((r) => r.text)).toEqual(["I noticed I slept better."]);
    expect(after.measure_responses.map((r) => [r.measure, r.answers, r.completedAt !== null])).toEqual([
      ["PHQ9", [2, 2, 1, 1, 0, 3, 1, 0, 1], true],
      ["GAD7", [3, 2, null, null, null, null, null], false],
      ["CORE10", [3, 1, 2, 2, 1, 0, 4, 2, 3, null], true],
    ]);
    expect((await db.prisma.measureResponse.findMany({ where: { practiceId: newOwner!.practiceId }, orderBy: { createdAt: "asc" } })).map((r) => [r.score, r.risk])).toEqual([[11, true], [null, false], [22.2, false]]);
    expect(after.notes.find((n) => n.id === draft.id)).toMatchObject({ appointmentId: appointment.id });
    expect(after.notes.find((n) => n.id === other.id)).toMatchObject({ layout: { name: "Intake, practice", sections: [{ label: "First contact" }, { label: "Plan" }] }, practiceTemplateId: intake.id, discardedAt: "2026-10-10T10:00:00.000Z" });
    expect(after.note_templates.map((t) => [t.name, t.sections.map((x) => [x.key, x.label, x.prompt]), t.archivedAt !== null])).toEqual([
      ["Intake, practice", [["s1", "First contact", "Who referred"], ["s2", "Plan", ""]], false],
      ["Old review", [["s1", "Review", ""]], true],
    ]);
    expect(after.appointment_types.find((t) => t.name === "Couples session")).toMatchObject({ noteTemplateId: intake.id, noteTemplate: null });
    expect(before.rooms.map((r) => [r.name, r.archivedAt])).toEqual([["Garden room", "2026-09-01T00:00:00.000Z"]]);
    expect(after.rooms.map((r) => [r.name, r.archivedAt])).toEqual([["Garden room", "2026-09-01T00:00:00.000Z"], ["Room 2", null]]);
    expect(after.appointment_types.find((t) => t.name === "Session")).toMatchObject({ noteTemplate: "SOAP", noteTemplateId: null });
    expect(after.appointments).toEqual([expect.objectContaining({ id: appointment.id, clientCode: a.code, status: "ATTENDED", feePence: 7500, paymentState: before.appointments[0]!.paymentState, room: "Room 2", typeId: couples.id, reminderSentAt: "2026-10-07T09:00:00.000Z" })]);
    expect(await db.prisma.appointmentReminder.findUnique({ where: { appointmentId: appointment.id } })).toMatchObject({ status: "SENT", sentAt: new Date("2026-10-07T09:00:00Z") });
    // The restored practice's types are the archive's (its built-ins replaced), order and archive kept.
    expect(after.appointment_types.map((t) => [t.name, t.durationMinutes, t.feePence, t.archivedAt !== null])).toEqual([
      ["Assessment", 60, 0, false],
      ["Session", 50, 0, false],
      ["Review", 50, 0, false],
      ["Couples session", 80, 9550, false],
      ["Supervision", 60, 0, true],
    ]);
    expect(after.clients.find((c) => c.code === a.code)).toMatchObject({ reflectionsInvitedAt: expect.any(String), reflectionsAcceptedAt: expect.any(String), remindersOptedInAt: expect.any(String), remindersOptInById: [...targetEmails].find(([, email]) => email === THERAPIST_EMAIL)![0] });
    expect(after.data_requests[0]!.details).toBe("My GP changed to Dr Lee.");
    // The public form's contact details come back in the vault, readable as the owner would reveal them.
    expect(after.request_contacts).toEqual([{ requestId: publicRequest.id, fullName: REQUESTER, dateOfBirth: "1988-02-29", email: "rowena@example.org", phone: null, clientCode: null, details: "Please send me a copy of my records." }]);
    const { readRequestContact } = await import("@/lib/vault/request-contact");
    expect(await readRequestContact(newOwner!.practiceId, publicRequest.id)).toMatchObject({ fullName: REQUESTER, email: "rowena@example.org" });

    // Readable through the app as the assigned clinician, under this instance's keys.
    const { readNote } = await import("@/lib/notes/read-note");
    const restoredTherapist = await db.prisma.membership.findFirstOrThrow({ where: { practiceId: newOwner!.practiceId, role: "THERAPIST" } });
    const therapistActor: Actor = { ...newOwner!, membershipId: restoredTherapist.id, userId: restoredTherapist.userId, role: "THERAPIST" };
    const view = await readNote(therapistActor, a.code, signed.id, context);
    expect(view.addenda.map((x) => x.text)).toEqual(["Client called: diary started.", "Second addendum, \"quoted\", with a comma."]);

    // The source's trail stays in the archive; here the import is one event with counts.
    const events = await db.prisma.auditEvent.findMany({ where: { practiceId: newOwner!.practiceId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["practice.imported", "note.read"]);
    expect(events[0]!.details).toMatchObject({ clients: 2, records: 4, archivedAuditEvents: manifest.counts.audit_events });

    // Invoices came back as issued: numbers, lines, payments, the credit note's reference; the
    // status follows from them; the addressee opens through the audited path; numbering goes on.
    expect(after.invoices.map((i) => [i.kind, i.number, i.totalMinor, i.creditsInvoiceId, i.creditReason, i.clientCode])).toEqual([
      ["INVOICE", 1, 7500, null, null, a.code],
      ["CREDIT_NOTE", 1, -7500, invoice.id, "fee_changed", a.code],
    ]);
    expect(after.invoice_payments.map((p) => [p.kind, p.amountMinor, p.receivedOn, p.receiptNumber])).toEqual([
      ["PAYMENT", 3000, "2026-11-02", 1],
      ["REFUND", 1000, "2026-11-03", null],
    ]);
    expect(after.invoice_lines.map((l) => [l.invoiceId, l.amountMinor, l.registration, l.appointmentId])).toEqual(
      expect.arrayContaining([
        [invoice.id, 7500, "UKCP 2012345", appointment.id],
        [credit.id, -7500, "UKCP 2012345", null],
      ]),
    );
    const { loadInvoiceDocument, openInvoice } = await import("@/lib/invoices/open-invoice");
    expect(await invoiceStates(loadInvoiceDocument, newOwner!.practiceId)).toEqual(sourceStates);
    expect(sourceStates[0]).toMatchObject({ number: "INV-000001", money: { totalMinor: 7500, paidMinor: 2000, creditedMinor: -7500 } });
    // The statements' rule still holds: the owner, not assigned to client a, may not see the name until assigned.
    await expect(openInvoice(newOwner!, invoice.id, context)).rejects.toMatchObject({ code: "reveal_not_permitted" });
    await db.prisma.clientAssignment.create({ data: { clientId: a.id, membershipId: newOwner!.membershipId } });
    const opened = await openInvoice(newOwner!, invoice.id, context);
    expect(opened.addressee?.name).toBe(NAME);
    expect(await db.prisma.auditEvent.count({ where: { practiceId: newOwner!.practiceId, action: "invoice.opened" } })).toBe(1);
    // The credited appointment may be invoiced again: the next invoice number follows the archive's.
    expect(await issueInvoices(newOwner!, { month: "2026-10", grouping: "client" }, context)).toMatchObject({ issued: 1, firstNumber: 2 });

    // Not twice, and not into a practice with clients.
    expect(await importPractice(newOwner!, zip, context)).toMatchObject({ ok: false, problems: [expect.stringMatching(/empty practice/)] });
    const [fresh] = await practiceWith("Second target", [
      { email: OWNER_EMAIL, role: "OWNER" },
      { email: THERAPIST_EMAIL, role: "THERAPIST" },
      { email: `manager-${tag}@transfer.test`, role: "MANAGER" },
    ]);
    expect(await importPractice(fresh!, zip, context)).toMatchObject({ ok: false, problems: [expect.stringMatching(/already in use/)] });
  });

  it("refuses a tampered archive and one with entities it does not know", async () => {
    const { zipSync } = await import("fflate");
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const { archiveOf, collectPractice } = await import("@/lib/transfer/export-practice");
    const restored = await db.prisma.practice.findFirstOrThrow({ where: { name: "Restored practice" } });
    const restoredOwner = await db.prisma.membership.findFirstOrThrow({ where: { practiceId: restored.id, role: "OWNER" } });
    const rows = await collectPractice(restored.id, restoredOwner.id);
    const good = unzipSync(archiveOf({ id: restored.id, name: "R", timeZone: "Europe/London" }, rows, { processNotes: 0, processNoteVersions: 0, processNoteAddenda: 0, unsharedReflections: 0 }));
    const [owner] = await practiceWith("Tamper target", [{ email: `t-${tag}@transfer.test`, role: "OWNER" }]);

    const notes = JSON.parse(strFromU8(good["notes.json"]!));
    notes.find((n: { status: string }) => n.status === "SIGNED").content.sections.plan = "Rewritten later";
    const manifest = JSON.parse(strFromU8(good["manifest.json"]!));
    delete manifest.sha256["notes.json"];
    const tampered = zipSync({ ...good, "notes.json": new TextEncoder().encode(JSON.stringify(notes)), "manifest.json": new TextEncoder().encode(JSON.stringify(manifest)) });
    const result = await importPractice(owner!, tampered, context);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/does not match its signature hash/);

    const future = zipSync({ ...good, "manifest.json": new TextEncoder().encode(JSON.stringify({ ...JSON.parse(strFromU8(good["manifest.json"]!)), counts: { ...manifest.counts, prescriptions: 3 } })) });
    expect(await importPractice(owner!, future, context)).toMatchObject({ ok: false, problems: [expect.stringMatching(/holds 3 "prescriptions" rows/)] });
    await expect(importPractice(owner!, new TextEncoder().encode("not a zip"), context)).rejects.toMatchObject({ status: 400 });
  });

  it("refuses note templates whose live names this practice already uses, types or notes naming a template the archive lacks, and hostile room names", async () => {
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const { archiveOf, collectPractice } = await import("@/lib/transfer/export-practice");
    const { createPracticeTemplate } = await import("@/lib/notes/manage-practice-templates");
    const restored = await db.prisma.practice.findFirstOrThrow({ where: { name: "Restored practice" } });
    const restoredOwner = await db.prisma.membership.findFirstOrThrow({ where: { practiceId: restored.id, role: "OWNER" } });
    const rows = await collectPractice(restored.id, restoredOwner.id);
    const [owner] = await practiceWith("Template clash", [{ email: `tc-${tag}@transfer.test`, role: "OWNER" }]);
    await createPracticeTemplate(owner!, { name: "intake, PRACTICE", sections: [{ label: "Notes", prompt: "" }] }, context);
    const intake = rows.note_templates.find((t) => t.name === "Intake, practice")!;
    const stray = "00000000-0000-4000-8000-00000000abcd";
    const edited = {
      ...rows,
      appointment_types: rows.appointment_types.map((t) => (t.noteTemplateId === intake.id ? { ...t, noteTemplateId: stray } : t)),
      notes: rows.notes.map((n) => (n.practiceTemplateId === intake.id ? { ...n, practiceTemplateId: stray } : n)),
      // A hostile room name would become a room on the list: refused too.
      appointments: rows.appointments.map((a) => ({ ...a, room: "R".repeat(100_000) })),
    };
    const zip = archiveOf({ id: restored.id, name: "R", timeZone: "Europe/London" }, edited, { processNotes: 0, processNoteVersions: 0, processNoteAddenda: 0, unsharedReflections: 0 });
    const result = await importPractice(owner!, zip, context);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(expect.arrayContaining([
      "This practice already has a note template called Intake, practice: rename or archive it first.",
      "Appointment type Couples session starts notes from a template that is not in note_templates.json.",
      expect.stringMatching(/^Note [0-9a-f-]+ was started from a template that is not in note_templates\.json\.$/),
      expect.stringMatching(/^Appointment [0-9a-f-]+ names a room that is empty or longer than 80 characters\.$/),
    ]));
    expect(await db.prisma.practiceRoom.count({ where: { practiceId: owner!.practiceId } })).toBe(0);
    // Nothing was written: the practice still has only its own template.
    expect(await db.prisma.practiceNoteTemplate.count({ where: { practiceId: owner!.practiceId } })).toBe(1);
  });

  it("refuses invoices that point at unknown clients or invoices, counters behind their numbers, and invoice ids already in use", async () => {
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const { archiveOf, collectPractice } = await import("@/lib/transfer/export-practice");
    const restored = await db.prisma.practice.findFirstOrThrow({ where: { name: "Restored practice" } });
    const restoredOwner = await db.prisma.membership.findFirstOrThrow({ where: { practiceId: restored.id, role: "OWNER" } });
    const rows = await collectPractice(restored.id, restoredOwner.id);
    expect(rows.invoices.length).toBeGreaterThan(1);
    // New client codes throughout, so the check goes on to the ids (the codes are free, the ids are not).
    const codes = new Map(rows.clients.map((c, i) => [c.code, `Z${String(i).padStart(3, "0")}${tag.toUpperCase()}ZZ`.slice(0, 12)]));
    const renamed = JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "string" && codes.has(v) ? codes.get(v) : v)));
    const [owner] = await practiceWith("Invoice tamper target", [
      { email: OWNER_EMAIL, role: "OWNER" },
      { email: THERAPIST_EMAIL, role: "THERAPIST" },
      { email: `manager-${tag}@transfer.test`, role: "MANAGER" },
    ]);
    const leftOut = { processNotes: 0, processNoteVersions: 0, processNoteAddenda: 0, unsharedReflections: 0 };
    const inUse = await importPractice(owner!, archiveOf({ id: restored.id, name: "R", timeZone: "Europe/London" }, renamed, leftOut), context);
    expect(JSON.stringify(inUse)).toMatch(/invoice ids are already used/);
    expect(JSON.stringify(inUse)).toMatch(/payment ids are already used/);

    const broken = structuredClone(renamed);
    broken.invoices[0].clientCode = "QQQQQQQQQQQQ";
    broken.invoice_payments[0].invoiceId = "00000000-0000-4000-8000-00000000abcd";
    broken.invoices.find((i: { kind: string }) => i.kind === "CREDIT_NOTE").creditsInvoiceId = "00000000-0000-4000-8000-00000000abce";
    broken.document_counters.find((c: { series: string }) => c.series === "INVOICE").next = 1;
    const refused = await importPractice(owner!, archiveOf({ id: restored.id, name: "R", timeZone: "Europe/London" }, broken, leftOut), context);
    expect(refused.ok).toBe(false);
    const text = JSON.stringify(refused);
    expect(text).toMatch(/Invoice [0-9a-f-]+ belongs to a client code that is not in clients.json/);
    expect(text).toMatch(/Payment [0-9a-f-]+ belongs to an invoice that is not in invoices.json/);
    expect(text).toMatch(/Credit note [0-9a-f-]+ refers to an invoice that is not in invoices.json/);
    expect(text).toMatch(/invoice counter in document_counters.json is not past the highest number used/);
    expect(await db.prisma.client.count({ where: { practiceId: owner!.practiceId } })).toBe(0);
    expect(await db.prisma.invoice.count({ where: { practiceId: owner!.practiceId } })).toBe(0);
  });
});
