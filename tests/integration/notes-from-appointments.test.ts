import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createStaffedPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Notes from appointments against a real database: practice templates (owners only, scoped by
// practice, bounded), the appointment type's template offered first and copied onto the note,
// two starts racing, and discarding drafts (empty ones removed, written ones kept with their
// versions, signed ones refused, by the author only).

const context = { requestId: null, ip: "198.51.100.21", userAgent: "notes-from-appointments-test" };
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let code: string;
let slot = 0;

const lib = async () => ({
  ...(await import("@/lib/notes/manage-practice-templates")),
  ...(await import("@/lib/notes/create-note")),
  ...(await import("@/lib/notes/save-draft")),
  ...(await import("@/lib/notes/sign-note")),
  ...(await import("@/lib/notes/read-note")),
  ...(await import("@/lib/notes/discard-draft")),
  ...(await import("@/lib/notes/list-own-drafts")),
  ...(await import("@/lib/schedule/book")),
  ...(await import("@/lib/schedule/note-link")),
});

/** A fresh appointment of the therapist with the client (each on its own day, so none clash). */
async function appointment(typeId?: string) {
  const { bookAppointments } = await lib();
  slot += 1;
  const date = `2027-01-${String(slot).padStart(2, "0")}`;
  const { ids } = await bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date, time: "10:00", durationMinutes: 50, ...(typeId ? { typeId } : { type: "SESSION" }) }, context);
  return ids[0]!;
}

const template = (name: string, labels: string[]) => ({ name, sections: labels.map((label, i) => ({ label, prompt: i === 0 ? `Prompt for ${label}` : "" })) });

beforeAll(async () => {
  ({ owner, therapist, colleague, manager, outsider } = await createStaffedPractice("Templates"));
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(therapist, { label: "Thursday 2pm" }, context)).client.code;
});

describe("practice note templates", () => {
  it("are created by owners only, with sections keyed in order and prompts kept; the creation is audited without the text", async () => {
    const { createPracticeTemplate } = await lib();
    for (const actor of [therapist, manager]) {
      await expect(createPracticeTemplate(actor, template("Couples session", ["Presenting"]), context)).rejects.toMatchObject({ status: 403 });
    }
    const created = await createPracticeTemplate(owner, template("Couples session", ["Presenting issue", "Interaction", "Plan"]), context);
    expect(created.sections).toEqual([
      { key: "s1", label: "Presenting issue", prompt: "Prompt for Presenting issue" },
      { key: "s2", label: "Interaction", prompt: "" },
      { key: "s3", label: "Plan", prompt: "" },
    ]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "note_template.created", details: { path: ["template"], equals: created.id } } });
    expect(JSON.stringify(event.details)).not.toContain("Couples");
    expect(await db.prisma.practiceNoteTemplate.count({ where: { practiceId: therapist.practiceId } })).toBe(1);
  });

  it("refuses a duplicate or built-in name, no sections, too many, hostile sizes and markup; nothing is written", async () => {
    const { createPracticeTemplate } = await lib();
    const before = await db.prisma.practiceNoteTemplate.count();
    await expect(createPracticeTemplate(owner, template("couples  SESSION", ["A"]), context)).rejects.toMatchObject({ status: 409 });
    await expect(createPracticeTemplate(owner, template("soap", ["A"]), context)).rejects.toMatchObject({ status: 409 });
    await expect(createPracticeTemplate(owner, template("Empty", []), context)).rejects.toThrow(/at least one section/);
    await expect(createPracticeTemplate(owner, template("Long", Array.from({ length: 13 }, (_, i) => `Part ${i}`)), context)).rejects.toThrow(/at most 12 sections/);
    await expect(createPracticeTemplate(owner, template("x".repeat(61), ["A"]), context)).rejects.toThrow();
    await expect(createPracticeTemplate(owner, { name: "Huge", sections: [{ label: "A", prompt: "p".repeat(100_000) }] }, context)).rejects.toThrow();
    await expect(createPracticeTemplate(owner, template("<script>", ["A"]), context)).rejects.toThrow();
    await expect(createPracticeTemplate(owner, template("Twice", ["Plan", "plan"]), context)).rejects.toThrow(/Two sections/);
    expect(await db.prisma.practiceNoteTemplate.count()).toBe(before);
  });

  it("gives another practice's owner a 404 for this practice's template, and keeps two owners from racing the same name", async () => {
    const { changePracticeTemplate, setPracticeTemplateArchived, createPracticeTemplate } = await lib();
    const mine = await db.prisma.practiceNoteTemplate.findFirstOrThrow({ where: { practiceId: owner.practiceId } });
    await expect(changePracticeTemplate(outsider, mine.id, template("Taken over", ["A"]), context)).rejects.toMatchObject({ status: 404 });
    await expect(setPracticeTemplateArchived(outsider, mine.id, true, context)).rejects.toMatchObject({ status: 404 });
    const results = await Promise.allSettled([1, 2, 3].map(() => createPracticeTemplate(owner, template("Raced", ["Only"]), context)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.practiceNoteTemplate.count({ where: { practiceId: owner.practiceId, name: "Raced" } })).toBe(1);
  });
});

