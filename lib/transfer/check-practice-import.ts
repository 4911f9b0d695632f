import "server-only";
import { db } from "@/lib/db/client";
import { signedCanonical, type EntityRows } from "./archive";
import { nameKey } from "@/lib/notes/practice-template-rules";
import { chunks } from "./bulk";
import { measureImportProblems, measureMembers } from "@/lib/measures/transfer";
import { idsInUseProblems } from "./ids-in-use";
import { sha256 } from "./read-practice-archive";
import { formMemberIds, formProblems } from "./restore-forms";
import { invoiceMemberIds, invoiceProblems } from "./restore-invoices";

// The second step of a practice restore: everything that must hold before a row is written
// (an empty practice, its members, codes and ids free, references and signatures intact), and
// the maps from the archive's members, clients and types to this practice's.

type Appointment = EntityRows["appointments"][number];

/** How the archive's references resolve here; only valid once the checks have passed. */
export interface ImportMaps {
  /** This practice's membership id for a source member id. */
  member: (id: string) => string;
  memberOrNull: (id: string | null) => string | null;
  /** This practice's membership id for a source member id, or null if that member is not here. */
  memberIfHere: (id: string) => string | null;
  clientIdOf: Map<string, string>;
  clientOfNote: (noteId: string) => string | undefined;
  typeIdOf: (a: Appointment) => string | null | undefined;
}

export type ImportCheck = { ok: true; maps: ImportMaps } | { ok: false; problems: string[] };

/** Reads this practice and the instance; returns the problems (up to 50) or the maps to restore with. */
export async function checkPracticeImport(practiceId: string, rows: EntityRows): Promise<ImportCheck> {
  const prisma = db();
  if ((await prisma.client.count({ where: { practiceId } })) > 0) {
    return { ok: false, problems: ["This practice already has clients. A practice export can only be restored into an empty practice (a new sign-up, with its members invited)."] };
  }
  const problems: string[] = [];

  // Members: every one the archive refers to must be a member here, matched by email.
  const targetMembers = await prisma.membership.findMany({ where: { practiceId }, select: { id: true, user: { select: { email: true } } } });
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
    ...measureMembers(rows),
    ...formMemberIds(rows),
    ...invoiceMemberIds(rows),
  ]);
  const sourceEmail = new Map(rows.members.map((m) => [m.memberId, m.email]));
  const missing = [...referenced].filter((id) => !memberMap.has(id));
  if (missing.length > 0) {
    const emails = [...new Set(missing.map((id) => sourceEmail.get(id) ?? `(member ${id}, not in members.json)`))].sort();
    problems.push(`Invite these members to this practice first (they must sign in with the same email), then try again: ${emails.join(", ")}.`);
  }
  const member = (id: string) => memberMap.get(id)!;

  // Codes are kept, and codes are unique across an instance.
  const codes = rows.clients.map((c) => c.code);
  let taken = 0;
  for (const part of chunks(codes, 5000)) taken += await prisma.client.count({ where: { code: { in: part } } });
  if (taken > 0) problems.push(`${taken} of the archive's client codes are already in use on this Confide instance. Is the practice it came from still here? Restore it on another instance, or erase the original first.`);
  // Ids are kept too: none may already be another practice's (codes in use already say why).
  if (taken === 0) problems.push(...(await idsInUseProblems(practiceId, rows)));

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
  problems.push(...measureImportProblems(rows, clientIdOf));
  for (const r of rows.reflections) if (!clientIdOf.has(r.clientCode)) problems.push(`Reflection ${r.id} belongs to a client code that is not in clients.json.`);
  // Appointment types: the archive's replace this practice's (unused: it has no clients yet). An
  // archive from before types existed keeps ours and maps each appointment by its category.
  const ownTypes = rows.appointment_types.length > 0 ? [] : await prisma.practiceAppointmentType.findMany({ where: { practiceId }, orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { position: "asc" }] });
  const archiveTypeIds = new Set(rows.appointment_types.map((t) => t.id));
  const typeIdOf = (a: Appointment) => (rows.appointment_types.length > 0 ? a.typeId : ownTypes.find((t) => t.category === a.type)?.id);
  const typeNames = new Set<string>();
  for (const t of rows.appointment_types) {
    if (typeNames.has(t.name.toLowerCase())) problems.push(`Two appointment types are called ${t.name.slice(0, 60)}.`);
    typeNames.add(t.name.toLowerCase());
  }
  for (const a of rows.appointments) {
    const typeId = typeIdOf(a);
    if (!typeId || (rows.appointment_types.length > 0 && !archiveTypeIds.has(typeId))) problems.push(`Appointment ${a.id} has a type that is not in appointment_types.json (or no type of its category exists here).`);
  }
  // Practice note templates are added beside this practice's own: live names must stay unique.
  const templateIds = new Set(rows.note_templates.map((t) => t.id));
  const liveNames = new Map((await prisma.practiceNoteTemplate.findMany({ where: { practiceId, archivedAt: null }, select: { name: true } })).map((t) => [nameKey(t.name), "here"]));
  for (const t of rows.note_templates.filter((t) => t.archivedAt === null)) {
    const seen = liveNames.get(nameKey(t.name));
    if (seen) problems.push(seen === "here" ? `This practice already has a note template called ${t.name}: rename or archive it first.` : `Two note templates are called ${t.name}.`);
    liveNames.set(nameKey(t.name), "archive");
  }
  for (const t of rows.appointment_types) if (t.noteTemplateId && !templateIds.has(t.noteTemplateId)) problems.push(`Appointment type ${t.name.slice(0, 60)} starts notes from a template that is not in note_templates.json.`);
  for (const n of rows.notes) if (n.practiceTemplateId && !templateIds.has(n.practiceTemplateId)) problems.push(`Note ${n.id} was started from a template that is not in note_templates.json.`);
  const appointmentIds = new Set(rows.appointments.map((a) => a.id));
  for (const a of rows.appointments) if (!clientIdOf.has(a.clientCode)) problems.push(`Appointment ${a.id} belongs to a client code that is not in clients.json.`);
  // A restore puts every room an appointment names on the room list, whose names have at most 80 characters.
  for (const a of rows.appointments) if (a.room !== null && (a.room.trim() === "" || a.room.length > 80)) problems.push(`Appointment ${a.id} names a room that is empty or longer than 80 characters.`);
  for (const n of rows.notes) if (n.appointmentId && !appointmentIds.has(n.appointmentId)) problems.push(`Note ${n.id} is linked to an appointment that is not in appointments.json.`);
  for (const i of rows.identities) if (!clientIdOf.has(i.clientCode)) problems.push(`An identity belongs to a client code that is not in clients.json.`);
  const requestIds = new Set(rows.data_requests.map((r) => r.id));
  for (const c of rows.request_contacts) if (!requestIds.has(c.requestId)) problems.push(`Contact details belong to request ${c.requestId}, which is not in data_requests.json.`);
  problems.push(...formProblems(rows, clientIdOf));
  problems.push(...invoiceProblems(rows, clientIdOf));
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 50) };

  return {
    ok: true,
    maps: {
      member,
      memberOrNull: (id) => (id ? member(id) : null),
      memberIfHere: (id) => memberMap.get(id) ?? null,
      clientIdOf,
      clientOfNote,
      typeIdOf,
    },
  };
}
