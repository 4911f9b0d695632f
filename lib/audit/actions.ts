import type { z } from "zod";
import { AppointmentStatus, AppointmentType, DataRequestKind, MemberRole, NoteKind, NoteTemplate, PaymentState } from "@/lib/generated/prisma/enums";
import { detailsSchema, field as f, type AuditShape } from "./fields";

// The audit vocabulary: every action Confide records, in one typed list, with the details each
// one carries. docs/audit-trail.md's table is written from it (npm run audit:actions), and a unit test
// keeps the two in step. An action's `details` is the only shape its events may have: the
// TypeScript type of recordAudit's input and the guard it runs are both made from it, so a key
// it does not declare (or a value of another kind) neither compiles nor reaches the trail.

// Codes that several actions share. The domains have their own lists (with the words people
// read); the compiler holds each caller's type to these, so a new code must be added here.
const SECOND_FACTORS = ["totp", "recovery_code", "passkey"] as const;
const PASSKEY_FAILURES = ["invalid_input", "challenge_invalid", "unknown_passkey", "wrong_user", "not_verified", "counter_replayed"] as const;
const REVEAL_REASONS = ["contact", "scheduling", "safeguarding", "billing", "referral", "legal", "data_request", "update"] as const;
const OWNER_REVIEW_REASONS = ["no_clinician", "clinician_unavailable", "second_opinion"] as const;
const WITHHOLDING_GROUNDS = ["third_party", "serious_harm"] as const;
const REFUSAL_GROUNDS = ["manifestly_unfounded", "manifestly_excessive", "legal_obligation", "public_health", "legal_claims", "compelling_grounds"] as const;
const EXPORT_REASONS = ["move", "backup", "closure", "legal"] as const;
const SERIES_SCOPES = ["ONE", "FOLLOWING"] as const;
const FEED_FAILURES = ["invalid_url", "blocked_address", "unreachable", "timeout", "http_status", "too_many_redirects", "too_large", "not_icalendar", "too_complex", "too_many_events"] as const;
/** A practice setting's value: a number of minutes or hours, or a switch. */
const setting = () => f.integer().or(f.flag());
/** What a practice export or import carries, by kind of record (lib/transfer/archive.ts). */
const ARCHIVE_COUNTS = {
  clients: f.count(),
  identities: f.count(),
  records: f.count(),
  versions: f.count(),
  addenda: f.count(),
  reflections: f.count(),
  requests: f.count(),
  requestContacts: f.count(),
};