describe("notes from appointments", () => {
  it("offers the type's practice template first and copies its layout onto the note; later edits of the template leave the note as it began", async () => {
    const { setTypeNoteTemplate, appointmentNoteStart, appointmentNote, changePracticeTemplate, saveDraft, readNote } = await lib();
    const practiceTemplate = await db.prisma.practiceNoteTemplate.findFirstOrThrow({ where: { practiceId: owner.practiceId, name: "Couples session" } });
    const type = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, category: "SESSION" } });
    await expect(setTypeNoteTemplate(therapist, type.id, { template: practiceTemplate.id }, context)).rejects.toMatchObject({ status: 403 });
    await setTypeNoteTemplate(owner, type.id, { template: practiceTemplate.id }, context);
    const id = await appointment(type.id);
    const start = await appointmentNoteStart(therapist, id, context);
    expect(start.defaultChoice).toBe(practiceTemplate.id);
    expect(start.options.map((o) => o.name)).toEqual(expect.arrayContaining(["Free text", "SOAP", "DAP", "BIRP", "Couples session"]));
    const { noteId, created } = await appointmentNote(therapist, id, null, context);
    expect(created).toBe(true);
    const row = await db.prisma.note.findUniqueOrThrow({ where: { id: noteId } });
    expect(row).toMatchObject({ practiceTemplateId: practiceTemplate.id, template: "FREE", appointmentId: id });
    await changePracticeTemplate(owner, practiceTemplate.id, template("Couples session", ["Only one now"]), context);
    const saved = await saveDraft(therapist, code, noteId, { baseRevision: 0, sections: { s1: "Both attended.", s3: "Meet in two weeks.", stray: "dropped" } }, context);
    expect(saved.ok).toBe(true);
    const note = await readNote(therapist, code, noteId, context);
    expect(note.layout.sections.map((s) => s.label)).toEqual(["Presenting issue", "Interaction", "Plan"]);
    expect(note.layout.sections[0]!.hint).toBe("Prompt for Presenting issue");
    expect(note.sections).toEqual({ s1: "Both attended.", s2: "", s3: "Meet in two weeks." });
  });

  it("starts with a built-in the clinician chose instead, and with the type's built-in when the type has one", async () => {
    const { setTypeNoteTemplate, appointmentNote } = await lib();
    const type = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, category: "SESSION" } });
    const chosen = await appointmentNote(therapist, await appointment(type.id), "DAP", context);
    expect(await db.prisma.note.findUniqueOrThrow({ where: { id: chosen.noteId } })).toMatchObject({ template: "DAP", practiceTemplateId: null, layout: null });
    await setTypeNoteTemplate(owner, type.id, { template: "BIRP" }, context);
    const defaulted = await appointmentNote(therapist, await appointment(type.id), null, context);
    expect((await db.prisma.note.findUniqueOrThrow({ where: { id: defaulted.noteId } })).template).toBe("BIRP");
  });

  it("refuses another practice's template, an archived one, or an unknown choice; nothing is created", async () => {
    const { createPracticeTemplate, setPracticeTemplateArchived, setTypeNoteTemplate, appointmentNote } = await lib();
    const foreign = await createPracticeTemplate(outsider, template("Elsewhere's", ["A"]), context);
    const type = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, category: "SESSION" } });
    await expect(setTypeNoteTemplate(owner, type.id, { template: foreign.id }, context)).rejects.toMatchObject({ status: 404 });
    const outsiderType = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: outsider.practiceId } });
    await expect(setTypeNoteTemplate(owner, outsiderType.id, { template: "SOAP" }, context)).rejects.toMatchObject({ status: 404 });
    const id = await appointment();
    const before = await db.prisma.note.count();
    await expect(appointmentNote(therapist, id, foreign.id, context)).rejects.toMatchObject({ status: 404 });
    const archived = await createPracticeTemplate(owner, template("Old style", ["A"]), context);
    await setPracticeTemplateArchived(owner, archived.id, true, context);
    await expect(appointmentNote(therapist, id, archived.id, context)).rejects.toMatchObject({ status: 404 });
    await expect(appointmentNote(therapist, id, "NOT_A_TEMPLATE", context)).rejects.toThrow(/Choose a template/);
    expect(await db.prisma.note.count()).toBe(before);
  });

  it("never lets an unassigned owner, a manager or another practice start an appointment's note", async () => {
    const { appointmentNote, appointmentNoteStart } = await lib();
    const id = await appointment();
    for (const actor of [owner, manager, outsider, colleague]) {
      await expect(appointmentNoteStart(actor, id, context)).rejects.toMatchObject({ status: 404 });
      await expect(appointmentNote(actor, id, "SOAP", context)).rejects.toMatchObject({ status: 404 });
    }
    expect(await db.prisma.note.count({ where: { appointmentId: id } })).toBe(0);
  });

  it("ends two starts at once on one note", async () => {
    const { appointmentNote } = await lib();
    const id = await appointment();
    const [a, b] = await Promise.all([appointmentNote(therapist, id, "SOAP", context), appointmentNote(therapist, id, "SOAP", context)]);
    expect(a.noteId).toBe(b.noteId);
    expect(await db.prisma.note.count({ where: { appointmentId: id } })).toBe(1);
  });
});

