// The README.txt inside every practice export: enough to load it into another system, and
// what this export left out (see export-scope.ts).

import type { LeftOut } from "./export-scope";

export const IDENTITIES_WARNING = `SPECIAL-CATEGORY PERSONAL DATA

identities.csv and identities.json hold the real names, dates of birth and contact details of
this practice's clients. request_contacts.csv and request_contacts.json hold the names, dates
of birth, contact details and words of people who made a data-protection request on the
practice's public request form. form_identity_answers.csv and .json hold what clients
answered to identity questions on forms and the names they typed to sign consents.
invoice_addressees.csv and .json hold the name and postal address each invoice was addressed
to. Together with the clinical files (notes, reflections), they
are special-category health data under UK and EU GDPR (Article 9).

Keep this archive encrypted at rest, share it only with the person who will import it, and
delete every copy when the move is done. Anyone holding it can link each client code to a
person and read their records.
`;

const README = `CONFIDE PRACTICE EXPORT (format "confide-practice-export", version 1)

WARNING: this archive contains SPECIAL-CATEGORY PERSONAL DATA (health records and, in
identities.csv / identities.json and request_contacts.csv / request_contacts.json, real names
and contact details). See IDENTITIES-SPECIAL-CATEGORY-DATA.txt. Store it encrypted and delete it when you are done.

WHAT IS INSIDE
  manifest.json        format, formatVersion, exportedAt, source practice, the row count of
                       each entity, and the SHA-256 of every other file in the archive.
  <entity>.json        the rows of one entity: a JSON array of objects. This is what an import
                       reads; it is complete and lossless.
  <entity>.csv         the same rows and columns as CSV (RFC 4180, header row, UTF-8), for
                       spreadsheets. Nested values (assignments, note content, audit details)
                       are JSON text in one cell. So that no cell runs as a spreadsheet
                       formula, a text cell starting with =, +, -, @, a tab or a carriage
                       return is written with a single quote (') in front, and one starting
                       with a quote followed by one of those or another quote gets one more;
                       the JSON files hold the values exactly.

Times are ISO 8601 in UTC (2026-11-22T09:30:00.000Z); dates are YYYY-MM-DD. Ids are UUIDs.
Client codes are 12 symbols without dashes (shown in the app as K7Q4-MX2P-B9XD). Hashes are
lower-case hex. Nothing in this archive is encrypted: note content was decrypted for export.

ENTITIES
  members         memberId, email, role (OWNER, THERAPIST, MANAGER), joinedAt, removedAt.
                  Every other file names members by memberId; match them by email.
  clients         id, code, label (non-identifying working label), status (ACTIVE,
                  DISCHARGED), createdAt, dischargedAt, retentionDueAt, legalHoldUntil,
                  legalHoldReason, reflectionsInvitedAt, reflectionsAcceptedAt (two-way
                  reflections), assignments [{memberId, email, assignedAt}] (the clinicians
                  who may read the client's notes).
  identities      clientCode, fullName, preferredName, dateOfBirth, email, phone, address,
                  emergencyContact, gp. SPECIAL-CATEGORY DATA. Clients without one are absent.
  note_templates  id, name (unique among the practice's live templates, ignoring case and
                  accents), sections [{key (s1, s2, ...), label, prompt}], archivedAt (set: no
                  longer offered for new notes), createdAt, updatedAt: the practice's own note
                  templates. A note keeps its own copy of the layout it was started with.
  rooms           name, archivedAt (set: no longer offered for new bookings), createdAt: the
                  practice's list of rooms; appointments name their room by name.
  appointment_types
                  id, name (unique in the practice, ignoring case), category (ASSESSMENT,
                  SESSION, REVIEW, SUPERVISION: for reports), durationMinutes and feePence (the
                  defaults a booking starts from), position (order in lists, ascending),
                  archivedAt (set: no longer offered for new bookings), createdAt,
                  noteTemplate (the built-in template its notes start from: FREE, SOAP, DAP,
                  BIRP) or noteTemplateId (the note_templates id), or neither.
  appointments    id, clientCode, clinicianId, seriesId (shared by a weekly/fortnightly series),
                  startsAt, endsAt (UTC instants), type (the category of its type: ASSESSMENT,
                  SESSION, REVIEW, SUPERVISION), typeId (its appointment_types id), room,
                  onlineLink, status (SCHEDULED, ATTENDED, CANCELLED_BY_CLIENT,
                  CANCELLED_LATE, DID_NOT_ATTEND, CANCELLED_BY_PRACTICE),
                  feePence, paymentState (UNPAID, PAID, WAIVED), paidAt, createdById, createdAt,
                  updatedAt, reminderSentAt (when its reminder email was sent, else null; a
                  restore records it as sent so it is never sent twice). No identity: codes only.
  notes           id, clientCode, appointmentId (null when not linked), authorId, kind (CLINICAL, or PROCESS: the author's private
                  working notes, here only the exporting owner's own), template (FREE, SOAP, DAP, BIRP), sessionDate, status (DRAFT,
                  SIGNED), revision, content ({"sections": {"<section>": "<text>"}}), wordCount,
                  createdAt, updatedAt, signedAt, signedById, contentHash, layout (null, or for a
                  practice template's note {"name", "sections": [{"key", "label", "hint"}]}: the
                  sections it is written in), practiceTemplateId (the note_templates id it was
                  started from, or null), discardedAt and discardedById (a draft its author
                  discarded, kept with its versions as history).
                  contentHash = SHA-256 of the UTF-8 text
                    JSON.stringify({template, sessionDate, content})
                  (keys in that order, no spaces), recorded when the note was signed: recompute
                  it to check a signed note is unchanged.
  note_versions   id, noteId, number (1, 2, ...), savedById, startedAt, savedAt, content (as
                  for notes), wordCount: every saved state of each note.
  note_addenda    id, noteId, authorId, createdAt, text, contentHash (SHA-256 of text, UTF-8):
                  additions to signed notes, written once.
  reflections     id, clientCode, createdAt, updatedAt, sharedAt, text: what clients wrote in
                  the portal and shared with their clinician (see LEFT OUT below).
  measure_assignments  id, clientCode, measure (PHQ9, GAD7, CORE10), schedule (ONCE,
                  EVERY_SESSION), createdById, createdAt, endedAt: questionnaires clinicians
                  asked clients to answer.
  measure_responses  id, clientCode, measure, assignmentId, appointmentId, answers (one per
                  item in the published order: the index of the chosen response option, 0
                  first, or null if left out; CORE-10 items 2 and 3 are stored as ticked and
                  reversed when scored), takenOn, completedAt (null: not finished yet),
                  recordedById (the clinician who recorded it in session; null: the client),
                  createdAt, updatedAt. Scores are not stored: recompute them (lib/measures).
  data_requests   id, clientCode (null for a public-form request not yet linked), kind (ACCESS, RECTIFICATION, ERASURE, OBJECTION), status,
                  source, details (what the client wrote, if anything), receivedAt,
                  clockStartedAt, dueOn, extendedDueOn, extensionReason, identityVerified,
                  assigneeId, harmReviewById, harmReviewAt, harmReviewOpinion,
                  harmReviewWithheld, harmReviewWithheldNotes (notes withheld from the
                  client's copy, each with its ground), harmReviewReason (why an owner
                  not assigned to the client reviewed it), outcome, legalGround, closedAt,
                  closedById. Copies awaiting download are not carried.
  request_contacts  requestId (the data_requests row), fullName, dateOfBirth, email, phone,
                  clientCode (as the person typed it, unchecked), details (what they wrote):
                  what someone without portal access left on the public request form.
                  IDENTIFYING, like identities. Requests made from the portal have none.
  forms           id, createdById, createdAt, archivedAt: the practice's intake and consent forms.
  form_versions   id, formId, number, title, fields (the questions: id, kind, label, help,
                  required, identity (the identity field it fills, or null: clinical), options,
                  statement (consent text)), createdAt, updatedAt, publishedAt (null: a draft),
                  publishedById, contentHash (SHA-256 of JSON.stringify({title, fields})).
                  A published version never changes.
  client_forms    id, clientCode, formId, formVersionId (the exact version sent), sentById,
                  sentAt, savedAt, submittedAt, answers (clinical answers by question id).
  form_consents   id, clientFormId, formVersionId, fieldId, statementHash (SHA-256 of the
                  statement shown), agreed, recordedAt: each consent with its version and time.
  form_identity_answers
                  clientFormId, answers (identity answers and names typed as consent
                  signatures, by question id). IDENTIFYING, like identities.
  invoice_settings  the practice's invoicing settings (address, vatExempt, vatExemptText,
                  paymentInstructions, paymentTermsDays, retentionYears, updatedAt); none if
                  never saved.
  clinician_registrations
                  memberId, body, number: the registration printed on each clinician's lines.
  document_counters
                  series (INVOICE, CREDIT_NOTE, RECEIPT), next: the next number of each
                  series, so numbering continues without a gap or a repeat after a restore.
  invoices        id, kind (INVOICE or CREDIT_NOTE), number (in its kind's series), clientCode,
                  issuedAt, issuedOn, dueOn, currency, locale, practiceName, practiceAddress,
                  vatNote, paymentInstructions, totalMinor (minor units; negative on a credit
                  note), creditsInvoiceId and creditReason (a credit note's invoice and reason
                  code), issuedById, retainUntil. Issued documents never change; the status
                  (open, part paid, paid, credited) follows from payments and credit notes.
  invoice_lines   id, invoiceId, position, appointmentId, serviceDate, description,
                  clinicianId, clinicianName, registration, amountMinor.
  invoice_payments
                  id, invoiceId, kind (PAYMENT or REFUND), method, amountMinor, receivedOn,
                  receiptNumber (a payment's receipt; null for a refund), recordedById,
                  createdAt.
  invoice_addressees
                  invoiceId, name, address: who the invoice was addressed to when it was
                  issued. IDENTIFYING, like identities.
  audit_events    the practice's audit trail in order: chainId, seq, occurredAt, actorType,
                  actorId, actorRole, action, targetType, targetId, outcome, requestId, ip,
                  userAgent, details, prevHash, hash. Each hash is SHA-256 of prevHash followed
                  by the event's canonical content, as stored: where a client (or a public-form
                  sender) acted, ip and userAgent are "sealed:..." under that person's own key,
                  which this archive does not carry, so they stay unreadable here while the
                  hashes still check. It is kept here as the source's record;
                  Confide does not replay it into another practice's trail (that trail has its
                  own chain), and records the import there as one event instead.

NOT INCLUDED
  Passwords, second factors, passkeys and sessions; portal PINs (re-issue portal access after
  a move); single-use download links of access exports; encryption keys (the new system
  encrypts everything under its own keys).

LEFT OUT OF THIS EXPORT (by the same rules as the app's screens)
  Reflections a client has not shared are the client's alone: they leave Confide only in the
  client's own copy of their data (an access request), never in a practice export.
  Process notes are their author's private working notes and leave only with their author:
  this export carries the process notes of the owner who made it, and no one else's (nor
  their saved versions or addenda).
__LEFT_OUT__

IMPORTING INTO CONFIDE
  Sign in as the owner of an EMPTY practice (no clients), invite every member listed in
  members.json (matched by email), then use Import > "Restore a practice export". Client
  codes, ids, note content, versions, addenda, signatures and hashes are kept exactly; the
  import is all or nothing. Entities a later format adds appear
  as new files and manifest counts; an older Confide refuses an archive with entities it does
  not know, rather than leave them behind.
`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The README.txt of one export, with the counts of what it left out. */
export function archiveReadme(leftOut: LeftOut): string {
  const lines = [
    `  Left out of this archive: ${plural(leftOut.unsharedReflections, "unshared reflection", "unshared reflections")};`,
    `  ${plural(leftOut.processNotes, "process note", "process notes")} of other members, with ${plural(leftOut.processNoteVersions, "saved version", "saved versions")} and ${plural(leftOut.processNoteAddenda, "addendum", "addenda")}.`,
  ];
  return README.replace("__LEFT_OUT__", lines.join("\n"));
}
