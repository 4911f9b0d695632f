import { toLocal, zonedToUtc } from "./time";

// The day and week views' time grid, as plain maths (no React, no database): which wall-clock
// rows a day shows, where each appointment sits in them, side by side when they overlap, and
// which slots are free to book. The grid runs on the practice's wall clock, so a 10:00
// appointment sits on the 10:00 row whatever the season; on a clock-change day the skipped hour's
// slots do not exist (nothing can be booked there) and the repeated hour is shown once.

export const SLOT_MINUTES = 30;
const DAY = 24 * 60;

export interface GridRange {
  /** Minutes after local midnight of the first row (a whole hour). */
  from: number;
  /** Minutes after local midnight where the last row ends (a whole hour). */
  to: number;
}

export const minutesOf = (time: string) => {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
export const timeOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Where an instant falls on a local date's wall clock: 0 before the day, 1440 after it. */
export function wallMinutes(instant: Date, date: string, timeZone: string) {
  const local = toLocal(instant, timeZone);
  if (local.date < date) return 0;
  if (local.date > date) return DAY;
  return minutesOf(local.time);
}

/**
 * The span of an appointment on one local date (clipped to that day), in wall-clock minutes;
 * `end <= start` when it does not touch that date.
 */
export function spanOn(startsAt: Date, endsAt: Date, date: string, timeZone: string) {
  const start = wallMinutes(startsAt, date, timeZone);
  const end = wallMinutes(endsAt, date, timeZone);
  // Ending in the repeated autumn hour, the end can read earlier than the start on the wall clock.
  if (end <= start && endsAt > startsAt && toLocal(startsAt, timeZone).date === date && toLocal(endsAt, timeZone).date === date) {
    return { start, end: Math.min(DAY, start + Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000)) };
  }
  return { start, end };
}

/**
 * The rows to show: working hours (08:00 to 19:00 unless told otherwise), widened to whole hours
 * around anything booked earlier or later.
 */
export function gridRange(spans: { start: number; end: number }[], hours: GridRange = { from: 8 * 60, to: 19 * 60 }): GridRange {
  let { from, to } = hours;
  for (const s of spans) {
    from = Math.min(from, Math.floor(s.start / 60) * 60);
    to = Math.max(to, Math.ceil(s.end / 60) * 60);
  }
  return { from: Math.max(0, from), to: Math.min(DAY, to) };
}

export interface Placed<T> {
  item: T;
  /** 1-based grid rows of SLOT_MINUTES each, counted from the range's start; `rowEnd` is exclusive. */
  rowStart: number;
  rowEnd: number;
  /** Its lane among the appointments it overlaps (0-based), and how many lanes they share. */
  lane: number;
  lanes: number;
}

/**
 * Places appointments on a day's grid. Appointments that overlap (directly or through a chain)
 * form a cluster; within it each takes the first lane free at its start, and all share the
 * cluster's lane count, so none covers another.
 */
export function layoutDay<T extends { start: number; end: number }>(items: T[], range: GridRange): Placed<T>[] {
  const sorted = [...items].filter((i) => i.end > range.from && i.start < range.to).sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) lane = laneEnds.push(item.end) - 1;
    else laneEnds[lane] = item.end;
    clusterEnd = Math.max(clusterEnd, item.end);
    const start = Math.max(item.start, range.from);
    const end = Math.min(item.end, range.to);
    const p: Placed<T> = {
      item,
      rowStart: Math.floor((start - range.from) / SLOT_MINUTES) + 1,
      rowEnd: Math.max(Math.floor((start - range.from) / SLOT_MINUTES) + 2, Math.ceil((end - range.from) / SLOT_MINUTES) + 1),
      lane,
      lanes: 1,
    };
    cluster.push(p);
    placed.push(p);
  }
  close();
  return placed;
}

/** Grid columns per day: lanes share them evenly (60 divides by 1 to 6 lanes exactly). */
export const LANE_COLUMNS = 60;
export function laneColumns(lane: number, lanes: number) {
  const span = Math.max(1, Math.floor(LANE_COLUMNS / lanes));
  return { colStart: Math.min(lane * span, LANE_COLUMNS - 1) + 1, colSpan: span };
}

export interface Slot {
  time: string;
  row: number;
  /** False for a wall-clock time the clocks skip (spring change): it cannot be booked. */
  exists: boolean;
  /** No shown appointment overlaps it. */
  free: boolean;
}

/** The day's bookable slots: each SLOT_MINUTES row, whether it exists that day and is free. */
export function daySlots(date: string, range: GridRange, busy: { start: number; end: number }[], timeZone: string): Slot[] {
  const slots: Slot[] = [];
  for (let m = range.from; m < range.to; m += SLOT_MINUTES) {
    const time = timeOf(m);
    const local = toLocal(zonedToUtc(date, time, timeZone), timeZone);
    const exists = local.date === date && local.time === time;
    const free = !busy.some((b) => b.start < m + SLOT_MINUTES && b.end > m);
    slots.push({ time, row: (m - range.from) / SLOT_MINUTES + 1, exists, free });
  }
  return slots;
}

/**
 * "Book the next one": the same wall-clock time one week later in the practice's time zone,
 * so a 10:00 appointment before the clocks change is followed by a 10:00 one after it.
 */
export function nextWeekSameTime(startsAt: Date, timeZone: string) {
  const local = toLocal(startsAt, timeZone);
  const [y, m, d] = local.date.split("-").map(Number) as [number, number, number];
  return { date: new Date(Date.UTC(y, m - 1, d + 7)).toISOString().slice(0, 10), time: local.time };
}
