import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";
import { practiceTimeZone } from "@/lib/schedule/access";
import { bookAppointments } from "@/lib/schedule/book";
import { toLocal } from "@/lib/schedule/time";
import { calendarEvent } from "./audit";

// The clinician's decision on one imported event: book it as an appointment (through the
// schedule's own booking, so double-booking rules apply), keep it as a busy block, or dismiss it.

const eventTarget = (id: string) => ({ type: "imported_event", id });

async function ownEvent(actor: Actor, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("That calendar event");
  const event = await db().importedEvent.findFirst({ where: { id, membershipId: actor.membershipId }, select: { id: true, state: true, startsAt: true, endsAt: true } });
  if (!event) throw notFound("That calendar event");
  return event;
}

const alreadyDecided = () => new AppError("event_decided", "That event has already been booked or changed. Refresh the page.", 409);

const STATE_ACTION = { BUSY: "calendar.event_kept_busy", DISMISSED: "calendar.event_dismissed", PENDING: "calendar.event_restored" } as const;

async function setState(actor: Actor, id: string, from: ("PENDING" | "BUSY" | "DISMISSED")[], to: keyof typeof STATE_ACTION, context: AuditContext) {
  await ownEvent(actor, id);
  await db().$transaction(async (tx) => {
    const { count } = await tx.importedEvent.updateMany({ where: { id, membershipId: actor.membershipId, state: { in: from } }, data: { state: to, updatedAt: new Date() } });
    if (count === 0) throw alreadyDecided();
    await recordAudit(tx, { ...calendarEvent({ kind: "member", actor }, context), action: STATE_ACTION[to], target: eventTarget(id), outcome: "SUCCESS", details: {} });
  });
}

export const keepEventBusy = (actor: Actor, id: string, context: AuditContext) => setState(actor, id, ["PENDING", "DISMISSED"], "BUSY", context);
export const dismissEvent = (actor: Actor, id: string, context: AuditContext) => setState(actor, id, ["PENDING", "BUSY"], "DISMISSED", context);
export const restoreEvent = (actor: Actor, id: string, context: AuditContext) => setState(actor, id, ["DISMISSED"], "PENDING", context);

export const bookEventSchema = z.object({
  clientCode: z.string().min(1, "Choose a client."),
  /** A practice type's id (the form), or a category (older callers). */
  typeId: z.string().optional(),
  type: z.string().optional(),
  fee: z.string().optional(),
  room: z.string().optional(),
  onlineLink: z.string().optional(),
});

/** Books an imported event as an appointment with the clinician, for a client of their caseload. */
export async function bookEvent(actor: Actor, id: string, input: unknown, context: AuditContext) {
  const fields = bookEventSchema.parse(input);
  const event = await ownEvent(actor, id);
  if (event.state !== "PENDING" && event.state !== "BUSY") throw alreadyDecided();
  const timeZone = await practiceTimeZone(actor.practiceId);
  const start = toLocal(event.startsAt, timeZone);
  const durationMinutes = Math.round((event.endsAt.getTime() - event.startsAt.getTime()) / 60_000);
  return bookAppointments(
    actor,
    { ...fields, clinicianId: actor.membershipId, date: start.date, time: start.time, durationMinutes, repeat: "NONE" },
    context,
    {
      ignoreEventIds: [id],
      onBooked: async (tx, [appointmentId]) => {
        const { count } = await tx.importedEvent.updateMany({
          where: { id, membershipId: actor.membershipId, state: { in: ["PENDING", "BUSY"] } },
          data: { state: "BOOKED", appointmentId, updatedAt: new Date() },
        });
        if (count === 0) throw alreadyDecided();
        await recordAudit(tx, { ...calendarEvent({ kind: "member", actor }, context), action: "calendar.event_booked", target: eventTarget(id), outcome: "SUCCESS", details: { appointment: appointmentId! } });
      },
    },
  );
}