export const AUDIT_ACTIONS = {
  "auth.signin.succeeded": { past: "signed in", about: "A member signed in.", details: { method: f.oneOf(["password"]) } },
  "auth.signin.failed": { past: "failed to sign in", about: "A sign-in attempt was refused (wrong password or unknown email).", details: { reason: f.oneOf(["invalid_input", "unknown_account", "wrong_password", "no_practice", "practice_suspended"]), failures: f.count().optional() } },
  "auth.signin.locked": { past: "was stopped from signing in (too many attempts)", about: "A sign-in attempt was refused because of too many recent failures.", details: { limit: f.oneOf(["ip", "account", "second_factor"]), method: f.oneOf(["passkey"]).optional() } },
  "auth.mfa.succeeded": { past: "passed two-factor verification", about: "A member passed the second sign-in step (authenticator, recovery code or passkey).", details: { method: f.oneOf(SECOND_FACTORS), recoveryCodesLeft: f.count().nullable().optional(), passkeyId: f.id().optional() } },
  "auth.mfa.failed": { past: "failed two-factor verification", about: "A second-step code was wrong, expired or already used, or a passkey was refused.", details: { method: f.oneOf(["code", "passkey"]), reason: f.oneOf(PASSKEY_FAILURES).optional() } },
  "auth.totp.enrolled": { past: "turned on two-factor authentication", about: "A member confirmed an authenticator app with a first code.", details: {} },
  "auth.passkey.registered": { past: "added a passkey", about: "A member added a passkey to their account (it also counts as their second factor).", details: { deviceType: f.oneOf(["singleDevice", "multiDevice"]), backedUp: f.flag(), passkeys: f.count() } },
  "auth.passkey.renamed": { past: "renamed a passkey", about: "A member renamed one of their passkeys (the name is not recorded).", details: {} },
  "auth.passkey.removed": { past: "removed a passkey", about: "A member removed one of their passkeys; it can no longer sign in.", details: { passkeysLeft: f.count() } },
  "auth.passkey.signin_succeeded": { past: "signed in with a passkey", about: "A member signed in with a passkey alone (both factors at once).", details: { method: f.oneOf(["passkey"]), passkeyId: f.id() } },
  "auth.passkey.signin_failed": { past: "failed to sign in with a passkey", about: "A passkey sign-in was refused (unknown passkey, failed check, wrong user, or a reused or expired challenge).", details: { reason: f.oneOf([...PASSKEY_FAILURES, "no_practice", "practice_suspended"]), failures: f.count().optional() } },
  "auth.recovery_codes.generated": { past: "generated new recovery codes", about: "A member's recovery codes were (re)generated; older ones stop working.", details: { count: f.count() } },
  "auth.stepup.succeeded": { past: "confirmed their identity for a sensitive action", about: "A member re-entered their password (and second factor) before a sensitive action.", details: { method: f.oneOf(["password", ...SECOND_FACTORS]) } },
  "auth.stepup.failed": { past: "failed to confirm their identity", about: "A step-up attempt had a wrong password or code, or was refused after too many failures.", details: { reason: f.oneOf(["locked", "wrong_code", "wrong_password", ...PASSKEY_FAILURES]), method: f.oneOf(["passkey"]).optional() } },
  "auth.password.changed": { past: "changed their password", about: "A member changed their password; their other sessions were ended.", details: { sessionsEnded: f.count() } },
  "auth.email_change.requested": { past: "asked to change their email address", about: "A member asked to change their sign-in email; a link went to the new address and a notice to the old (no addresses recorded).", details: {} },
  "auth.email_change.completed": { past: "changed their email address", about: "A member confirmed a new email address from the link sent to it; their other sessions were ended.", details: { sessionsEnded: f.count() } },
  "auth.mfa.reset": { past: "reset a member's two-factor authentication", about: "An owner removed a locked-out member's authenticator, recovery codes and passkeys so they can enrol again.", details: { recoveryCodesRemoved: f.count().optional(), passkeysRemoved: f.count().optional(), sessionsEnded: f.count().optional(), reason: f.oneOf(["account_used_elsewhere"]).optional() } },
  "auth.signup.requested": { past: "asked to create a practice", about: "Someone asked to sign up; a confirmation link was emailed.", details: {} },
  "practice.created": { past: "created the practice", about: "A confirmed sign-up created a practice and its owner.", details: {} },
  "auth.password_reset.requested": { past: "asked for a password reset", about: "A password reset link was requested (sent only if the account exists).", details: {} },
  "auth.password_reset.completed": { past: "reset their password", about: "A member set a new password from a reset link; all their sessions were ended.", details: { sessionsEnded: f.count() } },
  "auth.signout": { past: "signed out", about: "A member signed out and the session was ended.", details: {} },
  "auth.session.revoked": { past: "ended a session", about: "A member ended one of their sessions before it expired.", details: { current: f.flag() } },
  "auth.sessions.revoked_all": { past: "signed out everywhere", about: "A member ended all of their sessions at once.", details: { count: f.count() } },
  "practice.settings.changed": { past: "changed a practice-wide setting", about: "An owner changed a practice-wide setting such as the idle timeout.", details: { setting: f.oneOf(["idleTimeoutMinutes", "requireTwoFactor", "managersMayRevealContact", "remindersEnabled", "reminderHoursBefore"]), from: setting(), to: setting() } },
  "member.invited": { past: "invited a new member", about: "An owner sent an invitation to join the practice with a role.", details: { role: f.enumOf(MemberRole) } },
  "member.invitation_revoked": { past: "withdrew an invitation", about: "An owner withdrew an invitation before it was used.", details: {} },
  "member.joined": { past: "joined the practice", about: "Someone accepted an invitation and became a member.", details: { role: f.enumOf(MemberRole) } },
  "member.role_changed": { past: "changed a member's role", about: "An owner changed a member's role; the member's sessions were ended.", details: { from: f.enumOf(MemberRole), to: f.enumOf(MemberRole), sessionsEnded: f.count() } },
  "member.removed": { past: "removed a member", about: "An owner removed a member; their sessions were ended at once.", details: { role: f.enumOf(MemberRole), sessionsEnded: f.count() } },
  "member.listed": { past: "viewed the member list", about: "The practice's member list was opened.", details: { count: f.count() } },
  "audit.viewed": { past: "reviewed the audit trail", about: "The audit trail review screen was opened.", details: { page: f.oneOf(["first", "next"]), results: f.count() } },
  "audit.event.viewed": { past: "opened an audit event", about: "One audit event's detail was opened.", details: { seq: f.seq() } },
  "audit.exported": { past: "exported the audit trail", about: "A filtered view of the trail was downloaded (CSV or JSON).", details: { format: f.oneOf(["csv", "json"]), count: f.count() } },
  "audit.verified": { past: "verified the audit trail", about: "The hash chain was checked from the first event to the last.", details: { verified: f.count(), brokenAt: f.seq().nullable() } },
  "audit.checkpoint.exported": { past: "exported an audit checkpoint", about: "A signed checkpoint of the chain head was downloaded.", details: { seq: f.seq() } },
  "client.created": { past: "added a client", about: "A client record was created under a new random code.", details: { labelled: f.flag(), identity: f.flag() } },
  "client.caseload_viewed": { past: "opened the caseload", about: "The list of clients was opened (codes and labels only).", details: { count: f.count(), searched: f.flag(), status: f.oneOf(["active", "discharged"]) } },
  "client.viewed": { past: "opened a client's record", about: "A client's page was opened (code, label, timeline metadata).", details: { entries: f.count() } },
  "client.access_denied": { past: "was refused a client's record", about: "Someone asked for a client they may not see (not assigned, other practice, or no such code).", details: { reason: f.oneOf(["malformed_code", "unknown_code", "not_assigned", "other_practice", "notes_not_permitted"]) } },
  "client.label_changed": { past: "changed a client's working label", about: "The non-identifying working label of a client changed.", details: { labelled: f.flag() } },
  "client.assigned": { past: "assigned a clinician to a client", about: "A clinician was given access to a client's notes.", details: { membershipId: f.id() } },
  "client.unassigned": { past: "removed a clinician from a client", about: "A clinician's access to a client's notes was withdrawn.", details: { membershipId: f.id() } },
  "client.discharged": { past: "discharged a client", about: "A client left the active caseload; records are kept.", details: {} },
  "client.reopened": { past: "reopened a client", about: "A discharged client returned to the active caseload.", details: {} },
  "identity.recorded": { past: "recorded a client's identity", about: "Identity details were written to the vault (encrypted under the identity key).", details: { fields: f.count() } },
  "identity.revealed": { past: "revealed a client's identity", about: "Someone opened a client's identity from the vault, giving a reason.", details: { reason: f.oneOf(REVEAL_REASONS), scope: f.oneOf(["full", "contact", "request_contact"]), recorded: f.flag().optional(), purpose: f.oneOf(["statement", "invoice", "receipt"]).optional(), failure: f.oneOf(["vault_unavailable"]).optional() } },
  "identity.reveal_denied": { past: "was refused a client's identity", about: "An identity reveal was refused (not allowed for this member or client).", details: { reason: f.oneOf(["not_permitted"]), purpose: f.oneOf(["statement"]).optional() } },
  "note.created": { past: "started a note", about: "A session note or process note was started.", details: { client: f.clientCode(), kind: f.enumOf(NoteKind), template: f.enumOf(NoteTemplate), appointment: f.id().nullable() } },
  "note.read": { past: "read a note", about: "A note's content (with its addenda) was decrypted and shown.", details: { client: f.clientCode(), kind: f.enumOf(NoteKind), addenda: f.count(), request: f.id().optional(), reason: f.oneOf(OWNER_REVIEW_REASONS).nullable().optional() } },
  "note.saved": { past: "saved a note draft", about: "A draft note was saved (autosave or explicit).", details: { client: f.clientCode(), revision: f.count(), version: f.count(), words: f.count() } },
  "note.save_conflict": { past: "hit an editing conflict on a note", about: "A save was refused because the note had changed since it was opened (another tab or person).", details: { client: f.clientCode(), baseRevision: f.count(), revision: f.count() } },
  "note.signed": { past: "signed a note", about: "A note was signed and locked; only addenda can follow.", details: { client: f.clientCode(), revision: f.count(), sha256: f.sha256() } },
  "note.addendum_added": { past: "added an addendum", about: "An addendum was added to a signed note.", details: { client: f.clientCode(), addendum: f.id(), sha256: f.sha256() } },
  "note.history_viewed": { past: "viewed a note's history", about: "The list of a note's versions was opened.", details: { client: f.clientCode(), versions: f.count() } },
  "note.version_read": { past: "read an earlier version of a note", about: "One earlier version of a note was decrypted and shown.", details: { client: f.clientCode(), version: f.count() } },
  "note.deleted": { past: "deleted a draft note", about: "An unsigned draft was deleted by its author.", details: { client: f.clientCode(), words: f.count() } },
  "portal.access_issued": { past: "issued portal access", about: "A clinician issued (or re-issued) a client's portal PIN; any older PIN stopped working.", details: { reissued: f.flag(), sessionsEnded: f.count() } },
  "portal.signin.succeeded": { past: "signed in to the portal", about: "A client signed in to the portal with their code and PIN.", details: { session: f.id() } },
  "portal.signin.failed": { past: "failed to sign in to the portal", about: "A portal sign-in was refused (wrong PIN, unknown code or no access; or the right PIN while the practice is suspended).", details: { reason: f.oneOf(["invalid_code", "unknown_code", "no_access", "wrong_pin", "inactive", "practice_suspended"]) } },
  "portal.signin.locked": { past: "was paused from signing in to the portal", about: "A portal sign-in was refused after too many recent failures.", details: { limit: f.oneOf(["ip", "code"]) } },
  "portal.pin_changed": { past: "changed their portal PIN", about: "A client set a new PIN of their own.", details: {} },
  "portal.signout": { past: "signed out of the portal", about: "A client signed out of the portal.", details: {} },
  "portal.history_viewed": { past: "looked at who opened their record", about: "A client opened the list of who looked at their record.", details: {} },
  "request.submitted": { past: "made a data request", about: "A client asked for access, correction, erasure or objection.", details: { kind: f.enumOf(DataRequestKind), client: f.clientCode().optional(), source: f.oneOf(["public_form"]).optional() } },
  "request.identity_verified": { past: "verified who made a request", about: "An owner linked a request from the public form to a client's record after checking who the person is.", details: { client: f.clientCode() } },
  "request.assigned": { past: "assigned a data request", about: "An owner assigned a clinician to a request (for example, for the serious-harm review).", details: { membershipId: f.id() } },
  "request.viewed": { past: "opened a data request", about: "A member opened a data-subject request.", details: { kind: f.enumOf(DataRequestKind) } },
  "request.extended": { past: "extended a request's deadline", about: "The due date of a complex request was extended by two months, with a reason the client sees.", details: { kind: f.enumOf(DataRequestKind) } },
  "request.harm_review_recorded": { past: "recorded a serious-harm review", about: "A clinician recorded their serious-harm opinion before health data is released.", details: { client: f.clientCode().nullable(), reviewer: f.id(), withheld: f.count(), grounds: f.listOf(WITHHOLDING_GROUNDS).nullable(), reason: f.oneOf(OWNER_REVIEW_REASONS).nullable() } },
  "request.export_prepared": { past: "prepared a client's copy of their data", about: "An access request was fulfilled: a single-use download was made for the client.", details: { client: f.clientCode().nullable(), bytes: f.count(), withheld: f.count() } },
  "request.export_downloaded": { past: "downloaded their copy of their data", about: "The client downloaded their access export through the portal.", details: {} },
  "request.completed": { past: "completed a data request", about: "A request was fulfilled and closed, with an outcome the client sees.", details: { kind: f.enumOf(DataRequestKind) } },
  "request.refused": { past: "refused a data request", about: "A request was refused in whole or in part, with the legal ground the client sees.", details: { kind: f.enumOf(DataRequestKind), ground: f.oneOf(REFUSAL_GROUNDS), partly: f.flag() } },
  "client.erased": { past: "erased a client", about: "A client's data keys were destroyed and their records deleted; only this tombstone and codes remain.", details: { reason: f.oneOf(["retention", "erasure_request", "ledger_replay"]), entries: f.count() } },
  "reflection.written": { past: "wrote a reflection", about: "A client wrote or changed a private reflection in the portal.", details: { client: f.clientCode() } },
  "reflection.shared": { past: "shared a reflection", about: "A client shared one reflection with their therapist.", details: { client: f.clientCode() } },
  "reflection.unshared": { past: "stopped sharing a reflection", about: "A client withdrew a shared reflection.", details: { client: f.clientCode() } },
  "reflection.connection_invited": { past: "invited a client to share reflections", about: "A clinician invited the client to a two-way reflections connection (the client must accept).", details: { client: f.clientCode() } },
  "reflection.connection_accepted": { past: "accepted sharing reflections", about: "The client accepted; entries written from now on are shared, earlier ones stay private.", details: { client: f.clientCode() } },
  "reflection.connection_ended": { past: "ended sharing reflections", about: "The client declined or ended the two-way reflections connection.", details: { client: f.clientCode() } },
  "reflection.read": { past: "read a shared reflection", about: "A clinician read a reflection the client had shared.", details: { client: f.clientCode(), entries: f.count() } },
  "retention.policy_changed": { past: "changed the retention policy", about: "An owner changed how long records are kept; the reason is kept with the policy.", details: { fromYears: f.count(), toYears: f.count(), fromAge: f.count(), toAge: f.count() } },
  "retention.flagged": { past: "flagged a record as past retention", about: "The retention run found a record past the practice's retention period; it awaits the owner's review.", details: { client: f.clientCode(), retentionEnd: f.day() } },
  "retention.hold_placed": { past: "placed a legal hold on a record", about: "An owner kept a record past retention, with a reason and a review date.", details: { client: f.clientCode(), reviewOn: f.day() } },
  "retention.destroyed": { past: "destroyed a record at the end of retention", about: "An owner confirmed destruction of a record past retention (crypto-shredding, then deletion).", details: { client: f.clientCode() } },
  "retention.run": { past: "ran the retention check", about: "The scheduled retention check ran; the counts are in the details.", details: { practices: f.count(), checked: f.count(), flagged: f.count(), expiredCopies: f.count() } },
  "platform.practices_listed": { past: "opened the platform's practice list", about: "An operator opened the list of practices and platform counts (counts and practice metadata only).", details: { page: f.count(), shown: f.count() } },
  "platform.practice_viewed": { past: "opened a practice's platform page", about: "An operator opened one practice's platform page (counts and status only).", details: {} },
  "platform.practice_suspended": { past: "suspended a practice", about: "An operator suspended a practice, with a reason; its members' sessions were ended and they cannot sign in, and its clients' portal and public request form are paused.", details: { reason: f.oneOf(["billing", "abuse", "security", "requested", "other"]), sessionsEnded: f.count() } },
  "platform.practice_reactivated": { past: "reactivated a practice", about: "An operator lifted a practice's suspension; its members can sign in again and its clients can use the portal.", details: {} },
  "platform.access_denied": { past: "was refused the platform screens", about: "Someone who is not a platform operator (or has no second factor) asked for a platform screen.", details: { reason: f.oneOf(["no_second_factor", "not_operator"]) } },
  "client.imported": { past: "imported clients from a CSV file", about: "A member imported clients from a CSV file in one all-or-nothing step; only the counts are in the details.", details: { clients: f.count(), identities: f.count(), format: f.oneOf(["csv"]) } },
  "practice.exported": { past: "exported the whole practice", about: "An owner downloaded the practice-wide export (clients, identities, notes, shared reflections, requests, audit trail); the counts, what was left out and the reason are in the details.", details: { ...ARCHIVE_COUNTS, reason: f.oneOf(EXPORT_REASONS).nullable(), unassignedClients: f.count(), processLeftOut: f.count(), reflectionsLeftOut: f.count() } },
  "client.included_in_export": { past: "included a client they are not assigned to in a practice export", about: "An owner's practice export carried the records of a client they are not assigned to (one event per such client, with the reason code); the client sees it in the portal.", details: { reason: f.oneOf(EXPORT_REASONS).nullable() } },
  "practice.imported": { past: "restored a practice export", about: "An owner restored a practice-wide export into this empty practice; only the counts are in the details.", details: { sourcePractice: f.id(), ...ARCHIVE_COUNTS, archivedAuditEvents: f.count() } },
  "appointment.created": { past: "booked an appointment", about: "An appointment (or a weekly or fortnightly series) was booked for a client code with a clinician.", details: { client: f.clientCode(), clinician: f.id(), type: f.enumOf(AppointmentType), appointmentType: f.id(), repeat: f.oneOf(["NONE", "WEEKLY", "FORTNIGHTLY"]), count: f.count(), series: f.id().nullable(), fee: f.count(), room: f.flag(), online: f.flag() } },
  "appointment.moved": { past: "moved an appointment", about: "An appointment, or it and the rest of its series, moved to another time, length or place.", details: { client: f.clientCode(), scope: f.oneOf(SERIES_SCOPES), count: f.count(), from: f.instant(), to: f.instant(), minutes: f.count() } },
  "appointment.cancelled": { past: "cancelled an appointment", about: "An appointment (or it and the rest of its series) was cancelled by the client, late, or by the practice.", details: { client: f.clientCode(), status: f.enumOf(AppointmentStatus), scope: f.oneOf(SERIES_SCOPES), count: f.count() } },
  "appointment.completed": { past: "recorded an appointment's outcome", about: "An appointment was marked attended or did not attend.", details: { client: f.clientCode(), from: f.enumOf(AppointmentStatus), status: f.enumOf(AppointmentStatus) } },
  "appointment.payment_changed": { past: "changed an appointment's payment", about: "An appointment's payment state (unpaid, paid, waived) or fee changed.", details: { client: f.clientCode(), from: f.enumOf(PaymentState), state: f.enumOf(PaymentState), fee: f.count(), previousFee: f.count() } },
  "appointment.double_booking_refused": { past: "was refused a double booking", about: "A booking or move was refused because the clinician or room was already booked then.", details: {} },
  "appointment.imported": { past: "imported appointments from a CSV file", about: "A member imported appointments from a CSV file in one all-or-nothing step; only the counts are in the details.", details: { appointments: f.count(), clients: f.count(), clinicians: f.count(), format: f.oneOf(["csv"]) } },
  "appointment_type.created": { past: "added an appointment type", about: "An owner added a practice appointment type with its category, default length and fee.", details: { appointmentType: f.id(), category: f.enumOf(AppointmentType), minutes: f.count(), fee: f.count() } },
  "appointment_type.changed": { past: "changed an appointment type", about: "An owner renamed an appointment type or changed its category, default length or fee.", details: { appointmentType: f.id(), retitled: f.flag(), category: f.enumOf(AppointmentType), minutes: f.count(), fee: f.count() } },
  "appointment_type.reordered": { past: "reordered the appointment types", about: "An owner moved an appointment type up or down the list.", details: { appointmentType: f.id(), direction: f.oneOf(["up", "down"]) } },
  "appointment_type.archived": { past: "archived an appointment type", about: "An owner archived an appointment type: no new bookings, existing appointments keep it.", details: { appointmentType: f.id() } },
  "appointment_type.unarchived": { past: "brought back an appointment type", about: "An owner made an archived appointment type bookable again.", details: { appointmentType: f.id() } },
  "appointment_type.deleted": { past: "deleted an appointment type", about: "An owner deleted an appointment type that no appointment used.", details: { appointmentType: f.id(), category: f.enumOf(AppointmentType) } },
  "schedule.viewed": { past: "opened the schedule", about: "A day or week of the schedule was opened (codes and labels only).", details: { view: f.oneOf(["day", "week"]), from: f.day(), count: f.count(), whole: f.flag() } },
  "schedule.feed_enabled": { past: "turned on a calendar feed", about: "A clinician created (or replaced) their private calendar feed link; any older link stopped working.", details: { replaced: f.flag() } },
  "schedule.feed_revoked": { past: "turned off a calendar feed", about: "A clinician turned off their private calendar feed; its link stopped working.", details: {} },
  "schedule.feed_read": { past: "had their calendar feed read", about: "A calendar app fetched a clinician's private feed (times, codes or labels and places only).", details: { events: f.count() } },
  "calendar.connected": { past: "connected an external calendar", about: "A clinician connected an external booking calendar by its iCal address (stored encrypted; only its host is shown) and it was read for the first time.", details: { events: f.count(), added: f.count() } },
  "calendar.synced": { past: "synced their external calendar", about: "A connected calendar was read again (by its clinician, or by the scheduled sync); the counts of events added, updated and removed are in the details.", details: { events: f.count(), added: f.count(), updated: f.count(), removed: f.count(), kept: f.count(), scheduled: f.flag() } },
  "calendar.sync_failed": { past: "could not sync their external calendar", about: "A connected calendar could not be read (unreachable, refused, not iCalendar, too large, too complex, too many events, or a private address); nothing changed. The reason code is in the details.", details: { reason: f.oneOf(FEED_FAILURES), connecting: f.flag().optional(), scheduled: f.flag().optional() } },
  "calendar.schedule_changed": { past: "changed their calendar's scheduled sync", about: "A clinician switched the scheduled sync of their connected calendar on or off.", details: { on: f.flag() } },
  "calendar.names_matched": { past: "matched calendar events to clients", about: "Pending calendar events' summaries were compared with the name tags of the clinician's clients in the identity vault, to suggest clients (counts only).", details: { events: f.count(), matched: f.count(), clients: f.count() } },
  "calendar.event_booked": { past: "booked a calendar event as an appointment", about: "A clinician booked an event of their connected calendar as an appointment for a client of their caseload.", details: { appointment: f.id() } },
  "calendar.event_kept_busy": { past: "kept a calendar event as busy", about: "A clinician kept an event of their connected calendar as a busy block in their schedule (shown to others as \"Busy (external)\").", details: {} },
  "calendar.event_dismissed": { past: "dismissed a calendar event", about: "A clinician dismissed an event of their connected calendar (or released a busy block); it stays dismissed at later syncs.", details: {} },
  "calendar.event_restored": { past: "brought back a dismissed calendar event", about: "A clinician put a dismissed event of their connected calendar back among the events to decide.", details: {} },
  "calendar.disconnected": { past: "disconnected an external calendar", about: "A clinician disconnected their external calendar: its address and its pending and busy events were deleted; appointments made from it stay.", details: { events: f.count() } },
  "billing.viewed": { past: "opened a billing summary", about: "A month's billing summary was opened.", details: { month: f.month(), clinicians: f.count() } },
  "billing.exported": { past: "exported a billing summary", about: "A month's billing summary was downloaded as CSV.", details: { month: f.month(), clinicians: f.count() } },
  "invoice.issued": { past: "issued invoices", about: "An invoicing run issued the practice's invoices for a month (per client or per session); the details give the month, how many, the total and the number range.", details: { month: f.month(), grouping: f.oneOf(["client", "session"]), invoices: f.count(), totalMinor: f.count(), firstNumber: f.count(), lastNumber: f.count() } },
  "invoice.opened": { past: "opened an invoice", about: "An invoice, credit note or receipt was opened or printed (a billing reveal of the addressee; see identity.revealed).", details: { kind: f.oneOf(["INVOICE", "CREDIT_NOTE"]), number: f.count(), purpose: f.oneOf(["invoice", "receipt"]) } },
  "invoice.credited": { past: "credited an invoice", about: "A credit note was issued against an invoice (the invoice itself never changes).", details: { invoice: f.count(), creditNumber: f.count(), amountMinor: f.count(), reason: f.oneOf(["billed_in_error", "fee_changed", "waived", "duplicate"]) } },
  "invoice.payment_recorded": { past: "recorded a payment", about: "A payment (with its receipt number) or a refund was recorded against an invoice.", details: { invoice: f.count(), kind: f.oneOf(["PAYMENT", "REFUND"]), method: f.oneOf(["BANK_TRANSFER", "CARD", "CASH", "INSURER"]), amountMinor: f.count(), receipt: f.count().optional(), balanceMinor: f.integer() } },
  "invoice.client_notified": { past: "told a client an invoice is waiting", about: "An email told a client that invoices wait in their portal (no amount, name or service in it).", details: { invoices: f.count() } },
  "invoice.portal_viewed": { past: "opened their invoices in the portal", about: "A client opened the list of their invoices, or one invoice or receipt, in the portal.", details: { number: f.count().optional(), kind: f.oneOf(["INVOICE", "CREDIT_NOTE", "RECEIPT"]).optional() } },
  "invoice.exported": { past: "exported invoices", about: "A month's invoices and credit notes were downloaded as an accounting import (client codes as contacts, never names).", details: { month: f.month(), invoices: f.count(), format: f.oneOf(["xero"]) } },
  "invoice.settings_changed": { past: "changed the invoicing settings", about: "The practice's invoicing settings (address, VAT wording, payment instructions, terms, retention) changed.", details: { vatExempt: f.flag(), paymentTermsDays: f.count(), retentionYears: f.count() } },
  "invoice.registration_changed": { past: "changed a clinician's registration", about: "A clinician's professional registration (body and number) on invoices was set or removed.", details: { recorded: f.flag() } },
  "invoice.destroyed": { past: "destroyed invoices past retention", about: "The retention job destroyed invoices, credit notes and payments of erased clients past their legal retention period.", details: { documents: f.count() } },
  "statement.generated": { past: "generated a client's statement", about: "A client's statement for a period was generated (a billing reveal of their name and address; never stored); only the code, period, counts and totals are in the details.", details: { from: f.day(), to: f.day(), appointments: f.count(), chargedPence: f.count(), paidPence: f.count(), waivedPence: f.count(), outstandingPence: f.integer() } },
  "reminder.opted_in": { past: "turned on appointment reminders", about: "A client turned on reminder emails in the portal, or a clinician recorded the consent they gave in session.", details: { client: f.clientCode(), via: f.oneOf(["portal", "in_session"]) } },
  "reminder.opted_out": { past: "turned off appointment reminders", about: "A client turned off reminder emails in the portal, or a clinician recorded that they withdrew consent.", details: { client: f.clientCode(), via: f.oneOf(["portal", "in_session"]) } },
  "reminder.sent": { past: "sent an appointment reminder", about: "The reminder job emailed a client a reminder of an appointment (no address or message recorded).", details: { client: f.clientCode(), attempt: f.count() } },
  "reminder.failed": { past: "failed to send an appointment reminder", about: "A reminder email could not be sent; later runs retry it up to three attempts in all.", details: { client: f.clientCode(), attempt: f.count(), retry: f.flag() } },
  "reminder.skipped": { past: "skipped an appointment reminder", about: "An opted-in client's reminder was not sent because the vault holds no email address for them.", details: { client: f.clientCode(), reason: f.oneOf(["no_email"]) } },
  "reminder.run": { past: "ran the reminder job", about: "The scheduled reminder job ran; the counts are in the details.", details: { practices: f.count(), due: f.count(), sent: f.count(), failed: f.count(), skipped: f.count(), taken: f.count() } },
  "system.keys_rotated": { past: "re-wrapped data keys under a new master key", about: "keys:rotate re-wrapped client data keys under the newest master key version.", details: { kind: f.oneOf(["notes", "identity", "account"]), version: f.count(), rewrapped: f.count(), remaining: f.count() } },
  "system.seeded": { past: "seeded demo data", about: "The demo practice was created or refreshed.", details: {} },
} as const satisfies Record<string, { past: string; about: string; details: AuditShape }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const auditActionNames = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTIONS, value);

type DetailsSchemaOf<A extends AuditAction> = z.ZodObject<(typeof AUDIT_ACTIONS)[A]["details"], z.core.$strict>;
/** The details an event of action A carries, as its caller writes them. */
export type AuditDetails<A extends AuditAction> = z.input<DetailsSchemaOf<A>>;

const schemas = new Map<string, z.ZodType>(Object.entries(AUDIT_ACTIONS).map(([action, { details }]) => [action, detailsSchema(details)]));

/** The strict schema of an action's details (what recordAudit checks an event's details against). */
export const auditDetailsSchemaFor = <A extends AuditAction>(action: A) => schemas.get(action) as DetailsSchemaOf<A>;
