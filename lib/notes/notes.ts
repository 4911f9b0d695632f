import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { findClientForNotes, type ClientAccess } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { Client, Note, Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/http/errors";
import { noteCipher } from "./cipher";
import { notesDataKey } from "./keys";
import { countWords, normaliseSections, templateIds, type Sections, type TemplateId } from "./templates";

// Session notes: encrypted under the client's notes data key and bound to their row; saved
// with optimistic concurrency (a save on an older revision is a conflict, never an overwrite);
// signed notes are locked (also by a database trigger) and take addenda; every saved state is
// kept as a version. Process notes are their author's alone.

/** Autosaves by the same author within this window extend the latest version. */
export const VERSION_COALESCE_MS = 10 * 60_000;
const MAX_SECTION = 50_000;

const noteAad = (id: string) => `note:${id}`;
const versionAad = (id: string) => `note-version:${id}`;
const addendumAad = (id: string) => `addendum:${id}`;

export const newNoteSchema = z.object({
  template: z.enum(templateIds as [TemplateId, ...TemplateId[]], { message: "Choose a template." }),
  kind: z.enum(["CLINICAL", "PROCESS"]).default("CLINICAL"),
  sessionDate: z.iso.date({ message: "Enter the session date." }),
  /** Links the note to one of this client's appointments (one note per appointment). */
  appointmentId: z.uuid().optional(),
});

export const saveSchema = z.object({
  baseRevision: z.number().int().min(0),
  sections: z.record(z.string().max(40), z.string().max(MAX_SECTION, `A section can hold up to ${MAX_SECTION.toLocaleString("en-GB")} characters.`)),
});

export const addendumSchema = z.object({
  text: z.string().trim().min(1, "Write the addendum first.").max(MAX_SECTION, "That addendum is too long."),
});

const contentJson = (template: TemplateId, sections: Sections) => JSON.stringify({ sections: normaliseSections(template, sections) });
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

function auditBase(actor: Actor, context: AuditContext, noteId: string) {
  return { practiceId: actor.practiceId, actor: memberActor(actor), target: { type: "note", id: noteId }, context };
}

/** A note of this client the actor may see: clinical notes, or their own process notes. */
async function findNote(actor: Actor, access: ClientAccess, noteId: string, tx: Prisma.TransactionClient | ReturnType<typeof db> = db()) {
  if (!z.uuid().safeParse(noteId).success) throw notFound("That note");
  const note = await tx.note.findUnique({ where: { id: noteId } });
  if (!note || note.clientId !== access.client.id) throw notFound("That note");
  if (note.kind === "PROCESS" && note.authorId !== actor.membershipId) throw notFound("That note");
  return note;
}

export async function createNote(actor: Actor, code: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { template, kind, sessionDate, appointmentId } = newNoteSchema.parse(input);
  const id = randomUUID();
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    if (appointmentId) {
      const appointment = await tx.appointment.findFirst({ where: { id: appointmentId, clientId: access.client.id }, select: { note: { select: { id: true } } } });
      if (!appointment) throw notFound("That appointment");
      if (appointment.note || kind !== "CLINICAL") throw new AppError("appointment_has_note", "That appointment already has its note; open it from the appointment.", 409);
    }
    const note = await tx.note.create({
      data: {
        id,
        practiceId: actor.practiceId,
        clientId: access.client.id,
        authorId: actor.membershipId,
        kind,
        template,
        sessionDate: new Date(`${sessionDate}T00:00:00Z`),
        appointmentId: appointmentId ?? null,
        contentEnc: new Uint8Array(noteCipher().seal(key, contentJson(template, {}), noteAad(id))),
      },
    });
    await recordAudit(tx, { ...auditBase(actor, context, id), action: "note.created", outcome: "SUCCESS", details: { client: access.client.code, kind, template, appointment: appointmentId ?? null } });
    return note;
  });
}

export interface NoteView {
  id: string;
  kind: Note["kind"];
  template: TemplateId;
  sessionDate: string;
  status: Note["status"];
  revision: number;
  sections: Sections;
  wordCount: number;
  updatedAt: Date;
  mine: boolean;
  authorName: string;
  signedAt: Date | null;
  signedByName: string | null;
  contentHash: string | null;
  addenda: { id: string; authorName: string; createdAt: Date; text: string; contentHash: string }[];
}

async function memberNames(ids: string[]) {
  const members = await db().membership.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, user: { select: { displayName: true } } } });
  return new Map(members.map((m) => [m.id, m.user.displayName]));
}

