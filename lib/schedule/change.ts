import "server-only";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { appointmentChanges, findAppointmentFor, practiceTimeZone } from "./access";
import { appointmentTarget, refusingDoubleBookings } from "./audit";
import { lockPracticeSchedule, refuseDoubleBooking } from "./conflicts";
import { requireBookableRoom } from "./rooms";
import { cancelSchema, completeSchema, moveSchema, paymentSchema } from "./schema";
import { addDays, toLocal, zonedToUtc } from "./time";

// Moving, cancelling and completing appointments, one or "this and the following" of a series,
// and their payment. Each change is audited in its own transaction.

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The appointment and, for "FOLLOWING", the later still-scheduled occurrences of its series. */
async function targets(actor: Actor, id: string, scope: "ONE" | "FOLLOWING", tx: Parameters<typeof findAppointmentFor>[2]) {
  const appointment = await findAppointmentFor(actor, id, tx);
  if (scope === "ONE" || !appointment.seriesId) return { appointment, rows: [appointment] };
  const rows = await tx!.appointment.findMany({
    where: { seriesId: appointment.seriesId, practiceId: actor.practiceId, startsAt: { gte: appointment.startsAt }, status: "SCHEDULED" },
    include: { client: { select: { code: true, label: true } } },
    orderBy: { startsAt: "asc" },
  });
  return { appointment, rows };
}

export async function moveAppointment(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const move = moveSchema.parse(input);
  const timeZone = await practiceTimeZone(actor.practiceId);
  const first = await findAppointmentFor(actor, id);
  return refusingDoubleBookings(actor, context, first.client.code, () =>
    db().$transaction(async (tx) => {
      await lockPracticeSchedule(tx, actor.practiceId);
      const { appointment, rows } = await targets(actor, id, move.scope, tx);
      if (!appointmentChanges(appointment.status).move) throw new AppError("not_scheduled", "Only a scheduled appointment can be moved.", 409);
      await requireBookableRoom(tx, actor.practiceId, move.room, appointment.room);
      // Each occurrence keeps its own week: shift its local date by the same number of days
      // and set the new local time, so the series stays at that wall-clock time through DST.
      const shift = daysBetween(toLocal(appointment.startsAt, timeZone).date, move.date);
      const moved = rows.map((row) => {
        const startsAt = zonedToUtc(addDays(toLocal(row.startsAt, timeZone).date, shift), move.time, timeZone);
        return { id: row.id, startsAt, endsAt: new Date(startsAt.getTime() + move.durationMinutes * 60_000), clinicianId: row.clinicianId, room: move.room };
      });
      const clinician = await tx.membership.findUniqueOrThrow({ where: { id: appointment.clinicianId }, select: { user: { select: { displayName: true } } } });
      await refuseDoubleBooking(tx, actor.practiceId, moved, moved.map((m) => m.id), { clinician: clinician.user.displayName, timeZone });
      for (const m of moved) {
        await tx.appointment.update({ where: { id: m.id }, data: { startsAt: m.startsAt, endsAt: m.endsAt, room: move.room, onlineLink: move.onlineLink, updatedAt: new Date() } });
      }
      // A reminder sent (or given up) for the old time does not cover the new one: forget it, so
      // the reminder job sends one for the new time. A send in progress is left to finish.
      const retimed = moved.filter((m) => rows.find((r) => r.id === m.id)!.startsAt.getTime() !== m.startsAt.getTime()).map((m) => m.id);
      if (retimed.length > 0) await tx.appointmentReminder.deleteMany({ where: { appointmentId: { in: retimed }, status: { not: "SENDING" } } });
      await recordAudit(tx, {
        ...memberEvent(actor, context),
        action: "appointment.moved",
        target: appointmentTarget(appointment.id),
        outcome: "SUCCESS",
        details: {
          client: appointment.client.code,
          scope: move.scope,
          count: moved.length,
          from: appointment.startsAt.toISOString(),
          to: moved[0]!.startsAt.toISOString(),
          minutes: move.durationMinutes,
        },
      });
      return { count: moved.length };
    }),
  );
}

export async function cancelAppointment(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const cancel = cancelSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { appointment, rows } = await targets(actor, id, cancel.scope, tx);
    if (!appointmentChanges(appointment.status).cancel) throw new AppError("not_scheduled", "Only a scheduled appointment can be cancelled.", 409);
    await tx.appointment.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: cancel.status, updatedAt: new Date() } });
    await recordAudit(tx, {
      ...memberEvent(actor, context),
      action: "appointment.cancelled",
      target: appointmentTarget(appointment.id),
      outcome: "SUCCESS",
      details: {
        client: appointment.client.code,
        status: cancel.status,
        scope: cancel.scope,
        count: rows.length,
      },
    });
    return { count: rows.length };
  });
}

export async function completeAppointment(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const { status } = completeSchema.parse(input);
  return refusingDoubleBookings(actor, context, "", () =>
    db().$transaction(async (tx) => {
      const appointment = await findAppointmentFor(actor, id, tx);
      if (!appointmentChanges(appointment.status).recordOutcome) {
        throw new AppError("cancelled", "A cancelled appointment cannot be marked attended; book a new one instead.", 409);
      }
      await tx.appointment.update({ where: { id }, data: { status, updatedAt: new Date() } });
      await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment.completed", target: appointmentTarget(id), outcome: "SUCCESS", details: { client: appointment.client.code, from: appointment.status, status } });
    }),
  );
}

export async function setPayment(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const payment = paymentSchema.parse(input);
  return db().$transaction(async (tx) => {
    const appointment = await findAppointmentFor(actor, id, tx);
    const feePence = payment.fee ?? appointment.feePence;
    const paidAt = payment.paymentState === "PAID" ? (appointment.paidAt ?? new Date()) : null;
    await tx.appointment.update({ where: { id }, data: { paymentState: payment.paymentState, feePence, paidAt, updatedAt: new Date() } });
    await recordAudit(tx, {
      ...memberEvent(actor, context),
      action: "appointment.payment_changed",
      target: appointmentTarget(id),
      outcome: "SUCCESS",
      details: {
        client: appointment.client.code,
        from: appointment.paymentState,
        state: payment.paymentState,
        fee: feePence,
        previousFee: appointment.feePence,
      },
    });
  });
}
