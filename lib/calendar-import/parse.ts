import ICAL from "ical.js";
import { isValidTimeZone, zonedToUtc } from "../schedule/time";
import { FeedError } from "./errors";

// Reads an iCalendar feed into the little Confide keeps: for each timed event (recurring ones
// expanded) in a window around today, a stable key (UID + recurrence id), start, end and
// summary. Everything else in the feed (descriptions, attendees, locations) is dropped here.
// This runs synchronously and can be costly, so the app calls it only inside a worker thread
// (parse-off-thread.ts) with a time and memory budget; the step budget below is counted here.

export const WINDOW_PAST_DAYS = 14;
export const WINDOW_FUTURE_DAYS = 90;
export const MAX_EVENTS = 2000;
/**
 * Recurrence steps looked at across the whole feed, counting steps before the window that
 * produce nothing (a daily rule from 2000 costs ~9,500). A feed needing more is refused.
 */
export const MAX_RECURRENCE_STEPS = 100_000;
const MAX_SUMMARY = 200;

export interface FeedEvent {
  /** UID and recurrence id: the same occurrence has the same key at every sync. */
  key: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
}

export interface ParseOptions {
  now: Date;
  /** Wall-clock times with no known zone are read in the practice's time zone. */
  timeZone: string;
  /** Overrides MAX_RECURRENCE_STEPS (tests). */
  maxSteps?: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

function instant(t: ICAL.Time, fallbackZone: string): Date {
  const zone = t.zone;
  if (zone && (zone.tzid === "UTC" || (zone.tzid !== "floating" && zone !== ICAL.Timezone.localTimezone && zone.tzid))) return t.toJSDate();
  const tzid = (t as { timezone?: string }).timezone;
  const tz = tzid && isValidTimeZone(tzid) ? tzid : fallbackZone;
  const utc = zonedToUtc(`${t.year}-${pad(t.month)}-${pad(t.day)}`, `${pad(t.hour)}:${pad(t.minute)}`, tz);
  return new Date(utc.getTime() + t.second * 1000);
}

const cleanSummary = (value: unknown) =>
  (typeof value === "string" ? value : "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, MAX_SUMMARY);

export function parseFeed(raw: string, options: ParseOptions): FeedEvent[] {
  const text = raw.replace(/^\uFEFF/, "");
  let root: ICAL.Component;
  try {
    if (!/^\s*BEGIN:VCALENDAR/i.test(text.slice(0, 1000))) throw new Error("not a calendar");
    root = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
    if (root.name !== "vcalendar") throw new Error("not a calendar");
  } catch {
    throw new FeedError("not_icalendar");
  }
  const from = options.now.getTime() - WINDOW_PAST_DAYS * 86_400_000;
  const to = options.now.getTime() + WINDOW_FUTURE_DAYS * 86_400_000;
  // The feed's own VTIMEZONEs, registered only while this (synchronous) parse runs.
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    try {
      ICAL.TimezoneService.register(vtz);
    } catch {
      // A broken VTIMEZONE: its times fall back to the TZID's IANA zone or the practice's.
    }
  }
  try {
    return collect(root, options.timeZone, from, to, options.maxSteps ?? MAX_RECURRENCE_STEPS);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError("not_icalendar");
  } finally {
    ICAL.TimezoneService.reset();
  }
}

function collect(root: ICAL.Component, zone: string, from: number, to: number, maxSteps: number): FeedEvent[] {
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  const single: ICAL.Event[] = [];
  for (const vevent of root.getAllSubcomponents("vevent")) {
    // Exceptions are related below by UID; left to itself, each Event would scan every sibling
    // VEVENT (quadratic: minutes for a 5 MB feed) and take other series' exceptions as its own.
    const event = new ICAL.Event(vevent, { exceptions: [], strictExceptions: true });
    if (!event.startDate) continue;
    if (event.isRecurrenceException()) exceptions.push(event);
    else if (event.isRecurring() && event.uid) masters.set(event.uid, event);
    else single.push(event);
  }
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master) master.relateException(exception);
    else single.push(exception);
  }
  const out = new Map<string, FeedEvent>();
  const add = (key: string, start: ICAL.Time, end: ICAL.Time | null, summary: unknown) => {
    if (start.isDate) return; // all-day events are not bookings
    const startsAt = instant(start, zone);
    const endsAt = end && !end.isDate ? instant(end, zone) : startsAt;
    if (Number.isNaN(startsAt.getTime()) || endsAt.getTime() < from || startsAt.getTime() >= to) return;
    if (out.has(key)) return;
    if (out.size >= MAX_EVENTS) throw new FeedError("too_many_events");
    out.set(key, { key, startsAt, endsAt: endsAt < startsAt ? startsAt : endsAt, summary: cleanSummary(summary) });
  };
  for (const event of single) {
    const rid = event.recurrenceId ? event.recurrenceId.toString() : "";
    add(`${event.uid ?? `no-uid:${event.startDate.toString()}`}\u0000${rid}`, event.startDate, event.endDate, event.summary);
  }
  let steps = 0;
  for (const event of masters.values()) {
    if (event.startDate.isDate) continue;
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (++steps > maxSteps) throw new FeedError("too_complex");
      if (next.isDate) continue;
      const details = event.getOccurrenceDetails(next);
      if (details.startDate.toJSDate().getTime() >= to + 86_400_000) break;
      add(`${event.uid}\u0000${details.recurrenceId.toString()}`, details.startDate, details.endDate, details.item.summary);
    }
  }
  return [...out.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
