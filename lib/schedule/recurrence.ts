import { addDays, zonedToUtc } from "./time";

// Recurring series: every occurrence keeps the same local wall-clock time, so its UTC instant
// shifts by an hour across a daylight-saving change while the client sees 10:00 all year.

export type Repeat = "NONE" | "WEEKLY" | "FORTNIGHTLY";
export const MAX_OCCURRENCES = 52;

export function occurrenceDates(firstDate: string, repeat: Repeat, count: number): string[] {
  if (repeat === "NONE") return [firstDate];
  const step = repeat === "WEEKLY" ? 7 : 14;
  return Array.from({ length: Math.min(count, MAX_OCCURRENCES) }, (_, i) => addDays(firstDate, i * step));
}

export function occurrences(firstDate: string, time: string, repeat: Repeat, count: number, timeZone: string): Date[] {
  return occurrenceDates(firstDate, repeat, count).map((date) => zonedToUtc(date, time, timeZone));
}
