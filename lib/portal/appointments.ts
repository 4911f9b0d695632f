import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { limitKey, LIMITS, reserveAttempt } from "@/lib/rate-limit";
import { clientActor, type PortalClient } from "./session";

// The client's own upcoming appointments in the portal, and their request to cancel one. The
// client asks; the practice decides (it sees the request on the appointment). Only the client's
// own scheduled, future appointments are shown or can be asked about.

export const UPCOMING_SHOWN = 10;

/** The client's next scheduled appointments: when, what kind, in person or online (no clinician, no link). */
export async function listUpcomingAppointments(portal: PortalClient, now = new Date()) {
  const rows = await db().appointment.findMany({
    where: { clientId: portal.clientId, practiceId: portal.practiceId, status: "SCHEDULED", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take: UPCOMING_SHOWN,
    select: { id: true, startsAt: true, endsAt: true, onlineLink: true, room: true, cancelRequestedAt: true, practiceType: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, startsAt: r.startsAt, endsAt: r.endsAt, typeName: r.practiceType.name, online: r.onlineLink !== null, room: r.room, cancelRequestedAt: r.cancelRequestedAt }));
}

const idSchema = z.uuid();
const NOT_YOURS = () => new AppError("appointment_not_found", "That appointment is not one you can ask to cancel. It may have been changed already: reload the page to see your appointments.", 404);

/** The client asks to cancel one of their own upcoming appointments (asking twice changes nothing). */
export async function requestAppointmentCancellation(portal: PortalClient, appointmentId: unknown, context: AuditContext) {
  const parsed = idSchema.safeParse(appointmentId);
  if (!parsed.success) throw NOT_YOURS();
  if (!(await reserveAttempt(db(), [{ limit: LIMITS.portalAppointmentChange, key: limitKey(LIMITS.portalAppointmentChange, portal.code) }])).allowed) {
    throw new AppError("too_many", "You have asked for many changes in the last hour. Please wait a little, or call the practice.", 429);
  }
  return db().$transaction(async (tx) => {
    const mine = { id: parsed.data, clientId: portal.clientId, practiceId: portal.practiceId, status: "SCHEDULED" as const, startsAt: { gt: new Date() } };
    const appointment = await tx.appointment.findFirst({ where: mine, select: { id: true, cancelRequestedAt: true } });
    if (!appointment) throw NOT_YOURS();
    if (appointment.cancelRequestedAt) return { alreadyAsked: true };
    const { count } = await tx.appointment.updateMany({ where: { ...mine, cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
    if (count === 0) return { alreadyAsked: true };
    await recordAudit(tx, { practiceId: portal.practiceId, actor: clientActor(portal.code), action: "appointment.cancel_requested", target: { type: "appointment", id: appointment.id }, outcome: "SUCCESS", details: { client: portal.code }, context });
    return { alreadyAsked: false };
  });
}
