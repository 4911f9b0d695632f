import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { LIVE_STATUSES } from "./schema";
import { toLocal } from "./time";
import { dateTimeFormat } from "@/lib/format/intl";

// No double-booking: checked here under a per-practice transaction lock (so two bookings of
// one practice are decided one after the other), and again by the database's exclusion
// constraints where btree_gist is available (the migration).

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  clinicianId: string;
  room: string | null;
}

/** "Wed, 28 Oct 2026, 10:00–10:50" in the practice's time zone. */
export const describeSlot = (d: Date, end: Date, tz: string) => {
  const day = dateTimeFormat("en-GB", { timeZone: tz, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(d);
  return `${day}, ${toLocal(d, tz).time}–${toLocal(end, tz).time}`;
};

export async function lockPracticeSchedule(tx: Prisma.TransactionClient, practiceId: string) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`schedule:${practiceId}`}, 0))::text`;
}

/**
 * Throws a clear 409 naming the first clash of any slot with another live appointment, or with
 * a busy block the clinician kept from their connected calendar (ignoring `ignoreEventIds`).
 */
export async function refuseDoubleBooking(
  tx: Prisma.TransactionClient,
  practiceId: string,
  slots: Slot[],
  ignoreIds: string[],
  names: { clinician: string; timeZone: string },
  ignoreEventIds: string[] = [],
) {
  for (const slot of slots) {
    const busy = await tx.importedEvent.findFirst({
      where: { practiceId, membershipId: slot.clinicianId, state: "BUSY", id: { notIn: ignoreEventIds }, startsAt: { lt: slot.endsAt }, endsAt: { gt: slot.startsAt } },
      select: { startsAt: true, endsAt: true },
    });
    if (busy) {
      throw new AppError(
        "double_booked",
        `${names.clinician} is busy on ${describeSlot(busy.startsAt, busy.endsAt, names.timeZone)} (a block kept from their connected calendar). Choose another time, or release the block first.`,
        409,
      );
    }
    const clash = await tx.appointment.findFirst({
      where: {
        practiceId,
        id: { notIn: ignoreIds },
        status: { in: [...LIVE_STATUSES] },
        startsAt: { lt: slot.endsAt },
        endsAt: { gt: slot.startsAt },
        OR: [{ clinicianId: slot.clinicianId }, ...(slot.room ? [{ room: slot.room }] : [])],
      },
      select: { clinicianId: true, room: true, startsAt: true, endsAt: true },
    });
    if (clash) {
      const time = describeSlot(clash.startsAt, clash.endsAt, names.timeZone);
      throw new AppError(
        "double_booked",
        clash.clinicianId === slot.clinicianId
          ? `${names.clinician} is already booked on ${time}. Choose another time or clinician.`
          : `${slot.room} is already booked on ${time}. Choose another time or room.`,
        409,
      );
    }
  }
}

/** The database refused an overlap (a race the lock did not see, or a direct write). */
export function isExclusionViolation(error: unknown): boolean {
  const text = `${(error as { message?: string })?.message ?? ""} ${JSON.stringify((error as { meta?: unknown })?.meta ?? "")}`;
  return /23P01|exclusion constraint|appointment_no_(clinician|room)_overlap/.test(text);
}

export const doubleBookedFallback = () =>
  new AppError("double_booked", "That time overlaps another appointment of this clinician or room. Choose another time.", 409);
