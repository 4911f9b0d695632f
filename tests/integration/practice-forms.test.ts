import { randomBytes } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { switchInstance } from "../support/instance";
import { createMember, createPractice, createUser, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Practice forms against a real database: building and versioning, sending once, answering in
// the portal across two sittings, identity answers in the vault (never in a clinical table),
// consents with their exact version, reading and revealing, the access copy, erasure, scoping
// across practices and clients, and the practice export round trip onto another instance.

const context = { requestId: null, ip: "198.51.100.61", userAgent: "forms-test" };
const tag = randomBytes(3).toString("hex");
const OWNER_EMAIL = `forms-owner-${tag}@forms.test`;
const THERAPIST_EMAIL = `forms-therapist-${tag}@forms.test`;
// What the client types: distinctive enough to find anywhere it might leak.
const TYPED_NAME = "Marguerite Quillon-Abernethy";
const DOB = "1987-03-14";
const CLINICAL = "Panic attacks on the train since spring";
const STATEMENT = "I understand what the practice keeps about me and agree to start therapy.";

const db = setUpTestDatabase();
let target: TestDatabase | undefined;
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;

beforeAll(async () => {
  const practice = await createPractice({ name: "Forms practice" });
  const other = await createPractice({ name: "Elsewhere" });
  owner = await createMember({ practice, role: "OWNER", user: await createUser({ email: OWNER_EMAIL, displayName: "Owner" }) });
  therapist = await createMember({ practice, role: "THERAPIST", user: await createUser({ email: THERAPIST_EMAIL, displayName: "Therapist" }) });
  colleague = await createMember({ practice, role: "THERAPIST", tag: "colleague" });
  manager = await createMember({ practice, role: "MANAGER", tag: "manager" });
  outsider = await createMember({ practice: other, role: "OWNER", tag: "outsider" });
});

afterAll(async () => {
  await target?.drop();
});

const portalFor = (client: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: false });

/** An intake form: name and date of birth (vault), a clinical question, a choice, and a consent; published. */
async function intakeForm(title = "Before your first session") {
  const { createForm, editForm, publishForm, loadForm } = await import("@/lib/forms/build");
  const formId = await createForm(owner, { title }, context);
  const add = (f: Record<string, string>) => editForm(owner, formId, { op: "add", help: "", options: "", statement: "", required: "on", ...f }, context);
  await add({ kind: "short_text", label: "Your full name", home: "fullName" });
  await add({ kind: "date", label: "Your date of birth", home: "dateOfBirth" });
  await add({ kind: "long_text", label: "What brings you to therapy?", home: "clinical" });
  await add({ kind: "choice", label: "How often do you feel this way?", home: "clinical", options: "Rarely\nSometimes\nMost days", required: "" });
  await add({ kind: "consent", label: "Consent to therapy", home: "clinical", statement: STATEMENT });
  await publishForm(owner, formId, context);
  const { version } = await loadForm(owner, formId);
  return { formId, fields: version.fields };
}

async function newClient(actor: Actor = therapist) {
  const { createClient } = await import("@/lib/clients/create-client");
  return (await createClient(actor, { label: "Wednesday" }, context)).client;
}

/** Every row of every table of both schemas, as text, that holds any of these. */
async function tablesHolding(needles: string[], schemas = ["public", "vault"]) {
  const found: string[] = [];
  for (const schema of schemas) {
    const tables = await sql<{ table_name: string }>(db.database.ownerUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema]);
    for (const { table_name } of tables) {
      const rows = await sql<{ row: Record<string, unknown> }>(db.database.ownerUrl, `SELECT to_jsonb(t) AS row FROM "${schema}"."${table_name}" t`);
      for (const row of rows) for (const [column, value] of Object.entries(row.row)) for (const needle of needles) if (JSON.stringify(value).includes(needle)) found.push(`${schema}.${table_name}.${column}`);
    }
  }
  return [...new Set(found)];
}

