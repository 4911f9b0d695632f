import "server-only";
import { memberActor } from "@/lib/audit/actor";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/current";
import type { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Details = Record<string, string | number | boolean | null>;
/** Who acted: a signed-in clinician, or the scheduled sync (npm run calendar:sync). */
export type CalendarActor = { kind: "member"; actor: Actor } | { kind: "system"; practiceId: string };

export const SYSTEM_SYNC = { type: "SYSTEM" as const, id: "calendar-sync", role: null };

export function recordCalendarEvent(
  client: Prisma.TransactionClient | ReturnType<typeof db>,
  who: CalendarActor,
  context: AuditContext,
  action: AuditAction,
  target: { type: string; id: string } | null,
  details: Details,
  outcome: "SUCCESS" | "FAILED" = "SUCCESS",
) {
  return recordAudit(client, {
    practiceId: who.kind === "member" ? who.actor.practiceId : who.practiceId,
    actor: who.kind === "member" ? memberActor(who.actor) : SYSTEM_SYNC,
    action,
    target,
    outcome,
    details,
    context,
  });
}
