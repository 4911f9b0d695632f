import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findClientFor } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { practiceTimeZone, requireBookableClinician } from "./access";
import { recordScheduleEvent, refusingDoubleBookings } from "./audit";
import { lockPracticeSchedule, refuseDoubleBooking } from "./conflicts";
import { occurrences } from "./recurrence";
import { bookingSchema } from "./schema";

export interface BookingHooks {
  /** Busy blocks the booking may cover (the calendar event being booked). */
  ignoreEventIds?: string[];
  /** Runs in the booking's transaction after the appointments are written. */
  onBooked?: (tx: Prisma.TransactionClient, ids: string[]) => Promise<void>;
}

/** Books one appointment or a weekly/fortnightly series, all or nothing. */
export async function bookAppointments(actor: Actor, input: unknown, context: AuditContext, hooks: BookingHooks = {}) {
  const booking = bookingSchema.parse(input);
  const access = await findClientFor(actor, booking.clientCode, context);
  const client = access.client;
  const timeZone = await practiceTimeZone(actor.practiceId);
  const count = booking.repeat === "NONE" ? 1 : booking.count;
  const starts = occurrences(booking.date, booking.time, booking.repeat, count, timeZone);
  const seriesId = starts.length > 1 ? randomUUID() : null;
  const rows = starts.map((startsAt) => ({
    id: randomUUID(),
    practiceId: actor.practiceId,
    clientId: client.id,
    clinicianId: booking.clinicianId,
    seriesId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + booking.durationMinutes * 60_000),
    type: booking.type,
    room: booking.room,
    onlineLink: booking.onlineLink,
    feePence: booking.fee,
    createdById: actor.membershipId,
  }));
  return refusingDoubleBookings(actor, context, client.code, () =>
    db().$transaction(async (tx) => {
      const clinician = await requireBookableClinician(tx, actor.practiceId, booking.clinicianId, client.id);
      await lockPracticeSchedule(tx, actor.practiceId);
      await refuseDoubleBooking(tx, actor.practiceId, rows, [], { clinician: clinician.name, timeZone }, hooks.ignoreEventIds);
      await tx.appointment.createMany({ data: rows });
      await hooks.onBooked?.(tx, rows.map((r) => r.id));
      await recordScheduleEvent(tx, actor, context, "appointment.created", rows[0]!.id, {
        client: client.code,
        clinician: clinician.id,
        type: booking.type,
        repeat: booking.repeat,
        count: rows.length,
        series: seriesId,
        fee: booking.fee,
        room: booking.room !== null,
        online: booking.onlineLink !== null,
      });
      return { ids: rows.map((r) => r.id), seriesId, clientCode: client.code };
    }),
  );
}