describe("building forms", () => {
  it("versions a form: a published version never changes, an edit makes the next draft, and sent forms keep theirs", async () => {
    const { editForm, publishForm, loadForm } = await import("@/lib/forms/build");
    const { sendForm } = await import("@/lib/forms/send");
    const { formId, fields } = await intakeForm("Versioned");
    const client = await newClient();
    await sendForm(therapist, client.code, { formId }, context);
    const v1 = await db.prisma.practiceFormVersion.findFirstOrThrow({ where: { formId, number: 1 } });
    expect(v1.publishedAt).not.toBeNull();
    expect(v1.contentHash).toHaveLength(32);
    // The database refuses to change or delete a published version, whoever asks.
    await expect(db.prisma.practiceFormVersion.update({ where: { id: v1.id }, data: { title: "Changed" } })).rejects.toThrow(/never changes/);
    await expect(db.prisma.practiceFormVersion.delete({ where: { id: v1.id } })).rejects.toThrow(/never changes/);
    await expect(publishForm(owner, formId, context)).rejects.toMatchObject({ status: 409, code: "already_published" });

    expect(await editForm(owner, formId, { op: "remove", fieldId: fields[3]!.id }, context)).toBe(2);
    expect(await editForm(owner, formId, { op: "up", fieldId: fields[1]!.id }, context)).toBe(2);
    const draft = await loadForm(owner, formId);
    expect(draft.version).toMatchObject({ number: 2, published: false });
    expect(draft.version.fields.map((f) => f.label)).toEqual(["Your date of birth", "Your full name", "What brings you to therapy?", "Consent to therapy"]);
    expect(draft.publishedNumber).toBe(1);
    expect((await db.prisma.practiceFormVersion.findUniqueOrThrow({ where: { id: v1.id } })).fields).toHaveLength(5);
    // What was sent points at version 1 still; a new send (another client) gets version 2 once published.
    await publishForm(owner, formId, context);
    const other = await newClient();
    await sendForm(therapist, other.code, { formId }, context);
    const sent = await db.prisma.clientForm.findMany({ where: { formId }, include: { version: { select: { number: true } } }, orderBy: { sentAt: "asc" } });
    expect(sent.map((s) => s.version.number)).toEqual([1, 2]);
    const trail = await db.prisma.auditEvent.findMany({ where: { practiceId: owner.practiceId, targetId: formId }, orderBy: { seq: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["form.created", ...Array(5).fill("form.edited"), "form.published", "form.edited", "form.edited", "form.published"]);
  });

  it("is for owners only, refuses bad and oversized questions with a clear message, and changes nothing then", async () => {
    const { createForm, editForm, loadForm } = await import("@/lib/forms/build");
    await expect(createForm(therapist, { title: "Mine" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(createForm(manager, { title: "Mine" }, context)).rejects.toMatchObject({ status: 403 });
    const formId = await createForm(owner, { title: "Bounds" }, context);
    await expect(loadForm(outsider, formId)).rejects.toMatchObject({ status: 404 });
    await expect(editForm({ ...outsider, role: "OWNER" }, formId, { op: "title", title: "Taken" }, context)).rejects.toMatchObject({ status: 404 });
    const add = (f: Record<string, string>) => editForm(owner, formId, { op: "add", help: "", options: "", statement: "", home: "clinical", kind: "short_text", label: "Q", ...f }, context);
    await expect(add({ kind: "short_text", home: "dateOfBirth" })).rejects.toMatchObject({ status: 400, userMessage: expect.stringMatching(/Date of birth must be a date question/) });
    await expect(add({ kind: "choice", options: "Only one" })).rejects.toMatchObject({ status: 400, userMessage: expect.stringMatching(/at least two choices/) });
    await expect(add({ label: "x".repeat(5000) })).rejects.toThrow(/under 200 characters/);
    for (let i = 0; i < 40; i++) await add({ label: `Question ${i + 1}` });
    await expect(add({ label: "One too many" })).rejects.toMatchObject({ status: 400, userMessage: expect.stringMatching(/at most 40 questions/) });
    expect((await loadForm(owner, formId)).version.fields).toHaveLength(40);
  });
});

describe("sending and answering", () => {
  it("sends once, answers in two sittings, keeps identity in the vault and each consent with its version and time", async () => {
    const { sendForm, listSentForms } = await import("@/lib/forms/send");
    const { listOwnForms, openOwnForm, saveFormPage, submitOwnForm } = await import("@/lib/forms/portal-forms");
    const { readFormIdentityAnswers } = await import("@/lib/vault/form-answers");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const { findClientFor } = await import("@/lib/clients/access");
    const { formId, fields } = await intakeForm();
    const client = await newClient();
    const portal = portalFor(client);
    await sendForm(therapist, client.code, { formId }, context);
    await expect(sendForm(owner, client.code, { formId }, context)).rejects.toMatchObject({ status: 409, code: "already_sent" });
    // Others cannot send to this client: a manager, an unassigned colleague, another practice.
    await expect(sendForm(manager, client.code, { formId }, context)).rejects.toMatchObject({ status: 403 });
    await expect(sendForm(colleague, client.code, { formId }, context)).rejects.toMatchObject({ status: 404 });
    await expect(sendForm(outsider, client.code, { formId }, context)).rejects.toMatchObject({ status: 404 });
    const [sent] = await listOwnForms(portal);
    expect(sent).toMatchObject({ title: "Before your first session", status: "sent" });
    const id = sent!.id;

    // First sitting: page 1 (name, date of birth, clinical answer); a bad date is refused, nothing saved.
    const [name, dob, why, often, consent] = fields;
    await expect(saveFormPage(portal, id, 0, { [name!.id]: TYPED_NAME, [dob!.id]: "2999-01-01", [why!.id]: CLINICAL }, context)).rejects.toMatchObject({ status: 400, userMessage: expect.stringMatching(/^Question 2: .*in the past/) });
    expect((await openOwnForm(portal, id)).answers).toEqual({});
    expect(await saveFormPage(portal, id, 0, { [name!.id]: TYPED_NAME, [dob!.id]: DOB, [why!.id]: CLINICAL }, context)).toBe(1);
    expect((await listSentForms((await findClientFor(therapist, client.code, context)))).map((f) => f.status)).toEqual(["started"]);
    // They leave; coming back resumes at page 2 with their answers kept.
    const resumed = await openOwnForm(portal, id);
    expect(resumed).toMatchObject({ resumePage: 1, answers: { [name!.id]: TYPED_NAME, [dob!.id]: DOB, [why!.id]: CLINICAL } });
    await expect(submitOwnForm(portal, id, context)).rejects.toMatchObject({ status: 400, userMessage: expect.stringMatching(/Question 5 needs an answer/) });
    // Second sitting: the choice and the consent, signed with a typed name.
    await expect(saveFormPage(portal, id, 1, { [often!.id]: "Always", [consent!.id]: TYPED_NAME, [`${consent!.id}__agree`]: "on" }, context)).rejects.toMatchObject({ status: 400 });
    expect(await saveFormPage(portal, id, 1, { [often!.id]: "Most days", [consent!.id]: TYPED_NAME, [`${consent!.id}__agree`]: "on" }, context)).toBeNull();
    // Sending twice at once: one is sent, the other is told.
    const sends = await Promise.allSettled([submitOwnForm(portal, id, context), submitOwnForm(portal, id, context)]);
    expect(sends.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    await expect(submitOwnForm(portal, id, context)).rejects.toMatchObject({ status: 409 });
    await expect(saveFormPage(portal, id, 0, { [name!.id]: "Someone else" }, context)).rejects.toMatchObject({ status: 409 });

    // The consent: the exact version, the statement's hash, the time and the flag; no name.
    const row = await db.prisma.clientForm.findUniqueOrThrow({ where: { id }, include: { consents: true, version: true } });
    expect(row.submittedAt).not.toBeNull();
    expect(row.consents).toEqual([expect.objectContaining({ formVersionId: row.formVersionId, fieldId: consent!.id, agreed: true, recordedAt: expect.any(Date) })]);
    expect(Buffer.from(row.consents[0]!.statementHash).toString("hex")).toBe((await import("@/lib/forms/schema")).statementHash(STATEMENT).toString("hex"));
    // Identity answers and the typed name are in the vault, and filled in the client's identity.
    expect(await readFormIdentityAnswers(owner.practiceId, id)).toEqual({ [name!.id]: TYPED_NAME, [dob!.id]: DOB, [consent!.id]: TYPED_NAME });
    expect(await readFormIdentityAnswers(outsider.practiceId, id)).toEqual({});
    expect(await readIdentity(client)).toMatchObject({ fullName: TYPED_NAME, dateOfBirth: DOB });
    // Not in any clinical table, in any column, in any form: only the vault holds them.
    expect(await tablesHolding([TYPED_NAME, "Quillon", DOB, CLINICAL], ["public"])).toEqual([]);
    expect(await tablesHolding([TYPED_NAME, DOB, CLINICAL], ["vault"])).toEqual([]);

    const actions = (await db.prisma.auditEvent.findMany({ where: { practiceId: owner.practiceId, targetId: client.code }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["form.sent", "form.answers_saved", "form.submitted", "identity.recorded"]));
    expect(actions.filter((a) => a === "form.answers_saved")).toHaveLength(2);
    expect(actions.filter((a) => a === "form.submitted")).toHaveLength(1);
  });

  it("keeps both pages when two tabs save them at the same moment", async () => {
    const { sendForm } = await import("@/lib/forms/send");
    const { openOwnForm, saveFormPage } = await import("@/lib/forms/portal-forms");
    const { formId, fields } = await intakeForm("Two tabs");
    const [name, dob, why, often, consent] = fields;
    for (let round = 0; round < 3; round++) {
      const client = await newClient();
      const portal = portalFor(client);
      await sendForm(therapist, client.code, { formId }, context);
      const id = (await db.prisma.clientForm.findFirstOrThrow({ where: { clientId: client.id } })).id;
      await Promise.all([
        saveFormPage(portal, id, 0, { [name!.id]: TYPED_NAME, [dob!.id]: DOB, [why!.id]: CLINICAL }, context),
        saveFormPage(portal, id, 1, { [often!.id]: "Most days", [consent!.id]: TYPED_NAME, [`${consent!.id}__agree`]: "on" }, context),
      ]);
      expect(Object.keys((await openOwnForm(portal, id)).answers).sort()).toEqual([name!.id, dob!.id, why!.id, often!.id, consent!.id].sort());
    }
  });

  it("shows answers to assigned clinicians only: clinical audited on read, identity through an audited reveal", async () => {
    const { sendForm } = await import("@/lib/forms/send");
    const { saveFormPage } = await import("@/lib/forms/portal-forms");
    const { readClientForm, revealFormIdentity } = await import("@/lib/forms/read-answers");
    const { formId, fields } = await intakeForm("Readable");
    const client = await newClient();
    await sendForm(therapist, client.code, { formId }, context);
    const id = (await db.prisma.clientForm.findFirstOrThrow({ where: { clientId: client.id } })).id;
    await saveFormPage(portalFor(client), id, 0, { [fields[0]!.id]: TYPED_NAME, [fields[2]!.id]: CLINICAL }, context);

    const view = await readClientForm(therapist, client.code, id, context);
    expect(view.questions.map((q) => q.answer)).toEqual([null, null, CLINICAL, null, null]);
    expect(JSON.stringify(view)).not.toContain(TYPED_NAME);
    await expect(revealFormIdentity(therapist, client.code, id, { reason: "curiosity" }, context)).rejects.toThrow(/Choose a reason/);
    await expect(revealFormIdentity({ ...therapist, stepUpAt: null }, client.code, id, { reason: "contact" }, context)).rejects.toMatchObject({ status: 403 });
    const shown = await revealFormIdentity(therapist, client.code, id, { reason: "contact" }, context);
    expect(shown.fields).toEqual([{ id: fields[0]!.id, label: "Your full name", value: TYPED_NAME }]);
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: client.code, action: { in: ["form.answers_read", "form.identity_revealed"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["form.answers_read", { client: client.code, form: formId }],
      ["form.identity_revealed", { client: client.code, form: formId, reason: "contact" }],
    ]);
    // The owner (not assigned), a colleague, a manager and another practice read nothing.
    for (const who of [owner, colleague, manager, outsider]) await expect(readClientForm(who, client.code, id, context)).rejects.toMatchObject({ status: 404 });
    await expect(revealFormIdentity(owner, client.code, id, { reason: "contact" }, context)).rejects.toMatchObject({ status: 404 });
    // Another client, even of the same practice, cannot open or answer it in the portal.
    const stranger = portalFor(await newClient());
    const { openOwnForm } = await import("@/lib/forms/portal-forms");
    await expect(openOwnForm(stranger, id)).rejects.toMatchObject({ status: 404 });
    await expect(saveFormPage(stranger, id, 0, { [fields[2]!.id]: "Not mine" }, context)).rejects.toMatchObject({ status: 404 });
    // And a form id from this client under another client's code finds nothing.
    await expect(readClientForm(therapist, (await newClient()).code, id, context)).rejects.toMatchObject({ status: 404 });
  });

  it("puts forms in the client's copy of their data, and erasure leaves nothing of them anywhere", async () => {
    const { sendForm } = await import("@/lib/forms/send");
    const { saveFormPage, submitOwnForm } = await import("@/lib/forms/portal-forms");
    const { buildClientExport } = await import("@/lib/requests/export");
    const { eraseClient } = await import("@/lib/clients/erase");
    const { formId, fields } = await intakeForm("Copy and erase");
    const client = await newClient();
    await sendForm(therapist, client.code, { formId }, context);
    const id = (await db.prisma.clientForm.findFirstOrThrow({ where: { clientId: client.id } })).id;
    const portal = portalFor(client);
    await saveFormPage(portal, id, 0, { [fields[0]!.id]: TYPED_NAME, [fields[1]!.id]: DOB, [fields[2]!.id]: CLINICAL }, context);
    await saveFormPage(portal, id, 1, { [fields[4]!.id]: TYPED_NAME, [`${fields[4]!.id}__agree`]: "on" }, context);
    await submitOwnForm(portal, id, context);

    const copy = unzipSync((await buildClientExport(client.id)).zip);
    const data = JSON.parse(strFromU8(copy["export.json"]!));
    expect(data.forms).toEqual([expect.objectContaining({ title: "Copy and erase", version: 1, submittedAt: expect.any(String) })]);
    expect(data.forms[0].answers).toEqual(expect.arrayContaining([{ question: "Your full name", answer: TYPED_NAME }, { question: "What brings you to therapy?", answer: CLINICAL }]));
    expect(data.forms[0].consents).toEqual([{ statement: STATEMENT, agreed: true, recordedAt: expect.any(String), signedAs: TYPED_NAME }]);
    expect(strFromU8(copy["export.html"]!)).toContain("Your forms");

    const fresh = await db.prisma.client.findUniqueOrThrow({ where: { id: client.id } });
    await eraseClient(therapist, fresh, "erasure_request", context);
    expect(await db.prisma.clientForm.count({ where: { id } })).toBe(0);
    expect(await db.prisma.formConsent.count({ where: { clientFormId: id } })).toBe(0);
    expect(await sql(db.database.ownerUrl, "SELECT 1 FROM vault.form_identity_answer WHERE client_form_id = $1", [id])).toEqual([]);
    expect(await tablesHolding([TYPED_NAME, DOB, CLINICAL, id])).toEqual([]);
    // Nothing left to decrypt them with: the notes key and the vault row are gone.
    expect(await db.prisma.clientNotesKey.count({ where: { clientId: client.id } })).toBe(0);
    expect(await (await import("@/lib/vault/form-answers")).readFormIdentityAnswers(owner.practiceId, id)).toEqual({});
    // The form itself (practice content) stays, and can be sent to others.
    expect(await db.prisma.practiceFormVersion.count({ where: { formId } })).toBe(1);
  });
});

describe("practice export", () => {
  it("carries forms, versions, answers, consents and identity answers, and restores them exactly on another instance", async () => {
    const { sendForm } = await import("@/lib/forms/send");
    const { saveFormPage, submitOwnForm } = await import("@/lib/forms/portal-forms");
    const { editForm } = await import("@/lib/forms/build");
    const { exportPractice, collectPractice } = await import("@/lib/transfer/export-practice");
    const { formId, fields } = await intakeForm("Round trip");
    await editForm(owner, formId, { op: "title", title: "Round trip, draft 2" }, context);
    const client = await newClient();
    await sendForm(therapist, client.code, { formId }, context);
    const id = (await db.prisma.clientForm.findFirstOrThrow({ where: { clientId: client.id } })).id;
    await saveFormPage(portalFor(client), id, 0, { [fields[0]!.id]: TYPED_NAME, [fields[1]!.id]: DOB, [fields[2]!.id]: CLINICAL }, context);
    await saveFormPage(portalFor(client), id, 1, { [fields[3]!.id]: "Sometimes", [fields[4]!.id]: TYPED_NAME, [`${fields[4]!.id}__agree`]: "on" }, context);
    await submitOwnForm(portalFor(client), id, context);

    const { zip } = await exportPractice(owner, { reason: "move" }, context);
    const files = unzipSync(zip);
    const sentRows = JSON.parse(strFromU8(files["client_forms.json"]!));
    expect(sentRows.find((s: { id: string }) => s.id === id)).toMatchObject({ clientCode: client.code, answers: { [fields[2]!.id]: CLINICAL, [fields[3]!.id]: "Sometimes" } });
    expect(JSON.stringify(sentRows)).not.toContain(TYPED_NAME);
    expect(JSON.parse(strFromU8(files["form_identity_answers.json"]!))).toContainEqual({ clientFormId: id, answers: { [fields[0]!.id]: TYPED_NAME, [fields[1]!.id]: DOB, [fields[4]!.id]: TYPED_NAME } });
    const before = await collectPractice(owner.practiceId, owner.membershipId);
    const sourceEmails = new Map(before.members.map((m) => [m.memberId, m.email]));

    // Another instance (its own database and master keys), an empty practice with the same members.
    target = await createTestDatabase();
    await switchInstance(db, target);
    const practice = await createPractice({ name: "Restored" });
    const newOwner = await createMember({ practice, role: "OWNER", user: await createUser({ email: OWNER_EMAIL, displayName: "Owner" }) });
    await createMember({ practice, role: "THERAPIST", user: await createUser({ email: THERAPIST_EMAIL, displayName: "Therapist" }) });
    // Members who only appear on other clients are not needed for this check; invite them too.
    for (const m of before.members.filter((m) => m.email !== OWNER_EMAIL && m.email !== THERAPIST_EMAIL)) await createMember({ practice, role: m.role, user: await createUser({ email: m.email, displayName: m.role }) });
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const result = await importPractice(newOwner, zip, context);
    expect(result).toMatchObject({ ok: true, counts: { forms: before.forms.length, form_versions: before.form_versions.length, client_forms: before.client_forms.length, form_consents: before.form_consents.length, form_identity_answers: before.form_identity_answers.length } });

    const after = await collectPractice(newOwner.practiceId, newOwner.membershipId);
    const targetEmails = new Map(after.members.map((m) => [m.memberId, m.email]));
    const byEmail = (rows: unknown, emails: Map<string, string>) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "string" && emails.has(v) ? `member:${emails.get(v)}` : v)));
    for (const entity of ["forms", "form_versions", "client_forms", "form_consents", "form_identity_answers"] as const) {
      expect(byEmail(after[entity], targetEmails), entity).toEqual(byEmail(before[entity], sourceEmails));
    }
    expect(after.form_versions.filter((v) => v.formId === formId).map((v) => [v.number, v.title, v.publishedAt !== null])).toEqual([[1, "Round trip", true], [2, "Round trip, draft 2", false]]);
    // Readable through the app under this instance's keys, by the restored assigned clinician.
    const { readClientForm, revealFormIdentity } = await import("@/lib/forms/read-answers");
    const restored = await db.prisma.membership.findFirstOrThrow({ where: { practiceId: newOwner.practiceId, user: { email: THERAPIST_EMAIL } } });
    const clinician: Actor = { ...newOwner, membershipId: restored.id, userId: restored.userId, role: "THERAPIST" };
    expect((await readClientForm(clinician, client.code, id, context)).questions[2]!.answer).toBe(CLINICAL);
    expect((await revealFormIdentity(clinician, client.code, id, { reason: "contact" }, context)).fields.map((f) => f.value)).toEqual([TYPED_NAME, DOB, TYPED_NAME]);
    // The restored published version is still frozen.
    await expect(db.prisma.practiceFormVersion.updateMany({ where: { formId, number: 1 }, data: { title: "Changed" } })).rejects.toThrow(/never changes/);
  });
});
