import "server-only";
import { createHash } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { memberActor } from "@/lib/audit/actor";
import { auditExportRow } from "@/lib/audit/export-row";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { csvFromRecords } from "@/lib/csv/csv";
import { openWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/http/errors";
import { notesDataKey } from "@/lib/notes/keys";
import { readStoredSections } from "@/lib/notes/practice-template-rules";
import type { NoteLayout } from "@/lib/notes/templates";
import { readPracticeIdentities } from "@/lib/vault/read-practice-identities";
import { readPracticeRequestContacts } from "@/lib/vault/request-contact";
import { collectForms } from "./collect-forms";
import { collectInvoices } from "./collect-invoices";
import { storedWithheldNotes } from "@/lib/requests/harm-review";
import { collectMeasures } from "@/lib/measures/transfer";
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archiveCounts, ENTITY_NAMES, type EntityRows, type Manifest } from "./archive";
import { archiveReadme, IDENTITIES_WARNING } from "./archive-readme";
import { exportedNotesWhere, exportedReflectionsWhere, practiceExportScope, requireExportReason, type LeftOut } from "./export-scope";

// The practice-wide export: everything needed to move to another Confide (or another system)
// without losing a note, decrypted, in one ZIP. Owner only, after step-up, audited. What it may
// carry (not clients' unshared reflections, not other members' process notes) and when it needs
// a reason is decided in export-scope.ts.

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;
const dayOrNull = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Reads and decrypts everything of the practice that an export by `exporterId` (a membership) carries. */
export async function collectPractice(practiceId: string, exporterId: string): Promise<EntityRows> {
  const prisma = db();
  const [memberships, clients, notes, versions, addenda, reflections, requests, events, identities, appointments, requestContacts, types, templates, rooms] = await Promise.all([
    prisma.membership.findMany({ where: { practiceId }, include: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } }),
    prisma.client.findMany({ where: { practiceId }, include: { assignments: { orderBy: { assignedAt: "asc" } } }, orderBy: { createdAt: "asc" } }),
    prisma.note.findMany({ where: exportedNotesWhere(practiceId, exporterId), orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.noteVersion.findMany({ where: { note: exportedNotesWhere(practiceId, exporterId) }, orderBy: [{ noteId: "asc" }, { number: "asc" }] }),
    prisma.noteAddendum.findMany({ where: { note: exportedNotesWhere(practiceId, exporterId) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.reflection.findMany({ where: exportedReflectionsWhere(practiceId), orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.dataRequest.findMany({ where: { practiceId }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] }),
    prisma.auditEvent.findMany({ where: { chainId: practiceId }, orderBy: { seq: "asc" } }),
    readPracticeIdentities(practiceId),
    prisma.appointment.findMany({ where: { practiceId }, include: { reminder: { select: { sentAt: true } } }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
    readPracticeRequestContacts(practiceId),
    prisma.practiceAppointmentType.findMany({ where: { practiceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    prisma.practiceNoteTemplate.findMany({ where: { practiceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.practiceRoom.findMany({ where: { practiceId }, orderBy: { name: "asc" } }),
  ]);
  const emailOf = new Map(memberships.map((m) => [m.id, m.user.email]));
  const codeOf = new Map(clients.map((c) => [c.id, c.code]));
  const keys = new Map<string, Buffer | null>();
  const keyFor = async (clientId: string) => {
    if (!keys.has(clientId)) keys.set(clientId, await notesDataKey(clientId).catch(() => null));
    return keys.get(clientId)!;
  };
  const noteClient = new Map(notes.map((n) => [n.id, n.clientId]));
  const open = async (clientId: string, enc: Uint8Array, aad: string) => {
    const key = await keyFor(clientId);
    if (!key) throw new Error(`notes key missing for a client of practice ${practiceId}`);
    return openWith(key, enc, aad);
  };

  return {
    members: memberships.map((m) => ({ memberId: m.id, email: m.user.email, role: m.role, joinedAt: m.createdAt.toISOString(), removedAt: isoOrNull(m.removedAt) })),
    clients: clients.map((c) => ({
      id: c.id,
      code: c.code,
      label: c.label,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      dischargedAt: isoOrNull(c.dischargedAt),
      retentionDueAt: isoOrNull(c.retentionDueAt),
      legalHoldUntil: dayOrNull(c.legalHoldUntil),
      legalHoldReason: c.legalHoldReason,
      reflectionsInvitedAt: isoOrNull(c.reflectionsInvitedAt),
      reflectionsAcceptedAt: isoOrNull(c.reflectionsAcceptedAt),
      remindersOptedInAt: isoOrNull(c.remindersOptedInAt),
      remindersOptInById: c.remindersOptInById,
      assignments: c.assignments.map((a) => ({ memberId: a.membershipId, email: emailOf.get(a.membershipId) ?? "", assignedAt: a.assignedAt.toISOString() })),
    })),
    identities: clients.flatMap((c) => {
      const i = identities.get(c.id);
      if (!i) return [];
      return [{ clientCode: c.code, fullName: i.fullName, preferredName: i.preferredName ?? null, dateOfBirth: i.dateOfBirth ?? null, email: i.email ?? null, phone: i.phone ?? null, address: i.address ?? null, emergencyContact: i.emergencyContact ?? null, gp: i.gp ?? null }];
    }),
    note_templates: templates.map((t) => ({
      id: t.id,
      name: t.name,
      sections: readStoredSections(t.sections),
      archivedAt: isoOrNull(t.archivedAt),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    })),
    rooms: rooms.map((r) => ({ name: r.name, archivedAt: isoOrNull(r.archivedAt), createdAt: r.createdAt.toISOString() })),
    appointment_types: types.map((t) => ({
      id: t.id,
      name: t.name,
      category: t.category,
      durationMinutes: t.durationMinutes,
      feePence: t.feePence,
      position: t.position,
      archivedAt: isoOrNull(t.archivedAt),
      createdAt: t.createdAt.toISOString(),
      noteTemplate: t.noteTemplate,
      noteTemplateId: t.noteTemplateId,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      clientCode: codeOf.get(a.clientId)!,
      clinicianId: a.clinicianId,
      seriesId: a.seriesId,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      type: a.type,
      typeId: a.practiceTypeId,
      room: a.room,
      onlineLink: a.onlineLink,
      status: a.status,
      feePence: a.feePence,
      paymentState: a.paymentState,
      paidAt: isoOrNull(a.paidAt),
      createdById: a.createdById,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      reminderSentAt: isoOrNull(a.reminder?.sentAt ?? null),
    })),
    notes: await Promise.all(
      notes.map(async (n) => ({
        id: n.id,
        clientCode: codeOf.get(n.clientId)!,
        appointmentId: n.appointmentId,
        authorId: n.authorId,
        kind: n.kind,
        template: n.template,
        sessionDate: n.sessionDate.toISOString().slice(0, 10),
        status: n.status,
        revision: n.revision,
        content: JSON.parse(await open(n.clientId, n.contentEnc, `note:${n.id}`)) as unknown,
        wordCount: n.wordCount,
        createdAt: n.createdAt.toISOString(),
        updatedAt: n.updatedAt.toISOString(),
        signedAt: isoOrNull(n.signedAt),
        signedById: n.signedById,
        contentHash: n.contentHash ? hexOf(n.contentHash) : null,
        layout: (n.layout ?? null) as NoteLayout | null,
        practiceTemplateId: n.practiceTemplateId,
        discardedAt: isoOrNull(n.discardedAt),
        discardedById: n.discardedById,
      })),
    ),
    note_versions: await Promise.all(
      versions.map(async (v) => ({
        id: v.id,
        noteId: v.noteId,
        number: v.number,
        savedById: v.savedById,
        startedAt: v.startedAt.toISOString(),
        savedAt: v.savedAt.toISOString(),
        content: JSON.parse(await open(noteClient.get(v.noteId)!, v.contentEnc, `note-version:${v.id}`)) as unknown,
        wordCount: v.wordCount,
      })),
    ),
    note_addenda: await Promise.all(
      addenda.map(async (a) => ({
        id: a.id,
        noteId: a.noteId,
        authorId: a.authorId,
        createdAt: a.createdAt.toISOString(),
        text: await open(noteClient.get(a.noteId)!, a.contentEnc, `addendum:${a.id}`),
        contentHash: hexOf(a.contentHash),
      })),
    ),
    reflections: await Promise.all(
      reflections.map(async (r) => ({
        id: r.id,
        clientCode: codeOf.get(r.clientId)!,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        sharedAt: isoOrNull(r.sharedAt),
        text: openWith((await keyFor(r.clientId))!, r.bodyEnc, `reflection:${r.id}`),
      })),
    ),
    data_requests: await Promise.all(
      requests.map(async (r) => {
        const key = r.detailsEnc && r.clientId ? await keyFor(r.clientId) : null;
        return {
          id: r.id,
          clientCode: r.clientCode,
          kind: r.kind,
          status: r.status,
          source: r.source,
          details: key && r.detailsEnc ? openWith(key, r.detailsEnc, `request:${r.id}`) : null,
          receivedAt: r.receivedAt.toISOString(),
          clockStartedAt: r.clockStartedAt.toISOString(),
          dueOn: r.dueOn.toISOString().slice(0, 10),
          extendedDueOn: dayOrNull(r.extendedDueOn),
          extensionReason: r.extensionReason,
          identityVerified: r.identityVerified,
          assigneeId: r.assigneeId,
          harmReviewById: r.harmReviewById,
          harmReviewAt: isoOrNull(r.harmReviewAt),
          harmReviewOpinion: r.harmReviewOpinion,
          harmReviewWithheld: r.harmReviewWithheld,
          harmReviewWithheldNotes: storedWithheldNotes(r),
          harmReviewReason: r.harmReviewReason,
          outcome: r.outcome,
          legalGround: r.legalGround,
          closedAt: isoOrNull(r.closedAt),
          closedById: r.closedById,
        };
      }),
    ),
    request_contacts: requests.flatMap((r) => {
      const c = requestContacts.get(r.id);
      if (!c) return [];
      return [{ requestId: r.id, fullName: c.fullName, dateOfBirth: c.dateOfBirth || null, email: c.email || null, phone: c.phone || null, clientCode: c.clientCode || null, details: c.details || null }];
    }),
    ...(await collectMeasures(practiceId, codeOf, keyFor)),
    ...(await collectForms(practiceId, codeOf, keyFor)),
    ...(await collectInvoices(practiceId)),
    audit_events: events.map((e) => ({ chainId: e.chainId, ...auditExportRow(e) })),
  };
}

/** The ZIP: manifest.json, README.txt (with what was left out), and `<entity>.json` + `<entity>.csv` for each entity. */
export function archiveOf(practice: { id: string; name: string; timeZone: string }, rows: EntityRows, leftOut: LeftOut, exportedAt = new Date()): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const name of ENTITY_NAMES) {
    files[`${name}.json`] = strToU8(JSON.stringify(rows[name], null, 1));
    files[`${name}.csv`] = strToU8(csvFromRecords(rows[name] as Record<string, unknown>[]));
  }
  files["README.txt"] = strToU8(archiveReadme(leftOut));
  files["IDENTITIES-SPECIAL-CATEGORY-DATA.txt"] = strToU8(IDENTITIES_WARNING);
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_VERSION,
    exportedAt: exportedAt.toISOString(),
    source: { practiceId: practice.id, practiceName: practice.name, timeZone: practice.timeZone, appVersion: process.env.npm_package_version ?? "0.1.0" },
    counts: Object.fromEntries(ENTITY_NAMES.map((n) => [n, rows[n].length])),
    sha256: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, createHash("sha256").update(bytes).digest("hex")])),
  };
  files["manifest.json"] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 6, mtime: exportedAt });
}

/**
 * Owner only, after step-up. `input.reason` (a reason code) is required when the export carries
 * clients the owner is not assigned to; each of them gets an event of their own (their portal's
 * record history shows it), and the export one event with the counts and the reason.
 */
export async function exportPractice(actor: Actor, input: unknown, context: AuditContext): Promise<{ zip: Uint8Array; filename: string }> {
  if (actor.role !== "OWNER") throw forbidden();
  assertSteppedUp(actor);
  const scope = await practiceExportScope(actor);
  const reason = requireExportReason(scope, input);
  const practice = await db().practice.findUniqueOrThrow({ where: { id: actor.practiceId } });
  const rows = await collectPractice(practice.id, actor.membershipId);
  const zip = archiveOf(practice, rows, scope.leftOut);
  const base = { practiceId: actor.practiceId, actor: memberActor(actor), outcome: "SUCCESS" as const, context };
  // Recorded before the file is handed over; the root client commits them as a group.
  await Promise.all(scope.unassignedClients.map((c) => recordAudit(db(), { ...base, action: "client.included_in_export", target: { type: "client", id: c.code }, details: { reason } })));
  await recordAudit(db(), {
    ...base,
    action: "practice.exported",
    target: null,
    details: {
      ...archiveCounts(rows),
      reason,
      unassignedClients: scope.unassignedClients.length,
      processLeftOut: scope.leftOut.processNotes,
      reflectionsLeftOut: scope.leftOut.unsharedReflections,
    },
  });
  return { zip, filename: `confide-practice-export-${new Date().toISOString().slice(0, 10)}.zip` };
}
