import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { visibleAppointmentsWhere } from "./access";
import { addToFigures, emptyFigures, type BillingLine } from "./billing-rule";
export type { BillingLine };
import { CHARGEABLE_STATUSES } from "./schema";
import { localDaysRange, monthBounds } from "./time";

// Monthly billing figures per clinician (in pence). A fee is charged when the appointment was
// attended, cancelled late or not attended, unless waived; what is charged and not paid is
// outstanding. Owners and managers see every clinician; a therapist sees their own.

export interface BillingSummary {
  month: string;
  lines: BillingLine[];
  total: Omit<BillingLine, "clinicianId" | "clinicianName">;
}

export const canSeeWholePractice = (actor: Actor) => actor.role === "OWNER" || actor.role === "MANAGER";

export async function billingSummary(actor: Actor, month: string, timeZone: string): Promise<BillingSummary> {
  const { first, next } = monthBounds(month);
  const start = localDaysRange(first, 0, timeZone).start;
  const end = localDaysRange(next, 0, timeZone).start;
  const rows = await db().appointment.findMany({
    where: {
      AND: [visibleAppointmentsWhere(actor), canSeeWholePractice(actor) ? {} : { clinicianId: actor.membershipId }, { startsAt: { gte: start, lt: end } }],
    },
    select: { clinicianId: true, status: true, paymentState: true, feePence: true, clinician: { select: { user: { select: { displayName: true } } } } },
  });
  const lines = new Map<string, BillingLine>();
  const total = emptyFigures();
  for (const r of rows) {
    let line = lines.get(r.clinicianId);
    if (!line) {
      line = { clinicianId: r.clinicianId, clinicianName: r.clinician.user.displayName, ...emptyFigures() };
      lines.set(r.clinicianId, line);
    }
    addToFigures(line, r);
    addToFigures(total, r);
  }
  return { month, lines: [...lines.values()].sort((a, b) => a.clinicianName.localeCompare(b.clinicianName)), total };
}

/** Appointments of the month with a fee owed and not yet paid, for marking payments. */
export async function unpaidAppointments(actor: Actor, month: string, timeZone: string) {
  const { first, next } = monthBounds(month);
  return db().appointment.findMany({
    where: {
      AND: [
        visibleAppointmentsWhere(actor),
        canSeeWholePractice(actor) ? {} : { clinicianId: actor.membershipId },
        { startsAt: { gte: localDaysRange(first, 0, timeZone).start, lt: localDaysRange(next, 0, timeZone).start } },
        { status: { in: [...CHARGEABLE_STATUSES] }, paymentState: "UNPAID", feePence: { gt: 0 } },
      ],
    },
    select: { id: true, startsAt: true, status: true, feePence: true, client: { select: { code: true, label: true } }, clinician: { select: { user: { select: { displayName: true } } } } },
    orderBy: { startsAt: "asc" },
  });
}
