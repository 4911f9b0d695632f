import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { asMeasureId, MEASURES } from "@/lib/measures/definitions";
import { effectiveDue } from "@/lib/requests/kinds";
import { visibleAppointmentsWhere, practiceTimeZone } from "@/lib/schedule/access";
import { LIVE_STATUSES } from "@/lib/schedule/schema";
import { localDaysRange, toLocal } from "@/lib/schedule/time";
import { isOverdue, MAX_CHANGES, NEXT_APPOINTMENTS } from "./rules";

// What the home page shows, by code and label only (as the schedule does): no note text, no
// reflection text, no identity is read here, so nothing here is a clinical read to audit. The
// note behind an appointment is opened (and its read audited) on the note's own page.

export interface HomeAppointment {
  id: string;
  clientCode: string;
  clientLabel: string | null;
  clinicianName: string;
  date: string;
  start: string;
  end: string;
  typeName: string;
  place: string;
  status: string;
  noteId: string | null;
  /** The actor may open or start this appointment's note (an assigned clinician). */
  mayWriteNotes: boolean;
}

const appointmentSelect = {
  id: true, clientId: true, startsAt: true, endsAt: true, room: true, onlineLink: true, status: true,
  client: { select: { code: true, label: true } },
  practiceType: { select: { name: true } },
  clinician: { select: { user: { select: { displayName: true } } } },
  note: { select: { id: true } },
} satisfies Prisma.AppointmentSelect;

async function toRows(actor: Actor, rows: Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>[], timeZone: string): Promise<HomeAppointment[]> {
  const assigned = new Set(
    (await db().clientAssignment.findMany({ where: { membershipId: actor.membershipId, clientId: { in: rows.map((r) => r.clientId) } }, select: { clientId: true } })).map((a) => a.clientId),
  );
  const clinician = actor.role === "OWNER" || actor.role === "THERAPIST";
  return rows.map((r) => {
    const start = toLocal(r.startsAt, timeZone);
    const mayWriteNotes = clinician && assigned.has(r.clientId);
    return {
      id: r.id,
      clientCode: r.client.code,
      clientLabel: r.client.label,
      clinicianName: r.clinician.user.displayName,
      date: start.date,
      start: start.time,
      end: toLocal(r.endsAt, timeZone).time,
      typeName: r.practiceType.name,
      place: r.room ?? (r.onlineLink ? "Online" : "No room set"),
      status: r.status,
      // Whether a note exists is shown only to those who may see notes at all.
      noteId: mayWriteNotes ? (r.note?.id ?? null) : null,
      mayWriteNotes,
    };
  });
}

/** Today's local day in the practice's time zone, and its bounds. */
export async function practiceToday(practiceId: string, now = new Date()) {
  const timeZone = await practiceTimeZone(practiceId);
  const today = toLocal(now, timeZone).date;
  return { timeZone, today, ...localDaysRange(today, 1, timeZone) };
}

/** The clinician's own appointments today (live ones), and their next few after today. */
export async function myDay(actor: Actor, now = new Date()) {
  const { timeZone, today, start, end } = await practiceToday(actor.practiceId, now);
  const mine: Prisma.AppointmentWhereInput = { AND: [visibleAppointmentsWhere(actor), { clinicianId: actor.membershipId, status: { in: [...LIVE_STATUSES] } }] };
  const [todays, next] = await Promise.all([
    db().appointment.findMany({ where: { AND: [mine, { startsAt: { gte: start, lt: end } }] }, select: appointmentSelect, orderBy: { startsAt: "asc" }, take: 50 }),
    db().appointment.findMany({ where: { AND: [mine, { startsAt: { gte: end } }, { status: "SCHEDULED" }] }, select: appointmentSelect, orderBy: { startsAt: "asc" }, take: NEXT_APPOINTMENTS }),
  ]);
  return { today, timeZone, todays: await toRows(actor, todays, timeZone), next: await toRows(actor, next, timeZone) };
}

/** The practice's day for owners and managers: every live appointment today, by clinician and time. */
export async function practiceDay(actor: Actor, now = new Date()) {
  const { timeZone, today, start, end } = await practiceToday(actor.practiceId, now);
  const rows = await db().appointment.findMany({
    where: { AND: [visibleAppointmentsWhere(actor), { startsAt: { gte: start, lt: end }, status: { in: [...LIVE_STATUSES] } }] },
    select: appointmentSelect,
    orderBy: [{ startsAt: "asc" }, { clinicianId: "asc" }],
    take: 200,
  });
  // Appointments whose day has passed and still say "scheduled": their outcome is overdue.
  const unrecorded = await db().appointment.count({ where: { AND: [visibleAppointmentsWhere(actor), { status: "SCHEDULED", endsAt: { lt: start } }] } });
  return { today, timeZone, appointments: await toRows(actor, rows, timeZone), unrecorded };
}

