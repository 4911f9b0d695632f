import "server-only";
import { memberActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { doubleBookedFallback, isExclusionViolation } from "./conflicts";

/** The target of an event about one appointment (or the first of a series). */
export const appointmentTarget = (id: string) => ({ type: "appointment", id });

/** Runs a booking change; a double booking (ours or the database's) is refused and recorded. */
export async function refusingDoubleBookings<T>(actor: Actor, context: AuditContext, clientCode: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const refused = error instanceof AppError && error.code === "double_booked" ? error : isExclusionViolation(error) ? doubleBookedFallback() : null;
    if (!refused) throw error;
    await recordAudit(db(), {
      practiceId: actor.practiceId,
      actor: memberActor(actor),
      action: "appointment.double_booking_refused",
      target: { type: "client", id: clientCode },
      outcome: "DENIED",
      details: {},
      context,
    });
    throw refused;
  }
}
