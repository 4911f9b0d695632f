import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleAppointmentsWhere } from "./access";
import { addDays, localDaysRange, mondayOf, toLocal } from "./time";

// The calendar views' one query: a day or week of appointments, by code and label only.

export interface AppointmentRow {
  id: string;
  clientCode: string;
  clientLabel: string | null;
  clinicianId: string;
  clinicianName: string;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  localStart: string;
  localEnd: string;
  /** The category (billing, colours); `typeName` is the practice type people see. */
  type: string;
  typeName: string;
  room: string | null;
  online: boolean;
  status: string;
  paymentState: string;
  feePence: number;
  seriesId: string | null;
  /** The client asked in the portal to cancel it (only while it is still scheduled). */
  cancelRequested: boolean;
}

export interface ScheduleQuery {
  view: "week" | "day";
  date: string;
  /** A membership id, or null for every clinician the actor may see. */
  clinicianId: string | null;
}

export function scheduleRange(query: Pick<ScheduleQuery, "view" | "date">) {
  const from = query.view === "week" ? mondayOf(query.date) : query.date;
  const days = query.view === "week" ? 7 : 1;
  return { from, days, dates: Array.from({ length: days }, (_, i) => addDays(from, i)) };
}

export async function listSchedule(actor: Actor, query: ScheduleQuery, timeZone: string, client: Prisma.TransactionClient | ReturnType<typeof db> = db()): Promise<AppointmentRow[]> {
  const { from, days } = scheduleRange(query);
  const { start, end } = localDaysRange(from, days, timeZone);
  const rows = await client.appointment.findMany({
    where: { AND: [visibleAppointmentsWhere(actor), { startsAt: { gte: start, lt: end } }, query.clinicianId ? { clinicianId: query.clinicianId } : {}] },
    select: {
      id: true, clinicianId: true, startsAt: true, endsAt: true, type: true, practiceType: { select: { name: true } }, room: true, onlineLink: true, status: true, paymentState: true, feePence: true, seriesId: true, cancelRequestedAt: true,
      client: { select: { code: true, label: true } },
      clinician: { select: { user: { select: { displayName: true } } } },
    },
    orderBy: [{ startsAt: "asc" }, { clinicianId: "asc" }],
  });
  return rows.map((r) => {
    const s = toLocal(r.startsAt, timeZone);
    return {
      id: r.id,
      clientCode: r.client.code,
      clientLabel: r.client.label,
      clinicianId: r.clinicianId,
      clinicianName: r.clinician.user.displayName,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      localDate: s.date,
      localStart: s.time,
      localEnd: toLocal(r.endsAt, timeZone).time,
      type: r.type,
      typeName: r.practiceType.name,
      room: r.room,
      online: r.onlineLink !== null,
      status: r.status,
      paymentState: r.paymentState,
      feePence: r.feePence,
      seriesId: r.seriesId,
      cancelRequested: r.cancelRequestedAt !== null && r.status === "SCHEDULED",
    };
  });
}
