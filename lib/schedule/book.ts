import "server-only";
import { randomUUID } from "node:crypto";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findClientFor } from "@/lib/clients/access";
import { db } from "@/lib/db/client";
import { practiceTimeZone, requireBookableClinician } from "./access";
import { appointmentTarget, refusingDoubleBookings } from "./audit";
import { lockPracticeSchedule, refuseDoubleBooking } from "./conflicts";
import { occurrences } from "./recurrence";
import { requireBookableRoom } from "./rooms";
import { bookingSchema } from "./schema";
import { resolveBookingType } from "./types";

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
  // Omitted length or fee take the type's defaults (the form pre-fills them; the user may change them).
  const type = await resolveBookingType(db(), actor.practiceId, { typeId: booking.typeId, category: booking.type });
  const durationMinutes = booking.durationMinutes ?? type.durationMinutes;
  const feePence = booking.fee ?? type.feePence;
  const rows = starts.map((startsAt) => ({
    id: randomUUID(),
    practiceId: actor.practiceId,
    clientId: client.id,
    clinicianId: booking.clinicianId,
    seriesId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    type: type.category,
    practiceTypeId: type.id,
    room: booking.room,
    onlineLink: booking.onlineLink,
    feePence,
    createdById: actor.membershipId,
  }));
  return refusingDoubleBookings(actor, context, client.code, () =>
    db().$transaction(async (tx) => {
      const clinician = await requireBookableClinician(tx, actor.practiceId, booking.clinicianId, client.id);
      await lockPracticeSchedule(tx, actor.practiceId);
      await resolveBookingType(tx, actor.practiceId, { typeId: type.id }); // not archived meanwhile (archiving takes the same lock)
      await requireBookableRoom(tx, actor.practiceId, booking.room);
      await refuseDoubleBooking(tx, actor.practiceId, rows, [], { clinician: clinician.name, timeZone }, hooks.ignoreEventIds);
      await tx.appointment.createMany({ data: rows });
      await hooks.onBooked?.(tx, rows.map((r) => r.id));
      await recordAudit(tx, {
        ...memberEvent(actor, context),
        action: "appointment.created",
        target: appointmentTarget(rows[0]!.id),
        outcome: "SUCCESS",
        details: {
          client: client.code,
          clinician: clinician.id,
          type: type.category,
          appointmentType: type.id,
          repeat: booking.repeat,
          count: rows.length,
          series: seriesId,
          fee: feePence,
          room: booking.room !== null,
          online: booking.onlineLink !== null,
        },
      });
      return { ids: rows.map((r) => r.id), seriesId, clientCode: client.code };
    }),
  );
}
