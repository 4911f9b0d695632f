import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { accessFor, isClinician, visibleClientsWhere } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import type { AppointmentStatus, Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/http/errors";

// Who sees and manages appointments, in one place (built on lib/clients/access.ts):
// - a therapist: appointments of clients they are assigned to;
// - owners and practice managers: every appointment of the practice (managers run schedules);
// - everyone sees codes and labels only; note content stays behind lib/notes' own rule.
// Anything else is a 404.

/** Prisma filter for the appointments an actor may see (and manage). */
export function visibleAppointmentsWhere(actor: Actor): Prisma.AppointmentWhereInput {
  return actor.role === "THERAPIST"
    ? { practiceId: actor.practiceId, client: visibleClientsWhere(actor) }
    : { practiceId: actor.practiceId };
}

const OUTCOMES = ["ATTENDED", "DID_NOT_ATTEND"] as const;

/**
 * What can still be done to an appointment in this status: only a scheduled one moves or is
 * cancelled; an outcome is recorded (or corrected) until the appointment is cancelled.
 */
export function appointmentChanges(status: AppointmentStatus) {
  const scheduled = status === "SCHEDULED";
  const completable = scheduled || (OUTCOMES as readonly AppointmentStatus[]).includes(status);
  return { move: scheduled, cancel: scheduled, recordOutcome: completable, outcomes: completable ? OUTCOMES.filter((s) => s !== status) : [] };
}

export async function findAppointmentFor(actor: Actor, id: string, tx: Prisma.TransactionClient | ReturnType<typeof db> = db()) {
  if (!z.uuid().safeParse(id).success) throw notFound("That appointment");
  const appointment = await tx.appointment.findFirst({
    where: { AND: [{ id }, visibleAppointmentsWhere(actor)] },
    include: { client: { select: { code: true, label: true } }, practiceType: { select: { name: true } } },
  });
  if (!appointment) throw notFound("That appointment");
  return appointment;
}

/**
 * Whose diary the schedule shows: owners and managers see the whole practice by default, a
 * therapist their own clients'; "mine" is offered to those with a diary of their own.
 */
export function scheduleFilter(actor: Actor, clinician: string | undefined) {
  const wholePractice = actor.role !== "THERAPIST";
  const chosen = clinician ?? (wholePractice ? "all" : "mine");
  const clinicianId = chosen === "all" ? null : chosen === "mine" ? actor.membershipId : chosen;
  return { wholePractice, ownDiary: isClinician(actor), chosen, clinicianId };
}

/** The practice's clinicians (owners and therapists still members), for booking. */
export async function practiceClinicians(practiceId: string) {
  const rows = await db().membership.findMany({
    where: { practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
    select: { id: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.id, name: m.user.displayName }));
}

/** A clinician may hold a client's appointments only while assigned to that client. */
export async function requireBookableClinician(tx: Prisma.TransactionClient, practiceId: string, clinicianId: string, clientId: string) {
  const clinician = await tx.membership.findFirst({
    where: { id: clinicianId, practiceId, removedAt: null, role: { in: ["OWNER", "THERAPIST"] } },
    select: { id: true, user: { select: { displayName: true } }, assignments: { where: { clientId }, select: { clientId: true } } },
  });
  if (!clinician) throw new AppError("invalid_clinician", "Choose a clinician of this practice.", 400);
  if (clinician.assignments.length === 0) {
    throw new AppError("clinician_not_assigned", `${clinician.user.displayName} is not assigned to this client. Assign them on the client's page first.`, 400);
  }
  return { id: clinician.id, name: clinician.user.displayName };
}

export async function practiceTimeZone(practiceId: string) {
  return (await db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { timeZone: true } })).timeZone;
}

/** Active clients the actor may book for, by code and label. */
export async function bookableClients(actor: Actor) {
  return db().client.findMany({
    where: { AND: [visibleClientsWhere(actor), { status: "ACTIVE" }] },
    select: { code: true, label: true },
    orderBy: [{ label: "asc" }, { code: "asc" }],
  });
}

/** An appointment for its page: the row, whether the actor may open its note, and the note's id. */
export async function appointmentDetail(actor: Actor, id: string) {
  const appointment = await findAppointmentFor(actor, id);
  const full = await db().client.findUniqueOrThrow({ where: { id: appointment.clientId } });
  const assigned = (await db().clientAssignment.count({ where: { clientId: appointment.clientId, membershipId: actor.membershipId } })) === 1;
  const canOpenNote = accessFor(actor, full, assigned)?.canReadNotes ?? false;
  const note = canOpenNote ? await db().note.findUnique({ where: { appointmentId: id }, select: { id: true } }) : null;
  const clinician = await db().membership.findUniqueOrThrow({ where: { id: appointment.clinicianId }, select: { user: { select: { displayName: true } } } });
  const seriesLeft = appointment.seriesId
    ? await db().appointment.count({ where: { seriesId: appointment.seriesId, practiceId: appointment.practiceId, startsAt: { gt: appointment.startsAt }, status: "SCHEDULED" } })
    : 0;
  return { appointment, clinicianName: clinician.user.displayName, canOpenNote, noteId: note?.id ?? null, seriesLeft, changes: appointmentChanges(appointment.status) };
}
