import { describe, expect, it } from "vitest";
import { daySlots, gridRange, laneColumns, layoutDay, nextWeekSameTime, spanOn } from "./grid";
import { zonedToUtc } from "./time";

const LONDON = "Europe/London";
const at = (start: string, end: string, id = start) => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { id, start: m(start), end: m(end) };
};
const RANGE = { from: 8 * 60, to: 19 * 60 };

describe("the day's time grid", () => {
  it("places a lone appointment on its half-hour rows, full width", () => {
    const [p] = layoutDay([at("10:00", "10:50")], RANGE);
    expect(p).toMatchObject({ rowStart: 5, rowEnd: 7, lane: 0, lanes: 1 });
  });

  it("puts overlapping appointments side by side and leaves the next one full width", () => {
    const placed = layoutDay([at("10:00", "11:00", "a"), at("10:30", "11:30", "b"), at("11:00", "12:00", "c"), at("13:00", "14:00", "d")], RANGE);
    const by = Object.fromEntries(placed.map((p) => [p.item.id, p]));
    // a and b overlap; c starts when a ends, so it reuses a's lane; all three share two lanes.
    expect([by.a!.lane, by.b!.lane, by.c!.lane]).toEqual([0, 1, 0]);
    expect([by.a!.lanes, by.b!.lanes, by.c!.lanes]).toEqual([2, 2, 2]);
    expect(by.d).toMatchObject({ lane: 0, lanes: 1 });
  });

  it("gives three at once three lanes that never cover each other", () => {
    const placed = layoutDay([at("09:00", "10:00", "a"), at("09:00", "09:30", "b"), at("09:15", "09:45", "c")], RANGE);
    expect(new Set(placed.map((p) => p.lane)).size).toBe(3);
    expect(placed.every((p) => p.lanes === 3)).toBe(true);
    const cols = placed.map((p) => laneColumns(p.lane, p.lanes));
    expect(cols.map((c) => c.colStart)).toEqual([1, 21, 41]);
    expect(cols.every((c) => c.colSpan === 20)).toBe(true);
  });

  it("widens the rows to whole hours around an early or late appointment", () => {
    expect(gridRange([at("07:15", "08:05"), at("19:10", "20:00")])).toEqual({ from: 7 * 60, to: 20 * 60 });
    expect(gridRange([])).toEqual(RANGE);
  });

  it("marks slots taken by an appointment as not free, the rest bookable", () => {
    const slots = daySlots("2026-06-10", RANGE, [at("10:00", "10:50")], LONDON);
    expect(slots).toHaveLength(22);
    expect(slots.filter((s) => !s.free).map((s) => s.time)).toEqual(["10:00", "10:30"]);
    expect(slots.every((s) => s.exists)).toBe(true);
  });

  it("on the spring change day, the skipped hour's slots do not exist and 10:00 stays on the 10:00 row", () => {
    const day = "2026-03-29";
    const slots = daySlots(day, { from: 0, to: 4 * 60 }, [], LONDON);
    expect(slots.filter((s) => !s.exists).map((s) => s.time)).toEqual(["01:00", "01:30"]);
    const span = spanOn(zonedToUtc(day, "10:00", LONDON), zonedToUtc(day, "10:50", LONDON), day, LONDON);
    expect(span).toEqual({ start: 600, end: 650 });
  });

  it("on the autumn change day, the repeated hour is shown once and an appointment in it still gets its row", () => {
    const day = "2026-10-25";
    const slots = daySlots(day, { from: 0, to: 3 * 60 }, [], LONDON);
    expect(slots.map((s) => s.time)).toEqual(["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"]);
    expect(slots.every((s) => s.exists)).toBe(true);
    // 01:30 BST to 01:20 GMT (50 minutes later): the end reads earlier on the wall clock.
    const starts = new Date("2026-10-25T00:30:00Z");
    const span = spanOn(starts, new Date(starts.getTime() + 50 * 60_000), day, LONDON);
    expect(span.start).toBe(90);
    expect(span.end).toBeGreaterThan(span.start);
  });

  it("clips an appointment running past midnight to the day it is shown on", () => {
    const start = zonedToUtc("2026-06-10", "23:30", LONDON);
    const end = zonedToUtc("2026-06-11", "00:30", LONDON);
    expect(spanOn(start, end, "2026-06-10", LONDON)).toEqual({ start: 1410, end: 1440 });
    expect(spanOn(start, end, "2026-06-11", LONDON)).toEqual({ start: 0, end: 30 });
  });
});

describe("book the next one", () => {
  it("offers the same wall-clock time a week later across the October change", () => {
    const start = zonedToUtc("2026-10-21", "10:00", LONDON); // 09:00 UTC, summer time
    expect(nextWeekSameTime(start, LONDON)).toEqual({ date: "2026-10-28", time: "10:00" });
    expect(zonedToUtc("2026-10-28", "10:00", LONDON).toISOString()).toBe("2026-10-28T10:00:00.000Z");
  });

  it("crosses a month and year end", () => {
    expect(nextWeekSameTime(zonedToUtc("2026-12-29", "17:30", LONDON), LONDON)).toEqual({ date: "2027-01-05", time: "17:30" });
  });
});

describe("what a day holds", () => {
  it("leaves out an appointment of another day", () => {
    const start = zonedToUtc("2026-06-10", "10:00", LONDON);
    const end = zonedToUtc("2026-06-10", "10:50", LONDON);
    for (const day of ["2026-06-09", "2026-06-11"]) {
      const s = spanOn(start, end, day, LONDON);
      expect(s.end <= s.start).toBe(true);
    }
  });
});
