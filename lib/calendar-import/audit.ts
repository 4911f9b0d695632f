import "server-only";
import { memberEvent } from "@/lib/audit/actor";
import type { AuditContext } from "@/lib/audit/schema";
import type { Actor } from "@/lib/auth/actor";

/** Who acted: a signed-in clinician, or the scheduled sync (npm run calendar:sync). */
export type CalendarActor = { kind: "member"; actor: Actor } | { kind: "system"; practiceId: string };

export const SYSTEM_SYNC = { type: "SYSTEM" as const, id: "calendar-sync", role: null };

/** Who and where, for a calendar event's audit record: spread into recordAudit's input. */
export const calendarEvent = (who: CalendarActor, context: AuditContext) =>
  who.kind === "member" ? memberEvent(who.actor, context) : { practiceId: who.practiceId, actor: SYSTEM_SYNC, context };