/** Decrypts a note and its addenda for reading; the read is audited. */
export async function readNote(actor: Actor, code: string, noteId: string, context: AuditContext): Promise<NoteView> {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  return openForReading(actor, access.client, note, context, {});
}

/**
 * The signed clinical notes of a client, decrypted for a serious-harm review; each read is
 * audited as a note.read like any other, with why (the request and, for an owner who is not
 * assigned to the client, the recorded reason key). The caller has checked that the actor may
 * read them for that purpose (see readNotesForHarmReview in lib/requests/harm-review.ts).
 */
export async function readSignedNotesForReview(actor: Actor, client: Client, why: { request: string; reason: string | null }, context: AuditContext): Promise<NoteView[]> {
  const notes = await db().note.findMany({ where: { clientId: client.id, practiceId: client.practiceId, kind: "CLINICAL", status: "SIGNED" }, orderBy: [{ sessionDate: "asc" }, { createdAt: "asc" }] });
  const views: NoteView[] = [];
  for (const note of notes) views.push(await openForReading(actor, client, note, context, why));
  return views;
}

async function openForReading(actor: Actor, client: Client, note: Note, context: AuditContext, why: Record<string, string | null>): Promise<NoteView> {
  const key = await notesDataKey(client.id);
  const addenda = await db().noteAddendum.findMany({ where: { noteId: note.id }, orderBy: { createdAt: "asc" } });
  const names = await memberNames([note.authorId, ...(note.signedById ? [note.signedById] : []), ...addenda.map((a) => a.authorId)]);
  const { sections } = JSON.parse(noteCipher().open(key, note.contentEnc, noteAad(note.id))) as { sections: Sections };
  await recordAudit(db(), { ...auditBase(actor, context, note.id), action: "note.read", outcome: "SUCCESS", details: { client: client.code, kind: note.kind, addenda: addenda.length, ...why } });
  return {
    id: note.id,
    kind: note.kind,
    template: note.template,
    sessionDate: note.sessionDate.toISOString().slice(0, 10),
    status: note.status,
    revision: note.revision,
    sections: normaliseSections(note.template, sections),
    wordCount: note.wordCount,
    updatedAt: note.updatedAt,
    mine: note.authorId === actor.membershipId,
    authorName: names.get(note.authorId) ?? "Former member",
    signedAt: note.signedAt,
    signedByName: note.signedById ? (names.get(note.signedById) ?? "Former member") : null,
    contentHash: note.contentHash ? Buffer.from(note.contentHash).toString("hex") : null,
    addenda: addenda.map((a) => ({
      id: a.id,
      authorName: names.get(a.authorId) ?? "Former member",
      createdAt: a.createdAt,
      text: noteCipher().open(key, a.contentEnc, addendumAad(a.id)),
      contentHash: Buffer.from(a.contentHash).toString("hex"),
    })),
  };
}

export type SaveResult =
  | { ok: true; revision: number; savedAt: Date; wordCount: number }
  | { ok: false; conflict: { revision: number; savedAt: Date; savedByName: string } };

/** Locks the note row for the rest of the transaction (saves and signing serialise on it). */
async function lockNote(tx: Prisma.TransactionClient, actor: Actor, access: ClientAccess, noteId: string) {
  const note = await findNote(actor, access, noteId, tx);
  await tx.$queryRaw`SELECT 1 FROM note WHERE id = ${note.id}::uuid FOR UPDATE`;
  return tx.note.findUniqueOrThrow({ where: { id: note.id } });
}

function assertEditable(actor: Actor, note: Note) {
  if (note.status === "SIGNED") throw new AppError("note_signed", "This note is signed and can no longer be changed. Add an addendum instead.", 409);
  if (note.authorId !== actor.membershipId) throw new AppError("not_author", "Only the note's author can edit a draft.", 403);
}

/**
 * Saves a draft based on `baseRevision`. If the note moved on since (another tab, another
 * device), nothing is written and the caller learns who saved when: a conflict, not an
 * overwrite.
 */
