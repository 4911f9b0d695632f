import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { clientsNamedIn } from "@/lib/vault/clients-named-in";
import { calendarEvent } from "./audit";
import { openSummary } from "./sealed";

// What the clinician's "Connected calendar" page shows: the connection (host only), and the
// imported events with their summaries and, for pending ones, suggested clients of their caseload.

export async function calendarStatus(actor: Actor) {
  return db().calendarImport.findUnique({
    where: { membershipId: actor.membershipId },
    select: { host: true, scheduled: true, connectedAt: true, lastSyncedAt: true, lastAttemptAt: true, lastFailure: true },
  });
}

/** Active clients assigned to the clinician: who an event may be booked for. */
export async function caseload(actor: Actor) {
  return db().client.findMany({
    where: { practiceId: actor.practiceId, status: "ACTIVE", assignments: { some: { membershipId: actor.membershipId } } },
    select: { id: true, code: true, label: true },
    orderBy: [{ label: "asc" }, { code: "asc" }],
  });
}

export interface ImportedEventView {
  id: string;
  state: "PENDING" | "BUSY" | "BOOKED" | "DISMISSED";
  startsAt: Date;
  endsAt: Date;
  summary: string;
  appointmentId: string | null;
  /** Client codes whose vault name words appear in the summary (pending events only). */
  suggested: string[];
}

/**
 * The clinician's imported events, soonest first. Suggesting clients compares the pending
 * summaries with the vault's name tags of their caseload: a use of the vault, recorded (counts).
 */
export async function importedEvents(actor: Actor, context: AuditContext): Promise<ImportedEventView[]> {
  const rows = await db().importedEvent.findMany({
    where: { membershipId: actor.membershipId },
    select: { id: true, state: true, startsAt: true, endsAt: true, summaryEnc: true, appointmentId: true },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const events = rows.map((r) => ({ id: r.id, state: r.state, startsAt: r.startsAt, endsAt: r.endsAt, appointmentId: r.appointmentId, summary: openSummary(r.id, r.summaryEnc), suggested: [] as string[] }));
  const pending = events.filter((e) => e.state === "PENDING");
  if (pending.length === 0) return events;
  const clients = await caseload(actor);
  const matches = await clientsNamedIn(actor.practiceId, clients.map((c) => c.id), pending.map((e) => e.summary));
  const codeOf = new Map(clients.map((c) => [c.id, c.code]));
  pending.forEach((e, i) => (e.suggested = matches[i]!.map((id) => codeOf.get(id)!)));
  await recordAudit(db(), {
    ...calendarEvent({ kind: "member",
    actor }, context),
    action: "calendar.names_matched",
    target: null,
    outcome: "SUCCESS",
    details: {
      events: pending.length,
      matched: pending.filter((e) => e.suggested.length > 0).length,
      clients: clients.length,
    },
  });
  return events;
}

export interface BusyBlock {
  id: string;
  clinicianId: string;
  clinicianName: string;
  startsAt: Date;
  endsAt: Date;
}

/** Busy blocks in a range: therapists see their own, owners and managers the practice's. Times only. */
export async function busyBlocks(actor: Actor, range: { start: Date; end: Date }, clinicianId: string | null): Promise<BusyBlock[]> {
  const who = actor.role === "THERAPIST" ? actor.membershipId : clinicianId;
  if (actor.role === "THERAPIST" && clinicianId && clinicianId !== actor.membershipId) return [];
  const rows = await db().importedEvent.findMany({
    where: { practiceId: actor.practiceId, state: "BUSY", startsAt: { lt: range.end }, endsAt: { gt: range.start }, calendar: { membership: { removedAt: null } }, ...(who ? { membershipId: who } : {}) },
    select: { id: true, membershipId: true, startsAt: true, endsAt: true, calendar: { select: { membership: { select: { user: { select: { displayName: true } } } } } } },
    orderBy: { startsAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, clinicianId: r.membershipId, clinicianName: r.calendar.membership.user.displayName, startsAt: r.startsAt, endsAt: r.endsAt }));
}
