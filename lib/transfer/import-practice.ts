import "server-only";
import { createHash } from "node:crypto";
import { strFromU8 } from "fflate";
import { z } from "zod";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import { assertSteppedUp } from "@/lib/auth/step-up-check";
import { sealWith } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/http/errors";
import { destroyIdentities } from "@/lib/vault/destroy-identities";
import { storeIdentities } from "@/lib/vault/store-identities";
import { destroyRequestContacts, storeRequestContact } from "@/lib/vault/request-contact";
import { archiveCounts, ENTITIES, ENTITY_NAMES, manifestSchema, signedCanonical, type EntityName, type EntityRows } from "./archive";
import { chunks, insertAppointments, insertClientsWithKeys } from "./bulk";
import { idsInUseProblems } from "./ids-in-use";
import { openBoundedZip, type BoundedZip } from "./read-zip";

// Restores a practice export into an EMPTY practice, all or nothing. Codes, ids, note content,
// versions, addenda, signatures and hashes are kept; content is encrypted again under this
// instance's keys. Members are matched by email and must already belong to this practice.
// The source's audit trail stays in the archive: it is that practice's chain, not ours.

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export type PracticeImportResult = { ok: true; counts: Record<string, number> } | { ok: false; problems: string[] };

/** Opens the archive within its limits (lib/transfer/read-zip.ts) and reads its manifest. */
function readArchive(bytes: Uint8Array) {
  const zip = openBoundedZip(bytes);
  const file = zip.read("manifest.json");
  if (!file) throw new AppError("no_manifest", "This ZIP has no manifest.json, so it is not a Confide practice export.", 400);
  const manifest = manifestSchema.safeParse(parseJson(file));
  if (!manifest.success) {
    throw new AppError("bad_manifest", "This archive's manifest.json is not a Confide practice export of format version 1.", 400);
  }
  return { zip, manifest: manifest.data };
}

function parseJson(file: Uint8Array): unknown {
  try {
    return JSON.parse(strFromU8(file));
  } catch {
    return undefined;
  }
}

/** One entity file at a time: inflated, checked and parsed, its bytes dropped before the next. */
function parseEntities(zip: BoundedZip, manifest: z.infer<typeof manifestSchema>, problems: string[]): EntityRows | null {
  for (const [name, count] of Object.entries(manifest.counts)) {
    if (count > 0 && !(ENTITY_NAMES as string[]).includes(name)) problems.push(`The archive holds ${count} "${name}" rows, which this version of Confide cannot import yet. Nothing was imported, so nothing is left behind.`);
  }
  const rows: Partial<EntityRows> = {};
  for (const name of ENTITY_NAMES) {
    const file = zip.read(`${name}.json`);
    if (!file && !(name in manifest.counts)) {
      // An entity added to the format after this archive was made.
      (rows as Record<EntityName, unknown[]>)[name] = [];
      continue;
    }
    if (!file) {
      problems.push(`${name}.json is missing from the archive.`);
      continue;
    }
    if (manifest.sha256[`${name}.json`] && manifest.sha256[`${name}.json`] !== sha256(file).toString("hex")) {
      problems.push(`${name}.json does not match the checksum in manifest.json: the archive was changed or damaged.`);
      continue;
    }
    const parsed = z.array(ENTITIES[name] as z.ZodType).safeParse(parseJson(file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`${name}.json row ${Number(issue.path[0] ?? 0) + 1}, field ${issue.path.slice(1).join(".") || "(row)"}: ${issue.message}`);
      continue;
    }
    if (parsed.data.length !== (manifest.counts[name] ?? 0)) problems.push(`${name}.json holds ${parsed.data.length} rows but manifest.json says ${manifest.counts[name] ?? 0}.`);
    (rows as Record<EntityName, unknown[]>)[name] = parsed.data;
  }
  return problems.length > 0 ? null : (rows as EntityRows);
}