export async function saveDraft(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext): Promise<SaveResult> {
  const access = await findClientForNotes(actor, code, context);
  const { baseRevision, sections } = saveSchema.parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    const audit = auditBase(actor, context, note.id);
    if (note.revision === baseRevision + 1 && (await isReplayOfLastSave(tx, actor, note, key, sections))) {
      // The same save again (its answer was lost: the app restarted or the connection dropped
      // after the commit): already saved and audited, so no second version and no conflict.
      return { ok: true as const, revision: note.revision, savedAt: note.updatedAt, wordCount: note.wordCount };
    }
    if (note.revision !== baseRevision) {
      await recordAudit(tx, { ...audit, action: "note.save_conflict", outcome: "DENIED", details: { client: access.client.code, baseRevision, revision: note.revision } });
      const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" } });
      const names = await memberNames([latest?.savedById ?? note.authorId]);
      return { ok: false as const, conflict: { revision: note.revision, savedAt: note.updatedAt, savedByName: names.get(latest?.savedById ?? note.authorId) ?? "Someone" } };
    }
    const normalised = normaliseSections(note.template, sections);
    const json = JSON.stringify({ sections: normalised });
    const wordCount = countWords(normalised);
    const now = new Date();
    const revision = note.revision + 1;
    await tx.note.update({
      where: { id: note.id },
      data: { contentEnc: new Uint8Array(noteCipher().seal(key, json, noteAad(note.id))), revision, wordCount, updatedAt: now },
    });
    const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" } });
    let versionNumber: number;
    if (latest && latest.savedById === actor.membershipId && now.getTime() - latest.savedAt.getTime() < VERSION_COALESCE_MS) {
      await tx.noteVersion.update({
        where: { id: latest.id },
        data: { contentEnc: new Uint8Array(noteCipher().seal(key, json, versionAad(latest.id))), savedAt: now, wordCount },
      });
      versionNumber = latest.number;
    } else {
      const id = randomUUID();
      versionNumber = (latest?.number ?? 0) + 1;
      await tx.noteVersion.create({
        data: { id, noteId: note.id, number: versionNumber, savedById: actor.membershipId, startedAt: now, savedAt: now, wordCount, contentEnc: new Uint8Array(noteCipher().seal(key, json, versionAad(id))) },
      });
    }
    await recordAudit(tx, { ...audit, action: "note.saved", outcome: "SUCCESS", details: { client: access.client.code, revision, version: versionNumber, words: wordCount } });
    return { ok: true as const, revision, savedAt: now, wordCount };
  });
}

/** Whether `sections` are exactly what this member's last save stored (a retried save). */
async function isReplayOfLastSave(
  tx: Prisma.TransactionClient,
  actor: Actor,
  note: Pick<Note, "id" | "template" | "contentEnc">,
  key: Uint8Array,
  sections: Record<string, string>,
): Promise<boolean> {
  const latest = await tx.noteVersion.findFirst({ where: { noteId: note.id }, orderBy: { number: "desc" }, select: { savedById: true } });
  if (latest?.savedById !== actor.membershipId) return false;
  const stored = noteCipher().open(key, note.contentEnc, noteAad(note.id));
  return stored === JSON.stringify({ sections: normaliseSections(note.template, sections) });
}

/** Signs and locks a draft as it stands at `baseRevision`: signed by, at, and content hash. */
export async function signNote(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { baseRevision } = z.object({ baseRevision: z.coerce.number().int().min(0) }).parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    if (note.kind !== "CLINICAL") throw new AppError("process_note", "Process notes are private working notes and are not signed.", 400);
    if (note.revision !== baseRevision) {
      throw new AppError("stale", "The note changed since you opened it. Reload to see the latest text before signing.", 409);
    }
    if (note.wordCount === 0) throw new AppError("empty", "Write the note before signing it.", 400);
    const json = noteCipher().open(key, note.contentEnc, noteAad(note.id));
    const canonical = JSON.stringify({ template: note.template, sessionDate: note.sessionDate.toISOString().slice(0, 10), content: JSON.parse(json) });
    const contentHash = sha256(canonical);
    const signedAt = new Date();
    await tx.note.update({ where: { id: note.id }, data: { status: "SIGNED", signedAt, signedById: actor.membershipId, contentHash: new Uint8Array(contentHash) } });
    await recordAudit(tx, { ...auditBase(actor, context, note.id), action: "note.signed", outcome: "SUCCESS", details: { client: access.client.code, revision: note.revision, sha256: contentHash.toString("hex") } });
    return { signedAt, contentHash: contentHash.toString("hex") };
  });
}

