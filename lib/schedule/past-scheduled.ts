import "server-only";
import { z } from "zod";
import { memberEvent } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { visibleAppointmentsWhere } from "./access";
import { appointmentTarget } from "./audit";

// Appointments that have ended but are still marked scheduled: their fee is not charged until
// an outcome is recorded, so billing shows £0 for sessions that were held. They are flagged on
// the calendar and listed for marking attended in one step. The step is all or nothing: an id
// that is not the caller's to change, or no longer past and scheduled, refuses the whole request.

export const MAX_BULK = 200;

/** The same visibility as every other appointment change; ended, still scheduled. */
const pastScheduledWhere = (actor: Actor, now: Date) => ({ AND: [visibleAppointmentsWhere(actor), { status: "SCHEDULED" as const, endsAt: { lte: now } }] });

/** Past appointments still marked scheduled (oldest first, at most MAX_BULK) and how many there are. */
export async function pastScheduled(actor: Actor, now = new Date()) {
  const where = pastScheduledWhere(actor, now);
  const [rows, total] = await Promise.all([
    db().appointment.findMany({
      where,
      select: { id: true, startsAt: true, endsAt: true, feePence: true, client: { select: { code: true, label: true } }, practiceType: { select: { name: true } }, clinician: { select: { user: { select: { displayName: true } } } } },
      orderBy: { startsAt: "asc" },
      take: MAX_BULK,
    }),
    db().appointment.count({ where }),
  ]);
  return { rows, total };
}

/** How many there are (the schedule's and billing's notice). */
export const pastScheduledCount = (actor: Actor, now = new Date()) => db().appointment.count({ where: pastScheduledWhere(actor, now) });

export const markAttendedSchema = z.object({
  ids: z
    .union([z.string(), z.array(z.string())], { message: "Choose at least one appointment." })
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .pipe(z.array(z.uuid({ message: "Choose appointments from the list." })).min(1, "Choose at least one appointment.").max(MAX_BULK, `Mark at most ${MAX_BULK} at a time.`)),
});

/** Marks the chosen past, still-scheduled appointments attended, each audited, all or none. */
export async function markPastAttended(actor: Actor, input: unknown, context: AuditContext, now = new Date()) {
  const { ids } = markAttendedSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rows = await tx.appointment.findMany({ where: { AND: [{ id: { in: ids } }, pastScheduledWhere(actor, now)] }, select: { id: true, client: { select: { code: true } } } });
    if (rows.length !== ids.length) {
      const missing = ids.length - rows.length;
      throw new AppError(
        "not_past_scheduled",
        `${missing} of the ${ids.length} chosen ${missing === 1 ? "appointment is" : "appointments are"} not a past appointment still marked scheduled that you may change (already recorded, cancelled, still to come, or not yours). Nothing was changed: reload the list and try again.`,
        409,
      );
    }
    // Only rows still scheduled change: a concurrent outcome makes the count differ and undoes it all.
    const updated = await tx.appointment.updateMany({ where: { id: { in: ids }, practiceId: actor.practiceId, status: "SCHEDULED" }, data: { status: "ATTENDED", updatedAt: new Date() } });
    if (updated.count !== ids.length) throw new AppError("changed_meanwhile", "Some of these appointments changed meanwhile. Nothing was changed: reload the list and try again.", 409);
    for (const row of rows) {
      await recordAudit(tx, { ...memberEvent(actor, context), action: "appointment.completed", target: appointmentTarget(row.id), outcome: "SUCCESS", details: { client: row.client.code, from: "SCHEDULED", status: "ATTENDED" } });
    }
    return { count: rows.length };
  });
}
