import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createStaffedPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Pseudonymised records end to end against a real database: codes, the separately-keyed vault
// behind its own role, envelope encryption bound to rows, locking, conflicts, versions, access by
// assignment, crypto-shredding and key rotation.

const context = { requestId: null, ip: "198.51.100.9", userAgent: "records-test" };
const NAME = "Philippa Quennell-Oyelaran";
const NOTE_TEXT = "Discussed the panic episodes on the underground; practised paced breathing.";
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let otherTherapist: Actor;
let manager: Actor;
let outsider: Actor;

beforeAll(async () => {
  ({ owner, therapist, colleague: otherTherapist, manager, outsider } = await createStaffedPractice("Records"));
});

async function newClient(actor = therapist, identity: Record<string, string> | undefined = { fullName: NAME, email: "pq@example.org" }) {
  const { createClient } = await import("@/lib/clients/create-client");
  return (await createClient(actor, { label: "Tuesday 10am", identity }, context)).client;
}

async function writtenNote(code: string, text = NOTE_TEXT) {
  const { createNote } = await import("@/lib/notes/create-note");
  const { saveDraft } = await import("@/lib/notes/save-draft");
  const note = await createNote(therapist, code, { template: "FREE", sessionDate: "2026-11-20" }, context);
  const saved = await saveDraft(therapist, code, note.id, { baseRevision: 0, sections: { body: text } }, context);
  if (!saved.ok) throw new Error("unexpected conflict");
  return { id: note.id, revision: saved.revision };
}

async function dumpSchema(url: string, schema: string): Promise<string> {
  const tables = await sql<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
  let out = "";
  for (const { table_name } of tables) {
    const rows = await sql(url, `SELECT * FROM "${schema}"."${table_name}"`);
    out += JSON.stringify(rows, (_k, v) => (v?.type === "Buffer" ? Buffer.from(v.data).toString("latin1") : v));
  }
  return out;
}