/** Adds a signed, unchangeable addendum to a signed clinical note. */
export async function addAddendum(actor: Actor, code: string, noteId: string, input: unknown, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const { text } = addendumSchema.parse(input);
  const key = await notesDataKey(access.client.id);
  return db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    if (note.status !== "SIGNED") throw new AppError("not_signed", "Addenda are for signed notes. Edit the draft instead.", 409);
    const id = randomUUID();
    const contentHash = sha256(text);
    await tx.noteAddendum.create({
      data: { id, noteId: note.id, authorId: actor.membershipId, contentEnc: new Uint8Array(noteCipher().seal(key, text, addendumAad(id))), contentHash: new Uint8Array(contentHash) },
    });
    await recordAudit(tx, { ...auditBase(actor, context, note.id), action: "note.addendum_added", outcome: "SUCCESS", details: { client: access.client.code, addendum: id, sha256: contentHash.toString("hex") } });
    return { id };
  });
}

/** Deletes the author's own unsigned draft (e.g. started by mistake). */
export async function deleteDraft(actor: Actor, code: string, noteId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  await db().$transaction(async (tx) => {
    const note = await lockNote(tx, actor, access, noteId);
    assertEditable(actor, note);
    await tx.note.delete({ where: { id: note.id } });
    await recordAudit(tx, { ...auditBase(actor, context, note.id), action: "note.deleted", outcome: "SUCCESS", details: { client: access.client.code, words: note.wordCount } });
  });
}

/** A note's versions (who, when, size); opening the list is audited. */
export async function listVersions(actor: Actor, code: string, noteId: string, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  const versions = await db().noteVersion.findMany({
    where: { noteId: note.id },
    orderBy: { number: "desc" },
    select: { number: true, savedById: true, startedAt: true, savedAt: true, wordCount: true },
  });
  const names = await memberNames(versions.map((v) => v.savedById));
  await recordAudit(db(), { ...auditBase(actor, context, note.id), action: "note.history_viewed", outcome: "SUCCESS", details: { client: access.client.code, versions: versions.length } });
  return { note, versions: versions.map((v) => ({ ...v, savedByName: names.get(v.savedById) ?? "Former member" })) };
}

/** One version's text and the one before it (to show what changed); audited. */
export async function readVersion(actor: Actor, code: string, noteId: string, number: number, context: AuditContext) {
  const access = await findClientForNotes(actor, code, context);
  const note = await findNote(actor, access, noteId);
  const rows = await db().noteVersion.findMany({ where: { noteId: note.id, number: { in: [number, number - 1] } } });
  const current = rows.find((r) => r.number === number);
  if (!current) throw notFound("That version");
  const previous = rows.find((r) => r.number === number - 1) ?? null;
  const key = await notesDataKey(access.client.id);
  const open = (r: { id: string; contentEnc: Uint8Array }) =>
    normaliseSections(note.template, (JSON.parse(noteCipher().open(key, r.contentEnc, versionAad(r.id))) as { sections: Sections }).sections);
  const names = await memberNames([current.savedById]);
  await recordAudit(db(), { ...auditBase(actor, context, note.id), action: "note.version_read", outcome: "SUCCESS", details: { client: access.client.code, version: number } });
  return {
    note,
    number,
    savedAt: current.savedAt,
    savedByName: names.get(current.savedById) ?? "Former member",
    sections: open(current),
    previous: previous ? open(previous) : null,
  };
}

/** The client timeline: clinical notes, plus the actor's own process notes (marked as such). */
export async function listClientNotes(actor: Actor, access: ClientAccess) {
  if (!access.canSeeNoteList) return [];
  const notes = await db().note.findMany({
    where: { clientId: access.client.id, OR: [{ kind: "CLINICAL" }, { kind: "PROCESS", authorId: actor.membershipId }] },
    orderBy: [{ sessionDate: "desc" }, { createdAt: "desc" }],
    select: { id: true, kind: true, template: true, sessionDate: true, status: true, wordCount: true, authorId: true, updatedAt: true, signedAt: true, _count: { select: { addenda: true } } },
  });
  const names = await memberNames(notes.map((n) => n.authorId));
  return notes.map((n) => ({ ...n, authorName: names.get(n.authorId) ?? "Former member", addenda: n._count.addenda }));
}

/** The actor's own unsigned clinical drafts, oldest session first (metadata only). */
export async function listOwnDrafts(actor: Actor) {
  return db().note.findMany({
    where: { authorId: actor.membershipId, practiceId: actor.practiceId, status: "DRAFT", kind: "CLINICAL" },
    orderBy: { sessionDate: "asc" },
    take: 50,
    select: { id: true, sessionDate: true, template: true, wordCount: true, client: { select: { code: true, label: true } } },
  });
}