describe("discarding a draft", () => {
  it("removes an empty draft, audits it, and frees its appointment for a new note", async () => {
    const { appointmentNote, discardDraft } = await lib();
    const id = await appointment();
    const { noteId } = await appointmentNote(therapist, id, "SOAP", context);
    expect(await discardDraft(therapist, code, noteId, context)).toEqual({ kept: false });
    expect(await db.prisma.note.findUnique({ where: { id: noteId } })).toBeNull();
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "note.discarded", targetId: noteId } });
    expect(event.details).toMatchObject({ kept: false, words: 0, appointment: id });
    expect((await appointmentNote(therapist, id, "DAP", context)).created).toBe(true);
  });

  it("keeps a draft that held text, with every version, hidden from drafts; its appointment can be started again", async () => {
    const { appointmentNote, saveDraft, discardDraft, listOwnDrafts, readNote } = await lib();
    const id = await appointment();
    const { noteId } = await appointmentNote(therapist, id, "FREE", context);
    const first = await saveDraft(therapist, code, noteId, { baseRevision: 0, sections: { body: "Started on the wrong client" } }, context);
    if (!first.ok) throw new Error("conflict");
    // Emptied later (in a version of its own) before discarding: what was written is still kept.
    await db.prisma.noteVersion.updateMany({ where: { noteId }, data: { savedAt: new Date(Date.now() - 3_600_000) } });
    await saveDraft(therapist, code, noteId, { baseRevision: first.revision, sections: { body: "" } }, context);
    expect((await db.prisma.note.findUniqueOrThrow({ where: { id: noteId } })).wordCount).toBe(0);
    expect(await discardDraft(therapist, code, noteId, context)).toEqual({ kept: true });
    const row = await db.prisma.note.findUniqueOrThrow({ where: { id: noteId }, include: { versions: true } });
    expect(row.discardedAt).not.toBeNull();
    expect(row.appointmentId).toBeNull();
    expect(row.versions.length).toBeGreaterThan(0);
    expect((await listOwnDrafts(therapist)).map((d) => d.id)).not.toContain(noteId);
    expect((await readNote(therapist, code, noteId, context)).discardedAt).not.toBeNull();
    await expect(saveDraft(therapist, code, noteId, { baseRevision: row.revision, sections: { body: "again" } }, context)).rejects.toMatchObject({ status: 409 });
    await expect(discardDraft(therapist, code, noteId, context)).rejects.toMatchObject({ status: 409 });
    expect((await appointmentNote(therapist, id, "FREE", context)).created).toBe(true);
  });

  it("refuses a signed note (also in the database), another clinician's draft and anyone unassigned or elsewhere", async () => {
    const { createNote, saveDraft, signNote, discardDraft } = await lib();
    const { assignClinician } = await import("@/lib/clients/assign-clinician");
    await assignClinician(therapist, code, colleague.membershipId, context);
    const note = await createNote(therapist, code, { template: "FREE", sessionDate: "2026-12-01" }, context);
    const saved = await saveDraft(therapist, code, note.id, { baseRevision: 0, sections: { body: "Signed text" } }, context);
    if (!saved.ok) throw new Error("conflict");
    await expect(discardDraft(colleague, code, note.id, context)).rejects.toMatchObject({ status: 403 });
    for (const actor of [owner, manager, outsider]) await expect(discardDraft(actor, code, note.id, context)).rejects.toMatchObject({ status: 404 });
    await signNote(therapist, code, note.id, { baseRevision: saved.revision }, context);
    await expect(discardDraft(therapist, code, note.id, context)).rejects.toMatchObject({ status: 409 });
    await expect(sql(db.database.appUrl, `UPDATE note SET "discardedAt" = now() WHERE id = $1`, [note.id])).rejects.toThrow(/note_discarded_draft|signed/);
    expect(await db.prisma.note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({ status: "SIGNED", discardedAt: null });
  });

  it("never loses a save that races the discard: either the save lands first and is kept, or it is refused", async () => {
    const { createNote, saveDraft, discardDraft } = await lib();
    const note = await createNote(therapist, code, { template: "FREE", sessionDate: "2026-12-02" }, context);
    const [save, discard] = await Promise.allSettled([
      saveDraft(therapist, code, note.id, { baseRevision: 0, sections: { body: "Words typed just before" } }, context),
      discardDraft(therapist, code, note.id, context),
    ]);
    expect(discard.status).toBe("fulfilled");
    const row = await db.prisma.note.findUnique({ where: { id: note.id }, include: { versions: true } });
    if (save.status === "fulfilled") {
      expect(row?.versions.some((v) => v.wordCount > 0)).toBe(true);
      expect(row?.discardedAt).not.toBeNull();
    } else {
      expect(row).toBeNull();
      expect(save.reason).toMatchObject({ status: 404 });
    }
  });
});