/** Owner only, after step-up. Problems (nothing written) come back as plain sentences. */
export async function importPractice(actor: Actor, bytes: Uint8Array, context: AuditContext): Promise<PracticeImportResult> {
  if (actor.role !== "OWNER") throw forbidden();
  assertSteppedUp(actor);
  const { zip, manifest } = readArchive(bytes);
  const problems: string[] = [];
  const rows = parseEntities(zip, manifest, problems);
  if (!rows) return { ok: false, problems };

  const prisma = db();
  if ((await prisma.client.count({ where: { practiceId: actor.practiceId } })) > 0) {
    return { ok: false, problems: ["This practice already has clients. A practice export can only be restored into an empty practice (a new sign-up, with its members invited)."] };
  }

  // Members: every one the archive refers to must be a member here, matched by email.
  const targetMembers = await prisma.membership.findMany({ where: { practiceId: actor.practiceId }, select: { id: true, user: { select: { email: true } } } });
  const byEmail = new Map(targetMembers.map((m) => [m.user.email.toLowerCase(), m.id]));
  const memberMap = new Map<string, string>();
  for (const m of rows.members) {
    const target = byEmail.get(m.email.toLowerCase());
    if (target) memberMap.set(m.memberId, target);
  }
  const referenced = new Set<string>([
    ...rows.clients.flatMap((c) => c.assignments.map((a) => a.memberId)),
    ...rows.notes.flatMap((n) => [n.authorId, ...(n.signedById ? [n.signedById] : [])]),
    ...rows.note_versions.map((v) => v.savedById),
    ...rows.note_addenda.map((a) => a.authorId),
    ...rows.appointments.flatMap((a) => [a.clinicianId, a.createdById]),
    ...rows.data_requests.flatMap((r) => [r.assigneeId, r.harmReviewById, r.closedById].filter((id): id is string => id !== null)),
  ]);
  const sourceEmail = new Map(rows.members.map((m) => [m.memberId, m.email]));
  const missing = [...referenced].filter((id) => !memberMap.has(id));
  if (missing.length > 0) {
    const emails = [...new Set(missing.map((id) => sourceEmail.get(id) ?? `(member ${id}, not in members.json)`))].sort();
    problems.push(`Invite these members to this practice first (they must sign in with the same email), then try again: ${emails.join(", ")}.`);
  }
  const member = (id: string) => memberMap.get(id)!;
  const memberOrNull = (id: string | null) => (id ? member(id) : null);

  // Codes are kept, and codes are unique across an instance.
  const codes = rows.clients.map((c) => c.code);
  let taken = 0;
  for (const part of chunks(codes, 5000)) taken += await prisma.client.count({ where: { code: { in: part } } });
  if (taken > 0) problems.push(`${taken} of the archive's client codes are already in use on this Confide instance. Is the practice it came from still here? Restore it on another instance, or erase the original first.`);
  // Ids are kept too: none may already be another practice's (codes in use already say why).
  if (taken === 0) problems.push(...(await idsInUseProblems(actor.practiceId, rows)));

  // References and signatures must hold before anything is written.
  const clientIdOf = new Map(rows.clients.map((c) => [c.code, c.id]));
  const noteById = new Map(rows.notes.map((n) => [n.id, n]));
  const clientOfNote = (noteId: string) => clientIdOf.get(noteById.get(noteId)?.clientCode ?? "");
  for (const n of rows.notes) {
    if (!clientIdOf.has(n.clientCode)) problems.push(`Note ${n.id} belongs to a client code that is not in clients.json.`);
    if (n.status === "SIGNED" && (!n.contentHash || sha256(signedCanonical(n)).toString("hex") !== n.contentHash)) problems.push(`Signed note ${n.id} does not match its signature hash: its content was changed after signing.`);
  }
  for (const v of rows.note_versions) if (!noteById.has(v.noteId)) problems.push(`Note version ${v.id} belongs to a note that is not in notes.json.`);
  for (const a of rows.note_addenda) {
    if (!noteById.has(a.noteId)) problems.push(`Addendum ${a.id} belongs to a note that is not in notes.json.`);
    if (sha256(a.text).toString("hex") !== a.contentHash) problems.push(`Addendum ${a.id} does not match its hash: its text was changed after it was written.`);
  }
  for (const r of rows.reflections) if (!clientIdOf.has(r.clientCode)) problems.push(`Reflection ${r.id} belongs to a client code that is not in clients.json.`);
  // Appointment types: the archive's replace this practice's (unused: it has no clients yet). An
  // archive from before types existed keeps ours and maps each appointment by its category.
  const ownTypes = rows.appointment_types.length > 0 ? [] : await prisma.practiceAppointmentType.findMany({ where: { practiceId: actor.practiceId }, orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { position: "asc" }] });
  const archiveTypeIds = new Set(rows.appointment_types.map((t) => t.id));
  const typeIdOf = (a: (typeof rows.appointments)[number]) => (rows.appointment_types.length > 0 ? a.typeId : ownTypes.find((t) => t.category === a.type)?.id);
  const typeNames = new Set<string>();
  for (const t of rows.appointment_types) {
    if (typeNames.has(t.name.toLowerCase())) problems.push(`Two appointment types are called ${t.name.slice(0, 60)}.`);
    typeNames.add(t.name.toLowerCase());
  }
  for (const a of rows.appointments) {
    const typeId = typeIdOf(a);
    if (!typeId || (rows.appointment_types.length > 0 && !archiveTypeIds.has(typeId))) problems.push(`Appointment ${a.id} has a type that is not in appointment_types.json (or no type of its category exists here).`);
  }
  const appointmentIds = new Set(rows.appointments.map((a) => a.id));
  for (const a of rows.appointments) if (!clientIdOf.has(a.clientCode)) problems.push(`Appointment ${a.id} belongs to a client code that is not in clients.json.`);
  for (const n of rows.notes) if (n.appointmentId && !appointmentIds.has(n.appointmentId)) problems.push(`Note ${n.id} is linked to an appointment that is not in appointments.json.`);
  for (const i of rows.identities) if (!clientIdOf.has(i.clientCode)) problems.push(`An identity belongs to a client code that is not in clients.json.`);
  const requestIds = new Set(rows.data_requests.map((r) => r.id));
  for (const c of rows.request_contacts) if (!requestIds.has(c.requestId)) problems.push(`Contact details belong to request ${c.requestId}, which is not in data_requests.json.`);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 50) };

  const clients = rows.clients.map((c) => ({
    id: c.id,
    practiceId: actor.practiceId,
    code: c.code,
    label: c.label,
    status: c.status,
    createdAt: new Date(c.createdAt),
    dischargedAt: c.dischargedAt ? new Date(c.dischargedAt) : null,
    retentionDueAt: c.retentionDueAt ? new Date(c.retentionDueAt) : null,
    legalHoldUntil: c.legalHoldUntil ? new Date(`${c.legalHoldUntil}T00:00:00Z`) : null,
    legalHoldReason: c.legalHoldReason,
    reflectionsInvitedAt: c.reflectionsInvitedAt ? new Date(c.reflectionsInvitedAt) : null,
    reflectionsAcceptedAt: c.reflectionsAcceptedAt ? new Date(c.reflectionsAcceptedAt) : null,
    remindersOptedInAt: c.remindersOptedInAt ? new Date(c.remindersOptedInAt) : null,
    // Who recorded a consent is kept when that member is here too; the consent itself always is.
    remindersOptInById: c.remindersOptedInAt && c.remindersOptInById ? (memberMap.get(c.remindersOptInById) ?? null) : null,
  }));
  const identities = rows.identities.map((i) => ({
    client: { id: clientIdOf.get(i.clientCode)!, practiceId: actor.practiceId },
    identity: {
      fullName: i.fullName,
      preferredName: i.preferredName ?? undefined,
      dateOfBirth: i.dateOfBirth ?? undefined,
      email: i.email ?? undefined,
      phone: i.phone ?? undefined,
      address: i.address ?? undefined,
      emergencyContact: i.emergencyContact ?? undefined,
      gp: i.gp ?? undefined,
    },
  }));
  const counts = Object.fromEntries(ENTITY_NAMES.filter((n) => n !== "audit_events" && n !== "members").map((n) => [n, rows[n].length]));

  const contactsWritten: string[] = [];
  try {
    await prisma.$transaction(
      async (tx) => {
        const keys = await insertClientsWithKeys(tx, clients);
        const key = (clientId: string) => keys.get(clientId)!;
        await tx.clientAssignment.createMany({ data: rows.clients.flatMap((c) => c.assignments.map((a) => ({ clientId: c.id, membershipId: member(a.memberId), assignedAt: new Date(a.assignedAt) }))) });
        if (rows.appointment_types.length > 0) {
          await tx.practiceAppointmentType.deleteMany({ where: { practiceId: actor.practiceId } });
          await tx.practiceAppointmentType.createMany({
            data: rows.appointment_types.map((t) => ({
              id: t.id,
              practiceId: actor.practiceId,
              name: t.name,
              category: t.category,
              durationMinutes: t.durationMinutes,
              feePence: t.feePence,
              position: t.position,
              archivedAt: t.archivedAt ? new Date(t.archivedAt) : null,
              createdAt: new Date(t.createdAt),
            })),
          });
        }
        await insertAppointments(
          tx,
          rows.appointments.map((a) => ({
            id: a.id,
            practiceId: actor.practiceId,
            clientId: clientIdOf.get(a.clientCode)!,
            clinicianId: member(a.clinicianId),
            seriesId: a.seriesId,
            startsAt: new Date(a.startsAt),
            endsAt: new Date(a.endsAt),
            type: a.type,
            practiceTypeId: typeIdOf(a)!,
            room: a.room,
            onlineLink: a.onlineLink,
            status: a.status,
            feePence: a.feePence,
            paymentState: a.paymentState,
            paidAt: a.paidAt ? new Date(a.paidAt) : null,
            createdById: member(a.createdById),
            createdAt: new Date(a.createdAt),
            updatedAt: new Date(a.updatedAt),
          })),
        );
        // Reminders already sent stay sent: the restored schedule never emails them again.
        const reminded = rows.appointments.filter((a) => a.reminderSentAt !== null);
        for (const part of chunks(reminded)) {
          await tx.appointmentReminder.createMany({
            data: part.map((a) => ({ appointmentId: a.id, practiceId: actor.practiceId, status: "SENT" as const, claimedAt: new Date(a.reminderSentAt!), sentAt: new Date(a.reminderSentAt!) })),
          });
        }
        for (const part of chunks(rows.notes)) {
          await tx.note.createMany({
            data: part.map((n) => {
              const clientId = clientIdOf.get(n.clientCode)!;
              return {
                id: n.id,
                practiceId: actor.practiceId,
                clientId,
                appointmentId: n.appointmentId,
                authorId: member(n.authorId),
                kind: n.kind,
                template: n.template,
                sessionDate: new Date(`${n.sessionDate}T00:00:00Z`),
                status: n.status,
                revision: n.revision,
                contentEnc: new Uint8Array(sealWith(key(clientId), JSON.stringify(n.content), `note:${n.id}`)),
                wordCount: n.wordCount,
                createdAt: new Date(n.createdAt),
                updatedAt: new Date(n.updatedAt),
                signedAt: n.signedAt ? new Date(n.signedAt) : null,
                signedById: memberOrNull(n.signedById),
                contentHash: n.contentHash ? new Uint8Array(Buffer.from(n.contentHash, "hex")) : null,
              };
            }),
          });
        }
        for (const part of chunks(rows.note_versions)) {
          await tx.noteVersion.createMany({
            data: part.map((v) => ({
              id: v.id,
              noteId: v.noteId,
              number: v.number,
              savedById: member(v.savedById),
              startedAt: new Date(v.startedAt),
              savedAt: new Date(v.savedAt),
              contentEnc: new Uint8Array(sealWith(key(clientOfNote(v.noteId)!), JSON.stringify(v.content), `note-version:${v.id}`)),
              wordCount: v.wordCount,
            })),
          });
        }
        for (const part of chunks(rows.note_addenda)) {
          await tx.noteAddendum.createMany({
            data: part.map((a) => ({
              id: a.id,
              noteId: a.noteId,
              authorId: member(a.authorId),
              createdAt: new Date(a.createdAt),
              contentEnc: new Uint8Array(sealWith(key(clientOfNote(a.noteId)!), a.text, `addendum:${a.id}`)),
              contentHash: new Uint8Array(Buffer.from(a.contentHash, "hex")),
            })),
          });
        }
        for (const part of chunks(rows.reflections)) {
          await tx.reflection.createMany({
            data: part.map((r) => {
              const clientId = clientIdOf.get(r.clientCode)!;
              return { id: r.id, clientId, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt), sharedAt: r.sharedAt ? new Date(r.sharedAt) : null, bodyEnc: new Uint8Array(sealWith(key(clientId), r.text, `reflection:${r.id}`)) };
            }),
          });
        }
        for (const part of chunks(rows.data_requests)) {
          await tx.dataRequest.createMany({
            data: part.map((r) => {
              const clientId = r.clientCode ? (clientIdOf.get(r.clientCode) ?? null) : null;
              return {
                id: r.id,
                practiceId: actor.practiceId,
                clientId,
                clientCode: r.clientCode,
                kind: r.kind,
                status: r.status,
                source: r.source,
                detailsEnc: r.details !== null && clientId ? new Uint8Array(sealWith(key(clientId), r.details, `request:${r.id}`)) : null,
                receivedAt: new Date(r.receivedAt),
                clockStartedAt: new Date(r.clockStartedAt),
                dueOn: new Date(`${r.dueOn}T00:00:00Z`),
                extendedDueOn: r.extendedDueOn ? new Date(`${r.extendedDueOn}T00:00:00Z`) : null,
                extensionReason: r.extensionReason,
                identityVerified: r.identityVerified,
                assigneeId: memberOrNull(r.assigneeId),
                harmReviewById: memberOrNull(r.harmReviewById),
                harmReviewAt: r.harmReviewAt ? new Date(r.harmReviewAt) : null,
                harmReviewOpinion: r.harmReviewOpinion,
                harmReviewWithheld: r.harmReviewWithheld,
                harmReviewWithheldNotes: r.harmReviewWithheldNotes,
                harmReviewReason: r.harmReviewReason,
                outcome: r.outcome,
                legalGround: r.legalGround,
                closedAt: r.closedAt ? new Date(r.closedAt) : null,
                closedById: memberOrNull(r.closedById),
              };
            }),
          });
        }
        await storeIdentities(identities);
        for (const c of rows.request_contacts) {
          await storeRequestContact(c.requestId, actor.practiceId, { fullName: c.fullName, dateOfBirth: c.dateOfBirth ?? "", email: c.email ?? "", phone: c.phone ?? "", clientCode: c.clientCode ?? "", details: c.details ?? "" });
          contactsWritten.push(c.requestId);
        }
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actor: memberActor(actor),
          action: "practice.imported",
          target: null,
          outcome: "SUCCESS",
          details: {
            sourcePractice: manifest.source.practiceId,
            ...archiveCounts(rows),
            archivedAuditEvents: rows.audit_events.length,
          },
          context,
        });
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  } catch (error) {
    await destroyIdentities(actor.practiceId, identities.map((i) => i.client.id)).catch(() => {});
    // Only those this restore wrote: never another practice's rows with the same request id.
    await destroyRequestContacts(actor.practiceId, contactsWritten).catch(() => {});
    throw error;
  }
  return { ok: true, counts };
}
