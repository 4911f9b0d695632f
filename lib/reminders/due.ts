import { toLocal, zonedToUtc } from "@/lib/schedule/time";

// When an appointment's reminder is due: `hours` before its start on the practice's wall clock,
// so a 24-hour reminder for a 10:00 appointment goes at 10:00 the day before even when the
// clocks change in between (then 23 or 25 real hours before).

export const MAX_REMINDER_HOURS = 168;

export function reminderDueAt(startsAt: Date, hours: number, timeZone: string): Date {
  const local = toLocal(startsAt, timeZone);
  const [y, mo, d] = local.date.split("-").map(Number) as [number, number, number];
  const [h, mi] = local.time.split(":").map(Number) as [number, number];
  const shifted = new Date(Date.UTC(y, mo - 1, d, h - hours, mi)).toISOString();
  return zonedToUtc(shifted.slice(0, 10), shifted.slice(11, 16), timeZone);
}

/** How far ahead to look for candidates: the window plus the most a clock change can add. */
export const candidateHorizon = (now: Date, hours: number) => new Date(now.getTime() + (hours + 2) * 3_600_000);