/** Open data requests with their due days (owners), overdue first flagged. */
export async function openRequests(actor: Actor, today: string) {
  if (actor.role !== "OWNER") return [];
  const rows = await db().dataRequest.findMany({ where: { practiceId: actor.practiceId, status: "OPEN" }, select: { id: true, kind: true, clientCode: true, dueOn: true, extendedDueOn: true, assigneeId: true }, take: 200 });
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, clientCode: r.clientCode, due: effectiveDue(r), overdue: isOverdue(effectiveDue(r), today), assigned: r.assigneeId !== null }))
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

export type HomeChange =
  | { kind: "reflection"; at: Date; clientCode: string; clientLabel: string | null }
  | { kind: "request_assigned"; at: Date; requestId: string; requestKind: string; clientCode: string | null }
  | { kind: "measure_completed"; at: Date; clientCode: string; clientLabel: string | null; measure: string };

/**
 * What changed since `since` that this member may see: reflections shared by clients they are
 * assigned to (they read notes; owners see only their own caseload's), questionnaires those
 * clients completed in the portal (the measure's name only, never a score: scores are for the
 * assigned clinicians, as in lib/measures; answers recorded in session are the member's own doing),
 * and requests assigned to them that are still open. Newest first.
 */
export async function changesFor(actor: Actor, since: Date): Promise<{ changes: HomeChange[]; more: number }> {
  const clinician = actor.role === "OWNER" || actor.role === "THERAPIST";
  const [reflections, completions, assignments] = await Promise.all([
    clinician
      ? db().reflection.findMany({
          where: { sharedAt: { gt: since }, client: { practiceId: actor.practiceId, assignments: { some: { membershipId: actor.membershipId } } } },
          select: { sharedAt: true, client: { select: { code: true, label: true } } },
          orderBy: { sharedAt: "desc" },
          take: MAX_CHANGES + 1,
        })
      : Promise.resolve([]),
    clinician
      ? db().measureResponse.findMany({
          where: { practiceId: actor.practiceId, completedAt: { gt: since }, recordedById: null, client: { practiceId: actor.practiceId, assignments: { some: { membershipId: actor.membershipId } } } },
          select: { completedAt: true, measure: true, client: { select: { code: true, label: true } } },
          orderBy: { completedAt: "desc" },
          take: MAX_CHANGES + 1,
        })
      : Promise.resolve([]),
    db().auditEvent.findMany({
      where: { practiceId: actor.practiceId, action: "request.assigned", outcome: "SUCCESS", occurredAt: { gt: since }, details: { path: ["membershipId"], equals: actor.membershipId } },
      select: { occurredAt: true, targetId: true },
      orderBy: { occurredAt: "desc" },
      take: MAX_CHANGES + 1,
    }),
  ]);
  const requestIds = assignments.map((a) => a.targetId).filter((id): id is string => id !== null);
  const requests = new Map(
    (await db().dataRequest.findMany({ where: { id: { in: requestIds }, practiceId: actor.practiceId, status: "OPEN", assigneeId: actor.membershipId }, select: { id: true, kind: true, clientCode: true } })).map((r) => [r.id, r]),
  );
  const seen = new Set<string>();
  const changes: HomeChange[] = [
    ...reflections.map((r): HomeChange => ({ kind: "reflection", at: r.sharedAt!, clientCode: r.client.code, clientLabel: r.client.label })),
    ...assignments.flatMap((a): HomeChange[] => {
      const request = a.targetId ? requests.get(a.targetId) : undefined;
      if (!request || seen.has(request.id)) return [];
      seen.add(request.id);
      return [{ kind: "request_assigned", at: a.occurredAt, requestId: request.id, requestKind: request.kind, clientCode: request.clientCode }];
    }),
    ...completions.map((r): HomeChange => ({ kind: "measure_completed", at: r.completedAt!, clientCode: r.client.code, clientLabel: r.client.label, measure: MEASURES[asMeasureId(r.measure)].name })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return { changes: changes.slice(0, MAX_CHANGES), more: Math.max(0, changes.length - MAX_CHANGES) };
}

