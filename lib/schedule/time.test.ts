import { describe, expect, it } from "vitest";
import { occurrences } from "./recurrence";
import { addToFigures } from "./billing-rule";
import { localSpan, mondayOf, toLocal, zonedToUtc } from "./time";

const LONDON = "Europe/London";

describe("practice time zone", () => {
  it("stores 10:00 London as 10:00 UTC in winter and 09:00 UTC in summer", () => {
    expect(zonedToUtc("2026-01-15", "10:00", LONDON).toISOString()).toBe("2026-01-15T10:00:00.000Z");
    expect(zonedToUtc("2026-07-15", "10:00", LONDON).toISOString()).toBe("2026-07-15T09:00:00.000Z");
  });

  it("keeps a weekly 10:00 London series at 10:00 local across the late-October change", () => {
    const starts = occurrences("2026-10-14", "10:00", "WEEKLY", 4, LONDON);
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-10-14T09:00:00.000Z",
      "2026-10-21T09:00:00.000Z",
      "2026-10-28T10:00:00.000Z", // clocks went back on Sunday 25 October
      "2026-11-04T10:00:00.000Z",
    ]);
    expect(starts.map((d) => toLocal(d, LONDON).time)).toEqual(["10:00", "10:00", "10:00", "10:00"]);
  });

  it("keeps a weekly 10:00 London series at 10:00 local across the late-March change", () => {
    const starts = occurrences("2027-03-17", "10:00", "WEEKLY", 3, LONDON);
    expect(starts.map((d) => d.toISOString())).toEqual(["2027-03-17T10:00:00.000Z", "2027-03-24T10:00:00.000Z", "2027-03-31T09:00:00.000Z"]);
    expect(starts.map((d) => toLocal(d, LONDON))).toEqual([
      { date: "2027-03-17", time: "10:00", weekday: 3 },
      { date: "2027-03-24", time: "10:00", weekday: 3 },
      { date: "2027-03-31", time: "10:00", weekday: 3 },
    ]);
  });

  it("makes a fortnightly series every 14 local days, on the day of the change itself too", () => {
    const starts = occurrences("2026-10-11", "09:30", "FORTNIGHTLY", 2, LONDON);
    expect(starts.map((d) => toLocal(d, LONDON).date)).toEqual(["2026-10-11", "2026-10-25"]);
    expect(starts.map((d) => toLocal(d, LONDON).time)).toEqual(["09:30", "09:30"]);
  });

  it("moves a time skipped in spring forward by the gap, and takes the first of a repeated autumn hour", () => {
    expect(zonedToUtc("2027-03-28", "01:30", LONDON).toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(toLocal(zonedToUtc("2027-03-28", "01:30", LONDON), LONDON).time).toBe("02:30");
    expect(zonedToUtc("2026-10-25", "01:30", LONDON).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("works in other zones and finds the Monday of a week", () => {
    expect(zonedToUtc("2026-03-30", "10:00", "Europe/Berlin").toISOString()).toBe("2026-03-30T08:00:00.000Z");
    expect(mondayOf("2026-11-22")).toBe("2026-11-16");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
  });
});

describe("what is charged", () => {
  it("charges attended, late-cancelled and missed appointments unless waived", () => {
    const f = { sessionsHeld: 0, chargedPence: 0, paidPence: 0, outstandingPence: 0, lateOrMissedCount: 0, lateOrMissedPence: 0, waivedCount: 0, waivedPence: 0 };
    addToFigures(f, { status: "ATTENDED", paymentState: "PAID", feePence: 6000 });
    addToFigures(f, { status: "ATTENDED", paymentState: "UNPAID", feePence: 6000 });
    addToFigures(f, { status: "CANCELLED_LATE", paymentState: "UNPAID", feePence: 3000 });
    addToFigures(f, { status: "DID_NOT_ATTEND", paymentState: "WAIVED", feePence: 6000 });
    addToFigures(f, { status: "CANCELLED_BY_CLIENT", paymentState: "UNPAID", feePence: 6000 });
    addToFigures(f, { status: "SCHEDULED", paymentState: "UNPAID", feePence: 6000 });
    expect(f).toEqual({ sessionsHeld: 2, chargedPence: 15000, paidPence: 6000, outstandingPence: 9000, lateOrMissedCount: 1, lateOrMissedPence: 3000, waivedCount: 1, waivedPence: 6000 });
  });
});

describe("the local days a span covers", () => {
  it("is one day for a span within a day, in the zone's clock", () => {
    expect(localSpan(new Date("2026-07-14T08:00:00Z"), new Date("2026-07-14T09:00:00Z"), "Europe/London")).toEqual({ firstDate: "2026-07-14", lastDate: "2026-07-14", startTime: "09:00", endTime: "10:00" });
  });

  it("reaches every day of a span over several days, but not the day an end at midnight falls on", () => {
    expect(localSpan(new Date("2026-11-23T09:00:00Z"), new Date("2026-11-25T17:00:00Z"), "Europe/London")).toMatchObject({ firstDate: "2026-11-23", lastDate: "2026-11-25" });
    expect(localSpan(new Date("2026-11-23T09:00:00Z"), new Date("2026-11-24T00:00:00Z"), "Europe/London")).toMatchObject({ firstDate: "2026-11-23", lastDate: "2026-11-23", endTime: "00:00" });
  });

  it("counts days in the zone: 23:30 UTC in summer is the next day in London", () => {
    expect(localSpan(new Date("2026-07-14T23:30:00Z"), new Date("2026-07-15T00:30:00Z"), "Europe/London")).toMatchObject({ firstDate: "2026-07-15", lastDate: "2026-07-15" });
  });
});
