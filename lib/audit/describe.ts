import { formatClientCode, parseClientCode } from "@/lib/clients/code";
import { AUDIT_ACTIONS, isAuditAction } from "./actions";

// One event in plain words: who, what (the action's `past`), which client (by code, as people
// see it: K7Q4-MX2P-B9XD), and for a refused or failed event, why. Never an id: the event page
// shows those. describe.test.ts renders every action with sample details and rejects raw ids,
// raw reason codes and doubled words.

/** A member's role in words. */
export const ROLE_WORDS: Record<string, string> = { OWNER: "owner", THERAPIST: "therapist", MANAGER: "practice manager", client: "client", public: "member of the public" };

/** Why an event was refused or failed, by the reason code its details carry, in words that fit the actions that use it. */
export const REASON_WORDS: Record<string, string> = {
  // Signing in, second factors, step-up, passkeys
  invalid_input: "the form was incomplete or not valid",
  unknown_account: "no account has that email address",
  wrong_password: "wrong password",
  no_practice: "the account belongs to no practice",
  practice_suspended: "the practice is suspended",
  ip: "too many attempts from one network address",
  account: "too many attempts for this account",
  second_factor: "too many wrong second-step codes",
  code: "too many attempts with this code",
  locked: "too many failed attempts",
  wrong_code: "wrong code",
  challenge_invalid: "the passkey challenge had expired or was already used",
  unknown_passkey: "the passkey is not registered here",
  wrong_user: "the passkey belongs to someone else",
  not_verified: "the passkey check failed",
  counter_replayed: "the passkey's counter went backwards (a possible copy)",
  // Client records and identity
  malformed_code: "that is not a valid code",
  unknown_code: "no record has that code",
  not_assigned: "not assigned to them",
  other_practice: "the record belongs to another practice",
  notes_not_permitted: "this role may not read clinical notes",
  not_permitted: "their role does not allow it",
  vault_unavailable: "the identity vault could not be reached",
  // The portal
  invalid_code: "that is not a valid code",
  no_access: "no portal access was issued for that code",
  wrong_pin: "wrong PIN",
  inactive: "the record is not active (discharged)",
  // Calendar feeds
  invalid_url: "the calendar address is not valid",
  blocked_address: "the calendar address points to a private network",
  unreachable: "the calendar could not be reached",
  timeout: "the calendar took too long to answer",
  http_status: "the calendar server refused",
  too_many_redirects: "the calendar address redirected too many times",
  too_large: "the calendar is too large",
  not_icalendar: "the address does not serve a calendar",
  too_complex: "the calendar's repeating events are too complex",
  too_many_events: "the calendar has too many events",
  // Platform screens
  no_second_factor: "no second factor is set up",
  not_operator: "not a platform operator",
  // Reasons given for things that were done (the event page shows them; a sentence only for refusals)
  contact: "to get in touch",
  scheduling: "to arrange appointments",
  safeguarding: "safeguarding",
  billing: "billing",
  referral: "a referral",
  legal: "a legal obligation",
  data_request: "a data request",
  update: "to update the details",
  no_clinician: "no clinician is assigned",
  clinician_unavailable: "the clinician is unavailable",
  second_opinion: "a second opinion",
  retention: "the end of the retention period",
  erasure_request: "an erasure request",
  ledger_replay: "an erasure replayed after a restore",
  move: "moving to another system",
  backup: "a backup",
  closure: "closing the practice",
  abuse: "abuse",
  security: "security",
  requested: "the practice asked",
  other: "another reason",
  no_email: "no email address is on file",
  account_used_elsewhere: "the account was used by someone else",
  // Credit notes
  billed_in_error: "it was billed in error",
  fee_changed: "the fee changed",
  waived: "the fee was waived",
  duplicate: "it was a duplicate",
};

/** The detail keys that say why an event was refused or failed. */
const REASON_KEYS = ["reason", "limit", "failure"] as const;

/** How a client is joined to an action that does not name them ("started a note about client X"). */
const PREPOSITION: Partial<Record<string, string>> = { note: "about", identity: "about", reflection: "from", request: "for", retention: "for", reminder: "for", appointment: "for" };

type Describable = { actorType: string; actorId: string | null; actorRole: string | null; action: string; targetType: string | null; targetId: string | null; outcome: string; details?: unknown };

/** A client code as people see it, or null if the value is not one. */
const shownCode = (value: unknown) => {
  const code = typeof value === "string" ? parseClientCode(value) : null;
  return code && code === value ? formatClientCode(code) : null;
};

/** The reason an event was refused or failed, in words (null when it carries none). */
export function reasonInWords(details: unknown): string | null {
  if (typeof details !== "object" || details === null) return null;
  for (const key of REASON_KEYS) {
    const value = (details as Record<string, unknown>)[key];
    if (typeof value === "string") return REASON_WORDS[value] ?? "a reason this version of Confide has no words for";
  }
  return null;
}

/** Who acted, in words: a member by name (or role), a client by code, someone without an account, or Confide. */
export function actorInWords(e: Pick<Describable, "actorType" | "actorId" | "actorRole">, memberName: (userId: string) => string | undefined): string {
  if (e.actorType === "SYSTEM") return "Confide";
  if (e.actorType === "CLIENT") {
    const code = shownCode(e.actorId);
    // The portal records the client's code as the actor; the public request form, no one.
    return code ? `Client ${code}` : e.actorId === "unknown" ? "Someone with an unknown code" : "Someone without an account";
  }
  const name = e.actorId ? memberName(e.actorId) : undefined;
  if (name) return name;
  return e.actorRole ? `Someone (${ROLE_WORDS[e.actorRole] ?? "a member"})` : "Someone with no account";
}

/** "Dr A. Jones revealed client K7Q4-MX2P-B9XD's identity" — plain words for one event. */
export function describeAuditEvent(e: Describable, memberName: (userId: string) => string | undefined): string {
  const who = actorInWords(e, memberName);
  let verb = isAuditAction(e.action) ? AUDIT_ACTIONS[e.action].past : "did something this version of Confide has no words for";
  const details = typeof e.details === "object" && e.details !== null ? (e.details as Record<string, unknown>) : {};
  const client = e.targetType === "client" ? shownCode(e.targetId) : shownCode(details.client);
  // A client acting on their own record is named once, not again as the subject.
  const actingClient = e.actorType === "CLIENT" ? shownCode(e.actorId) : null;
  if (actingClient && (!client || client === actingClient)) {
    verb = verb.replace(/\ba client's\b/, "their").replace(/\ba client\b/, "themselves");
  } else if (client) {
    if (/\ba client's\b/.test(verb)) verb = verb.replace(/\ba client's\b/, `client ${client}'s`);
    else if (/\ba client\b/.test(verb)) verb = verb.replace(/\ba client\b/, `client ${client}`);
    else verb = `${verb} ${PREPOSITION[e.action.split(".")[0]!] ?? "for"} client ${client}`;
  }
  const reason = reasonInWords(e.details);
  const outcome = e.outcome === "DENIED" ? ` (refused: ${reason ?? "not allowed"})` : e.outcome === "FAILED" ? ` (failed${reason ? `: ${reason}` : ""})` : "";
  return `${who} ${verb}${outcome}`;
}
