import { z } from "zod";
import { withholdingGroundSchema } from "@/lib/requests/grounds";
import { clientFormRow, formConsentRow, formIdentityAnswerRow, formRow, formVersionRow } from "./form-rows";
import { clinicianRegistrationRow, documentCounterRow, invoiceAddresseeRow, invoiceLineRow, invoicePaymentRow, invoiceRow, invoiceSettingsRow } from "./invoice-rows";

// The practice export's format (version 1). Each entity is one JSON file (an array of rows,
// what an import reads) and a CSV twin with the same columns (nested values as JSON text), for
// spreadsheets. manifest.json names the format, its version and each entity's count; an
// importer refuses entities it does not know rather than drop them. Later entities are added as
// new files and manifest entries, keeping version 1 readable (an archive without a file for an
// entity added since, such as `appointments` or `request_contacts`, reads as having none).

export const ARCHIVE_FORMAT = "confide-practice-export";
export const ARCHIVE_VERSION = 1;

const iso = z.iso.datetime({ offset: true });
const day = z.iso.date();
const uuid = z.uuid();
const hex = z.string().regex(/^[0-9a-f]*$/);

export const memberRow = z.object({ memberId: uuid, email: z.string(), role: z.enum(["OWNER", "THERAPIST", "MANAGER"]), joinedAt: iso, removedAt: iso.nullable() });
export const clientRow = z.object({
  id: uuid,
  code: z.string().regex(/^[0-9A-Z]{12}$/),
  label: z.string().nullable(),
  status: z.enum(["ACTIVE", "DISCHARGED"]),
  createdAt: iso,
  dischargedAt: iso.nullable(),
  retentionDueAt: iso.nullable(),
  legalHoldUntil: day.nullable(),
  legalHoldReason: z.string().nullable(),
  /** Two-way reflections: when a clinician invited the client, and when the client accepted. */
  reflectionsInvitedAt: iso.nullable().default(null),
  reflectionsAcceptedAt: iso.nullable().default(null),
  /** Consent to appointment reminder emails: when, and the member who recorded it (null: the client, in the portal). */
  remindersOptedInAt: iso.nullable().default(null),
  remindersOptInById: uuid.nullable().default(null),
  assignments: z.array(z.object({ memberId: uuid, email: z.string(), assignedAt: iso })),
});
export const identityRow = z.object({
  clientCode: z.string(),
  fullName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  emergencyContact: z.string().nullable(),
  gp: z.string().nullable(),
});
/** A practice's own note template (lib/notes/practice-template-rules.ts): sections keyed s1, s2, ... */
export const noteTemplateRow = z.object({
  id: uuid,
  name: z.string().trim().min(1).max(60),
  sections: z.array(z.object({ key: z.string().max(40), label: z.string().max(60), prompt: z.string().max(300) })).min(1).max(12),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
/** A room on the practice's list (appointments name their room by name). */
export const roomRow = z.object({ name: z.string().trim().min(1).max(80), archivedAt: iso.nullable(), createdAt: iso });
const category = z.enum(["ASSESSMENT", "SESSION", "REVIEW", "SUPERVISION"]);
export const appointmentTypeRow = z.object({
  id: uuid,
  name: z.string().min(1).max(60),
  category,
  durationMinutes: z.number().int(),
  feePence: z.number().int(),
  position: z.number().int(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  /** The template its notes start from: a built-in one, or a practice template (note_templates.json); absent from older archives. */
  noteTemplate: z.enum(["FREE", "SOAP", "DAP", "BIRP"]).nullable().default(null),
  noteTemplateId: uuid.nullable().default(null),
});
export const appointmentRow = z.object({
  id: uuid,
  clientCode: z.string(),
  clinicianId: uuid,
  seriesId: uuid.nullable(),
  startsAt: iso,
  endsAt: iso,
  type: category,
  /** The practice type (appointment_types.json); absent from archives made before types existed. */
  typeId: uuid.nullable().default(null),
  room: z.string().nullable(),
  onlineLink: z.string().nullable(),
  status: z.enum(["SCHEDULED", "ATTENDED", "CANCELLED_BY_CLIENT", "CANCELLED_LATE", "DID_NOT_ATTEND", "CANCELLED_BY_PRACTICE"]),
  feePence: z.number().int(),
  paymentState: z.enum(["UNPAID", "PAID", "WAIVED"]),
  paidAt: iso.nullable(),
  createdById: uuid,
  createdAt: iso,
  updatedAt: iso,
  /** When its reminder email was sent, if it was (so a restore never sends it again). */
  reminderSentAt: iso.nullable().default(null),
});
export const noteRow = z.object({
  id: uuid,
  clientCode: z.string(),
  /** The appointment the note is for, if any. */
  appointmentId: uuid.nullable().default(null),
  authorId: uuid,
  kind: z.enum(["CLINICAL", "PROCESS"]),
  template: z.enum(["FREE", "SOAP", "DAP", "BIRP"]),
  sessionDate: day,
  status: z.enum(["DRAFT", "SIGNED"]),
  revision: z.number().int(),
  content: z.unknown(),
  wordCount: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
  signedAt: iso.nullable(),
  signedById: uuid.nullable(),
  contentHash: hex.nullable(),
  /** A practice template's note: the layout it was started with (its template is then FREE). */
  layout: z
    .object({ name: z.string().max(60), sections: z.array(z.object({ key: z.string().max(40), label: z.string().max(60), hint: z.string().max(300) })).min(1).max(12) })
    .nullable()
    .default(null),
  /** The practice template it was started from (note_templates.json), if any. */
  practiceTemplateId: uuid.nullable().default(null),
  /** A draft its author discarded (kept, with its versions, as history). */
  discardedAt: iso.nullable().default(null),
  discardedById: uuid.nullable().default(null),
});
export const noteVersionRow = z.object({ id: uuid, noteId: uuid, number: z.number().int(), savedById: uuid, startedAt: iso, savedAt: iso, content: z.unknown(), wordCount: z.number().int() });
export const noteAddendumRow = z.object({ id: uuid, noteId: uuid, authorId: uuid, createdAt: iso, text: z.string(), contentHash: hex });
export const reflectionRow = z.object({ id: uuid, clientCode: z.string(), createdAt: iso, updatedAt: iso, sharedAt: iso.nullable(), text: z.string() });
const measureId = z.enum(["PHQ9", "GAD7", "CORE10"]);
/** A measure a clinician asked a client to answer (lib/measures). */
export const measureAssignmentRow = z.object({ id: uuid, clientCode: z.string(), measure: measureId, schedule: z.enum(["ONCE", "EVERY_SESSION"]), createdById: uuid, createdAt: iso, endedAt: iso.nullable() });
/** One answering of a measure, its answers decrypted (option index per item, null if left out); scores are recomputed on import. */
export const measureResponseRow = z.object({
  id: uuid,
  clientCode: z.string(),
  measure: measureId,
  assignmentId: uuid.nullable(),
  appointmentId: uuid.nullable(),
  answers: z.array(z.number().int().min(0).max(4).nullable()).max(10),
  takenOn: day.nullable(),
  completedAt: iso.nullable(),
  recordedById: uuid.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export const dataRequestRow = z.object({
  id: uuid,
  /** Null for a request from the public form not yet linked to a client. */
  clientCode: z.string().nullable(),
  kind: z.enum(["ACCESS", "RECTIFICATION", "ERASURE", "OBJECTION"]),
  status: z.enum(["OPEN", "COMPLETED", "REFUSED", "PARTLY_REFUSED", "WITHDRAWN"]),
  source: z.string(),
  details: z.string().nullable(),
  receivedAt: iso,
  clockStartedAt: iso,
  dueOn: day,
  extendedDueOn: day.nullable(),
  extensionReason: z.string().nullable(),
  identityVerified: z.boolean(),
  assigneeId: uuid.nullable(),
  harmReviewById: uuid.nullable(),
  harmReviewAt: iso.nullable(),
  harmReviewOpinion: z.string().nullable(),
  harmReviewWithheld: z.string().nullable(),
  harmReviewWithheldNotes: z.array(z.object({ noteId: uuid, ground: withholdingGroundSchema })).max(2000).default([]),
  harmReviewReason: z.string().max(40).nullable().default(null),
  outcome: z.string().nullable(),
  legalGround: z.string().nullable(),
  closedAt: iso.nullable(),
  closedById: uuid.nullable(),
});
/** What someone left on the public request form, from the vault: identifying, like identities. */
export const requestContactRow = z.object({
  requestId: uuid,
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** The client code the person typed, if any (unchecked: linking is the owner's step). */
  clientCode: z.string().nullable(),
  /** What they wrote about their request. */
  details: z.string().nullable(),
});
export const auditEventRow = z.object({
  chainId: z.string(),
  seq: z.string(),
  occurredAt: iso,
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
  prevHash: hex,
  hash: hex,
});

/** Every entity of format version 1, in the order an import writes them. */
export const ENTITIES = {
  members: memberRow,
  clients: clientRow,
  identities: identityRow,
  note_templates: noteTemplateRow,
  rooms: roomRow,
  appointment_types: appointmentTypeRow,
  appointments: appointmentRow,
  notes: noteRow,
  note_versions: noteVersionRow,
  note_addenda: noteAddendumRow,
  reflections: reflectionRow,
  measure_assignments: measureAssignmentRow,
  measure_responses: measureResponseRow,
  data_requests: dataRequestRow,
  request_contacts: requestContactRow,
  forms: formRow,
  form_versions: formVersionRow,
  client_forms: clientFormRow,
  form_consents: formConsentRow,
  form_identity_answers: formIdentityAnswerRow,
  invoice_settings: invoiceSettingsRow,
  clinician_registrations: clinicianRegistrationRow,
  document_counters: documentCounterRow,
  invoices: invoiceRow,
  invoice_lines: invoiceLineRow,
  invoice_payments: invoicePaymentRow,
  invoice_addressees: invoiceAddresseeRow,
  audit_events: auditEventRow,
} as const;
export type EntityName = keyof typeof ENTITIES;
export type EntityRows = { [K in EntityName]: z.infer<(typeof ENTITIES)[K]>[] };

/** How many rows of each kind an archive carries, as the export and restore audit events record them. */
export const archiveCounts = (rows: EntityRows) => ({
  clients: rows.clients.length,
  identities: rows.identities.length,
  records: rows.notes.length,
  versions: rows.note_versions.length,
  addenda: rows.note_addenda.length,
  reflections: rows.reflections.length,
  requests: rows.data_requests.length,
  requestContacts: rows.request_contacts.length,
});
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_VERSION),
  exportedAt: iso,
  source: z.object({ practiceId: uuid, practiceName: z.string(), timeZone: z.string(), appVersion: z.string() }),
  /** Entity name → number of rows. Files are `<name>.json` and `<name>.csv`. */
  counts: z.record(z.string(), z.number().int().min(0)),
  /** SHA-256 (hex) of each file in the archive other than the manifest. */
  sha256: z.record(z.string(), hex),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The canonical text a note's signature hash covers (as lib/notes signNote computes it). */
export const signedCanonical = (n: { template: string; sessionDate: string; content: unknown }) =>
  JSON.stringify({ template: n.template, sessionDate: n.sessionDate, content: n.content });