describe("the identity vault", () => {
  it("is out of reach of the clinical role, and the vault role can read nothing clinical", async () => {
    await newClient();
    await expect(sql(db.database.appUrl, "SELECT * FROM vault.client_identity")).rejects.toThrow(/permission denied/);
    await expect(sql(db.database.vaultUrl, "SELECT * FROM note")).rejects.toThrow(/permission denied/);
    await expect(sql(db.database.vaultUrl, "SELECT * FROM client")).rejects.toThrow(/permission denied/);
    expect((await sql(db.database.vaultUrl, "SELECT count(*)::int AS n FROM vault.client_identity"))[0]!.n).toBeGreaterThan(0);
  });

  it("a dump of the clinical schema holds no identity, a dump of the vault no clinical content, and neither is plain text", async () => {
    const client = await newClient();
    await writtenNote(client.code);
    const clinical = await dumpSchema(db.database.ownerUrl, "public");
    const vault = await dumpSchema(db.database.ownerUrl, "vault");
    expect(clinical).toContain(client.code);
    for (const word of ["Philippa", "Quennell", "pq@example.org"]) expect(clinical).not.toContain(word);
    for (const word of ["panic", "breathing", "Tuesday"]) expect(vault).not.toContain(word);
    for (const word of ["Philippa", "Quennell", "pq@example.org"]) expect(vault).not.toContain(word);
    for (const word of ["panic", "breathing"]) expect(clinical).not.toContain(word);
  });

  it("reveals only to an assigned clinician who has stepped up and gives a reason, and records each reveal", async () => {
    const { revealIdentity } = await import("@/lib/clients/reveal");
    const client = await newClient();
    await expect(revealIdentity(therapist, client.code, {}, context)).rejects.toThrow();
    await expect(revealIdentity({ ...therapist, stepUpAt: null }, client.code, { reason: "contact" }, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    await expect(revealIdentity(owner, client.code, { reason: "contact" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(revealIdentity(manager, client.code, { reason: "scheduling" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(revealIdentity(otherTherapist, client.code, { reason: "contact" }, context)).rejects.toMatchObject({ status: 404 });
    const shown = await revealIdentity(therapist, client.code, { reason: "safeguarding" }, context);
    expect(shown.fields).toContainEqual({ label: "Full name", value: NAME });
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: client.code, action: { startsWith: "identity." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["identity.recorded", "SUCCESS"],
      ["identity.reveal_denied", "DENIED"],
      ["identity.reveal_denied", "DENIED"],
      ["identity.revealed", "SUCCESS"],
    ]);
    expect(events.at(-1)!.details).toMatchObject({ reason: "safeguarding" });
    expect(JSON.stringify(events.map((e) => [e.details, e.targetId]))).not.toContain("Philippa");

    await db.prisma.practice.update({ where: { id: manager.practiceId }, data: { managersMayRevealContact: true } });
    const contact = await revealIdentity(manager, client.code, { reason: "scheduling" }, context);
    expect(contact.fields.map((f) => f.label)).toEqual(["Full name", "Email"]);
    // Contact details are revealed only to contact or book the client: any other reason is refused, and nothing is shown or recorded.
    await expect(revealIdentity(manager, client.code, { reason: "legal" }, context)).rejects.toMatchObject({ status: 400, code: "reveal_reason_not_permitted" });
    expect(await db.prisma.auditEvent.count({ where: { targetId: client.code, action: "identity.revealed" } })).toBe(2);
  });

  it("refuses a working label that shares a word with a client's name until the member chooses to keep it", async () => {
    const { setClientLabel } = await import("@/lib/clients/set-client-label");
    const client = await newClient();
    expect((await setClientLabel(therapist, client.code, "Thursday group", context)).warning).toBeNull();
    const changes = () => db.prisma.auditEvent.count({ where: { targetId: client.code, action: "client.label_changed" } });
    const before = await changes();
    await expect(setClientLabel(therapist, client.code, "quennell follow-up", context)).rejects.toMatchObject({ status: 422, code: "label_looks_like_a_name", message: expect.stringMatching(/shares a word/) });
    expect((await db.prisma.client.findUniqueOrThrow({ where: { code: client.code } })).label).toBe("Thursday group");
    expect(await changes()).toBe(before);
    expect((await setClientLabel(therapist, client.code, "quennell follow-up", context, { keep: true })).warning).toMatch(/shares a word/);
    expect((await db.prisma.client.findUniqueOrThrow({ where: { code: client.code } })).label).toBe("quennell follow-up");
  });

  it("creates no client whose label looks like its own name unless the member keeps it knowingly", async () => {
    const { createClient } = await import("@/lib/clients/create-client");
    const count = () => db.prisma.client.count({ where: { practiceId: therapist.practiceId } });
    const before = await count();
    const input = { label: "Ada follow-up", identity: { fullName: "Ada Lindqvist-Moreau" } };
    await expect(createClient(therapist, input, context)).rejects.toMatchObject({ status: 422, code: "label_looks_like_a_name" });
    expect(await count()).toBe(before);
    const kept = await createClient(therapist, { ...input, keepLabel: true }, context);
    expect(kept.warning).toMatch(/shares a word/);
    expect(await count()).toBe(before + 1);
  });
});

describe("encrypted notes", () => {
  it("are bound to their row: content copied onto another note does not decrypt", async () => {
    const { readNote } = await import("@/lib/notes/read-note");
    const client = await newClient();
    const a = await writtenNote(client.code, "first note text");
    const b = await writtenNote(client.code, "second note text");
    const source = await db.prisma.note.findUniqueOrThrow({ where: { id: a.id } });
    await db.prisma.note.update({ where: { id: b.id }, data: { contentEnc: source.contentEnc } });
    await expect(readNote(therapist, client.code, b.id, context)).rejects.toThrow(/could not be decrypted/);
    expect((await readNote(therapist, client.code, a.id, context)).sections.body).toBe("first note text");
  });

  it("refuse a save based on an old revision (two tabs), keeping what was saved", async () => {
    const { readNote } = await import("@/lib/notes/read-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const client = await newClient();
    const note = await writtenNote(client.code);
    const tabA = await saveDraft(therapist, client.code, note.id, { baseRevision: note.revision, sections: { body: "tab A text" } }, context);
    expect(tabA.ok).toBe(true);
    const tabB = await saveDraft(therapist, client.code, note.id, { baseRevision: note.revision, sections: { body: "tab B text" } }, context);
    expect(tabB).toMatchObject({ ok: false, conflict: { revision: note.revision + 1 } });
    expect((await readNote(therapist, client.code, note.id, context)).sections.body).toBe("tab A text");
  });

  it("lock when signed (here and in the database), take addenda, and keep their versions", async () => {
    const { addAddendum } = await import("@/lib/notes/add-addendum");
    const { listVersions } = await import("@/lib/notes/list-versions");
    const { readNote } = await import("@/lib/notes/read-note");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const { signNote } = await import("@/lib/notes/sign-note");
    const client = await newClient();
    const note = await writtenNote(client.code);
    const signed = await signNote(therapist, client.code, note.id, { baseRevision: note.revision }, context);
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(saveDraft(therapist, client.code, note.id, { baseRevision: note.revision, sections: { body: "rewrite" } }, context)).rejects.toMatchObject({ status: 409 });
    await expect(db.prisma.note.update({ where: { id: note.id }, data: { contentEnc: new Uint8Array([1]) } })).rejects.toThrow(/signed and cannot be changed/);
    await addAddendum(therapist, client.code, note.id, { text: "Client later clarified the date of the episode." }, context);
    const view = await readNote(therapist, client.code, note.id, context);
    expect(view).toMatchObject({ status: "SIGNED", contentHash: signed.contentHash, sections: { body: NOTE_TEXT } });
    expect(view.addenda.map((a) => a.text)).toEqual(["Client later clarified the date of the episode."]);
    const { versions } = await listVersions(therapist, client.code, note.id, context);
    expect(versions).toHaveLength(1);
  });

  it("start a new version when someone else edits or after a pause, and coalesce quick autosaves", async () => {
    const { listVersions } = await import("@/lib/notes/list-versions");
    const { readVersion } = await import("@/lib/notes/read-version");
    const { saveDraft } = await import("@/lib/notes/save-draft");
    const client = await newClient();
    const note = await writtenNote(client.code, "one");
    let revision = note.revision;
    for (const text of ["one two", "one two three"]) {
      const r = await saveDraft(therapist, client.code, note.id, { baseRevision: revision, sections: { body: text } }, context);
      if (r.ok) revision = r.revision;
    }
    expect((await listVersions(therapist, client.code, note.id, context)).versions).toHaveLength(1);
    await db.prisma.noteVersion.updateMany({ where: { noteId: note.id }, data: { savedAt: new Date(Date.now() - 11 * 60_000) } });
    await saveDraft(therapist, client.code, note.id, { baseRevision: revision, sections: { body: "one two three four" } }, context);
    const { versions } = await listVersions(therapist, client.code, note.id, context);
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    const v2 = await readVersion(therapist, client.code, note.id, 2, context);
    expect(v2.sections.body).toBe("one two three four");
    expect(v2.previous?.body).toBe("one two three");
  });
});

describe("access by assignment", () => {
  it("only assigned clinicians read notes; owners see that notes exist; managers and outsiders see nothing", async () => {
    const { findClientFor } = await import("@/lib/clients/access");
    const { listClientNotes } = await import("@/lib/notes/list-client-notes");
    const { readNote } = await import("@/lib/notes/read-note");
    const { createNote } = await import("@/lib/notes/create-note");
    const { listCaseload } = await import("@/lib/clients/list-caseload");
    const client = await newClient();
    const note = await writtenNote(client.code);

    const ownerAccess = await findClientFor(owner, client.code, context);
    expect((await listClientNotes(owner, ownerAccess)).map((n) => n.id)).toEqual([note.id]);
    await expect(readNote(owner, client.code, note.id, context)).rejects.toMatchObject({ status: 404 });
    await expect(readNote(manager, client.code, note.id, context)).rejects.toMatchObject({ status: 404 });
    expect(await listClientNotes(manager, await findClientFor(manager, client.code, context))).toEqual([]);
    expect((await listCaseload(manager, {})).find((c) => c.code === client.code)).toMatchObject({ lastSession: null, unsignedNotes: null });
    await expect(readNote(otherTherapist, client.code, note.id, context)).rejects.toMatchObject({ status: 404 });
    await expect(findClientFor(otherTherapist, client.code, context)).rejects.toMatchObject({ status: 404 });
    await expect(findClientFor(outsider, client.code, context)).rejects.toMatchObject({ status: 404 });
    await expect(createNote(otherTherapist, client.code, { template: "SOAP", sessionDate: "2026-11-21" }, context)).rejects.toMatchObject({ status: 404 });
    expect((await listCaseload(otherTherapist, {})).map((c) => c.code)).not.toContain(client.code);
    expect((await listCaseload(outsider, {})).map((c) => c.code)).not.toContain(client.code);
    await expect(readNote(therapist, client.code, "00000000-0000-4000-8000-000000000000", context)).rejects.toMatchObject({ status: 404 });
    await expect(findClientFor(therapist, "not-a-code", context)).rejects.toMatchObject({ status: 404 });
    const denied = await db.prisma.auditEvent.count({ where: { action: "client.access_denied", actorId: otherTherapist.userId } });
    expect(denied).toBeGreaterThanOrEqual(3);
  });

  it("assignment opens the notes to a clinician, and unassignment closes them again; both recorded", async () => {
    const { assignClinician } = await import("@/lib/clients/assign-clinician");
    const { unassignClinician } = await import("@/lib/clients/unassign-clinician");
    const { readNote } = await import("@/lib/notes/read-note");
    const client = await newClient();
    const note = await writtenNote(client.code);
    await assignClinician(owner, client.code, otherTherapist.membershipId, context);
    expect((await readNote(otherTherapist, client.code, note.id, context)).sections.body).toBe(NOTE_TEXT);
    await unassignClinician(owner, client.code, otherTherapist.membershipId, context);
    await expect(readNote(otherTherapist, client.code, note.id, context)).rejects.toMatchObject({ status: 404 });
    await expect(unassignClinician(owner, client.code, therapist.membershipId, context)).rejects.toMatchObject({ status: 409 });
    const actions = (await db.prisma.auditEvent.findMany({ where: { targetId: client.code }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["client.assigned", "client.unassigned"]));
  });

  it("process notes are their author's alone", async () => {
    const { assignClinician } = await import("@/lib/clients/assign-clinician");
    const { createNote } = await import("@/lib/notes/create-note");
    const { readNote } = await import("@/lib/notes/read-note");
    const { listClientNotes } = await import("@/lib/notes/list-client-notes");
    const { findClientFor } = await import("@/lib/clients/access");
    const client = await newClient();
    await assignClinician(therapist, client.code, otherTherapist.membershipId, context);
    const own = await createNote(therapist, client.code, { template: "FREE", kind: "PROCESS", sessionDate: "2026-11-20" }, context);
    await expect(readNote(otherTherapist, client.code, own.id, context)).rejects.toMatchObject({ status: 404 });
    expect(await listClientNotes(otherTherapist, await findClientFor(otherTherapist, client.code, context))).toEqual([]);
    expect((await listClientNotes(therapist, await findClientFor(therapist, client.code, context))).map((n) => n.kind)).toEqual(["PROCESS"]);
  });
});

describe("every role against every records operation", () => {
  it("refuses each one to whoever may not do it (404 unless the client is visible, 403 if visible but not allowed), changing nothing", async () => {
    const clients = {
      ...(await import("@/lib/clients/create-client")),
      ...(await import("@/lib/clients/assign-clinician")),
      ...(await import("@/lib/clients/unassign-clinician")),
      ...(await import("@/lib/clients/set-client-status")),
      ...(await import("@/lib/clients/set-client-label")),
      ...(await import("@/lib/clients/record-identity")),
    };
    const notes = {
      ...(await import("@/lib/notes/create-note")),
      ...(await import("@/lib/notes/read-note")),
      ...(await import("@/lib/notes/save-draft")),
      ...(await import("@/lib/notes/sign-note")),
      ...(await import("@/lib/notes/add-addendum")),
      ...(await import("@/lib/notes/discard-draft")),
      ...(await import("@/lib/notes/list-versions")),
      ...(await import("@/lib/notes/read-version")),
    };
    const { revealIdentity } = await import("@/lib/clients/reveal");
    await db.prisma.practice.update({ where: { id: manager.practiceId }, data: { managersMayRevealContact: false } });
    const client = await newClient();
    const note = await writtenNote(client.code);
    const signedNote = await writtenNote(client.code, "to be signed");
    await notes.signNote(therapist, client.code, signedNote.id, { baseRevision: signedNote.revision }, context);
    const guessed = "00000000-0000-4000-8000-000000000000";
    const operations: [string, (a: Actor) => Promise<unknown>][] = [
      ["create client", (a) => clients.createClient(a, { label: "x" }, context)],
      ["assign", (a) => clients.assignClinician(a, client.code, otherTherapist.membershipId, context)],
      ["unassign", (a) => clients.unassignClinician(a, client.code, therapist.membershipId, context)],
      ["discharge", (a) => clients.setClientStatus(a, client.code, "DISCHARGED", context)],
      ["label", (a) => clients.setClientLabel(a, client.code, "renamed", context)],
      ["record identity", (a) => clients.recordIdentity(a, client.code, { fullName: "Someone Else" }, context)],
      ["reveal", (a) => revealIdentity(a, client.code, { reason: "contact" }, context)],
      ["new note", (a) => notes.createNote(a, client.code, { template: "FREE", sessionDate: "2026-11-22" }, context)],
      ["read note", (a) => notes.readNote(a, client.code, note.id, context)],
      ["save draft", (a) => notes.saveDraft(a, client.code, note.id, { baseRevision: note.revision, sections: { body: "hijack" } }, context)],
      ["sign", (a) => notes.signNote(a, client.code, note.id, { baseRevision: note.revision }, context)],
      ["addendum", (a) => notes.addAddendum(a, client.code, signedNote.id, { text: "hijack" }, context)],
      ["discard draft", (a) => notes.discardDraft(a, client.code, note.id, context)],
      ["history", (a) => notes.listVersions(a, client.code, note.id, context)],
      ["version", (a) => notes.readVersion(a, client.code, note.id, 1, context)],
      ["guessed note id", (a) => notes.readNote(a, client.code, guessed, context)],
    ];
    const expectations: [string, Actor, Record<string, number>][] = [
      ["outsider", outsider, {}],
      ["unassigned therapist", otherTherapist, { "create client": -1 }],
      ["manager", manager, { "create client": 403, assign: 403, unassign: 403, discharge: 403, label: 403, "record identity": 403, reveal: 403 }],
      ["unassigned owner", owner, { "create client": -1, assign: -1, unassign: -1, discharge: -1, label: -1, "record identity": 403, reveal: 403 }],
    ];
    for (const [who, actor, overrides] of expectations) {
      for (const [name, run] of operations) {
        const expected = overrides[name] ?? (who === "outsider" && name === "create client" ? 403 : 404);
        if (expected === -1) continue; // allowed for this role (tested elsewhere)
        if (who === "outsider" && name === "create client") continue; // their own practice: allowed
        await expect(run(actor), `${who}: ${name}`).rejects.toMatchObject({ status: expected });
      }
    }
    const { readNote } = notes;
    expect((await readNote(therapist, client.code, note.id, context)).sections.body).toBe(NOTE_TEXT);
    expect(await db.prisma.client.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({ status: "ACTIVE", label: "Tuesday 10am" });
    expect(await db.prisma.noteAddendum.count({ where: { noteId: signedNote.id } })).toBe(0);
  });
});

describe("keys", () => {
  it("destroying a client's data keys makes their notes and identity unreadable for good", async () => {
    const { destroyNotesKey } = await import("@/lib/notes/keys");
    const { destroyIdentity } = await import("@/lib/vault/destroy-identity");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const { readNote } = await import("@/lib/notes/read-note");
    const client = await newClient();
    const note = await writtenNote(client.code);
    expect(await readIdentity(client)).toMatchObject({ fullName: NAME });
    await destroyNotesKey(db.prisma, client.id);
    await destroyIdentity(client);
    await expect(readNote(therapist, client.code, note.id, context)).rejects.toMatchObject({ status: 410 });
    expect(await readIdentity(client)).toBeNull();
    const { notesWrapper } = await import("@/lib/notes/keys");
    const row = await db.prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(Buffer.from(row.contentEnc).includes(Buffer.from("panic"))).toBe(false);
    expect(notesWrapper().currentKeyId).toBe(1);
  });

  it("rotation re-wraps every data key under the new master version while the old one keeps working until retired", async () => {
    const { rewrapNotesKeys } = await import("@/lib/notes/keys");
    const { rewrapIdentityKeys } = await import("@/lib/vault/rewrap-identity-keys");
    const { readIdentity } = await import("@/lib/vault/read-identity");
    const { labelLooksLikeAName } = await import("@/lib/vault/label-looks-like-a-name");
    const { readNote } = await import("@/lib/notes/read-note");
    const { resetConfigForTests } = await import("@/lib/config");
    const { storeFormIdentityAnswers, readFormIdentityAnswers } = await import("@/lib/vault/form-answers");
    const { storeRequestContact, readRequestContact } = await import("@/lib/vault/request-contact");
    const client = await newClient();
    const note = await writtenNote(client.code);
    // The vault's other identity-wrapped keys: a form's identity answers and a public-form contact.
    const sentForm = randomUUID();
    const request = randomUUID();
    await storeFormIdentityAnswers(sentForm, { id: client.id, practiceId: client.practiceId }, { name: NAME });
    await storeRequestContact(request, client.practiceId, { fullName: NAME, dateOfBirth: "", email: "p@example.org", phone: "", clientCode: "", details: "" });
    const v2 = randomBytes(32).toString("base64");
    process.env.NOTES_MASTER_KEYS = `${process.env.NOTES_MASTER_KEYS},2:${v2}`;
    process.env.IDENTITY_MASTER_KEYS = `${process.env.IDENTITY_MASTER_KEYS},2:${randomBytes(32).toString("base64")}`;
    resetConfigForTests();
    // Before rotation, version 1 still decrypts.
    expect((await readNote(therapist, client.code, note.id, context)).sections.body).toBe(NOTE_TEXT);
    const notes = await rewrapNotesKeys();
    const identities = await rewrapIdentityKeys();
    expect(notes).toMatchObject({ remaining: 0 });
    expect(notes.rewrapped).toBeGreaterThan(0);
    expect(identities).toMatchObject({ remaining: 0 });
    expect(await db.prisma.clientNotesKey.count({ where: { masterKeyId: 1 } })).toBe(0);
    // Retire version 1: everything still reads.
    process.env.NOTES_MASTER_KEYS = `2:${v2}`;
    process.env.IDENTITY_MASTER_KEYS = process.env.IDENTITY_MASTER_KEYS!.split(",").filter((k) => k.startsWith("2:")).join(",");
    resetConfigForTests();
    expect((await readNote(therapist, client.code, note.id, context)).sections.body).toBe(NOTE_TEXT);
    expect(await readIdentity(client)).toMatchObject({ fullName: NAME });
    expect(await labelLooksLikeAName(client.practiceId, "Philippa")).toBe(true);
    expect(await readFormIdentityAnswers(client.practiceId, sentForm)).toEqual({ name: NAME });
    expect(await readRequestContact(client.practiceId, request)).toMatchObject({ fullName: NAME });
  });
});
