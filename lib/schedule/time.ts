// Wall-clock time in the practice's time zone <-> UTC instants, with Intl only (no library):
// appointments are stored as UTC instants and shown in Practice.timeZone, so a weekly 10:00
// London appointment stays at 10:00 local across the clock changes.

export const DEFAULT_TIME_ZONE = "Europe/London";

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: number; // 1 = Monday … 7 = Sunday
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in a time zone. */
export function toLocal(instant: Date, timeZone: string): LocalParts {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, time: `${p.hour}:${p.minute}`, weekday: weekdayOf(date) };
}

/**
 * The local days a span of time covers, for showing it on each of them: an end at exactly
 * midnight does not reach into the next day.
 */
export function localSpan(startsAt: Date, endsAt: Date, timeZone: string) {
  const start = toLocal(startsAt, timeZone);
  const lastDate = endsAt.getTime() > startsAt.getTime() ? toLocal(new Date(endsAt.getTime() - 1), timeZone).date : start.date;
  return { firstDate: start.date, lastDate, startTime: start.time, endTime: toLocal(endsAt, timeZone).time };
}

/** Minutes the zone is ahead of UTC at an instant (60 for London in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the clocks of `timeZone` show `date` `time`. A time skipped by a spring
 * change (01:30 in London on the last Sunday of March) moves forward by the gap; a time that
 * happens twice in autumn takes the first (summer-time) one.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets either side of the wanted wall time; the earliest that round-trips wins.
  const candidates = [...new Set([offsetMinutes(new Date(naive - 86_400_000), timeZone), offsetMinutes(new Date(naive + 86_400_000), timeZone)])]
    .map((off) => new Date(naive - off * 60_000))
    .sort((a, b) => a.getTime() - b.getTime());
  for (const c of candidates) {
    const local = toLocal(c, timeZone);
    if (local.date === date && local.time === time) return c;
  }
  // In a spring gap: keep the wall-clock distance from the earlier offset (01:30 -> 02:30 BST).
  return new Date(naive - offsetMinutes(new Date(naive - 86_400_000), timeZone) * 60_000);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** The Monday of the week containing `date`. */
export const mondayOf = (date: string) => addDays(date, 1 - weekdayOf(date));

/** UTC instants bounding local days [from, from + days): for range queries. */
export function localDaysRange(from: string, days: number, timeZone: string) {
  return { start: zonedToUtc(from, "00:00", timeZone), end: zonedToUtc(addDays(from, days), "00:00", timeZone) };
}

/** First day of the month and of the next, for a YYYY-MM month. */
export function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = `${month}-01`;
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { first, next };
}

export function isValidTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}
