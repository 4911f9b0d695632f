import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Client } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/http/errors";
import { parseClientCode } from "./code";

// Who sees what, in one place:
// - a therapist sees only clients they are assigned to, and reads their notes;
// - an owner sees every client of the practice and that notes exist (counts, dates, signed
//   state), but reads content only where assigned;
// - a practice manager sees codes and labels (to schedule) and nothing about notes.
// Anything else is a 404, whether the code is malformed, unknown, another practice's, or not
// assigned: a guessed code learns nothing.

export interface ClientAccess {
  client: Client;
  assigned: boolean;
  /** May read note content (and write notes). */
  canReadNotes: boolean;
  /** May see that notes exist: dates, template, signed state, counts. */
  canSeeNoteList: boolean;
  /** May assign clinicians, discharge and reopen. */
  canManage: boolean;
}

export const isClinician = (actor: Actor) => actor.role === "OWNER" || actor.role === "THERAPIST";

/** A therapist's list is their own caseload; owners and managers see the whole practice. */
export const seesOwnCaseloadOnly = (actor: Actor) => actor.role === "THERAPIST";

/** May see that notes exist at all on a list (last session, unsigned drafts): never a practice manager. */
export const seesNoteActivity = (actor: Actor) => actor.role !== "MANAGER";

export function accessFor(actor: Actor, client: Client, assigned: boolean): ClientAccess | null {
  if (client.practiceId !== actor.practiceId) return null;
  if (actor.role === "THERAPIST" && !assigned) return null;
  return {
    client,
    assigned,
    canReadNotes: assigned && isClinician(actor),
    canSeeNoteList: actor.role === "OWNER" || (assigned && isClinician(actor)),
    canManage: actor.role === "OWNER" || (actor.role === "THERAPIST" && assigned),
  };
}

/** Prisma filter for the clients an actor may see at all. */
export function visibleClientsWhere(actor: Actor) {
  return seesOwnCaseloadOnly(actor)
    ? { practiceId: actor.practiceId, assignments: { some: { membershipId: actor.membershipId } } }
    : { practiceId: actor.practiceId };
}

/** The client behind a typed or linked code, if this actor may see it; else a recorded 404. */
export async function findClientFor(actor: Actor, rawCode: string, context: AuditContext): Promise<ClientAccess> {
  const code = parseClientCode(rawCode);
  const client = code ? await db().client.findUnique({ where: { code } }) : null;
  const assigned = client
    ? (await db().clientAssignment.count({ where: { clientId: client.id, membershipId: actor.membershipId } })) === 1
    : false;
  const access = client ? accessFor(actor, client, assigned) : null;
  if (!access) {
    const samePractice = client?.practiceId === actor.practiceId;
    await recordAudit(db(), {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "client.access_denied",
      target: samePractice ? { type: "client", id: client!.code } : null,
      outcome: "DENIED",
      details: { reason: !code ? "malformed_code" : !client ? "unknown_code" : samePractice ? "not_assigned" : "other_practice" },
      context,
    });
    throw notFound("That client");
  }
  return access;
}

/** Like findClientFor, but also requires the right to read notes (same 404 otherwise). */
export async function findClientForNotes(actor: Actor, rawCode: string, context: AuditContext): Promise<ClientAccess> {
  const access = await findClientFor(actor, rawCode, context);
  if (!access.canReadNotes) {
    await recordAudit(db(), {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "client.access_denied",
      target: { type: "client", id: access.client.code },
      outcome: "DENIED",
      details: { reason: "notes_not_permitted" },
      context,
    });
    throw notFound("That note");
  }
  return access;
}
