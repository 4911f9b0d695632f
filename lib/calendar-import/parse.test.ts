import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./address";
import { FeedError } from "./errors";
import { MAX_EVENTS, parseFeed } from "./parse";
import { feedHost, normaliseFeedUrl } from "./url";

const now = new Date("2026-11-02T12:00:00Z");
const opts = { now, timeZone: "Europe/London" };
const cal = (...events: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events, "END:VCALENDAR"].join("\r\n");
const vevent = (lines: string[]) => ["BEGIN:VEVENT", "DTSTAMP:20261101T000000Z", ...lines, "END:VEVENT"].join("\r\n");
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof FeedError ? error.reason : String(error);
  }
  return "no error";
};

describe("parseFeed", () => {
  it("keeps start, end and summary of timed events and nothing else", () => {
    const events = parseFeed(cal(vevent(["UID:a@x", "DTSTART:20261103T100000Z", "DTEND:20261103T105000Z", "SUMMARY:Session with Ada", "DESCRIPTION:private", "LOCATION:Room"])), opts);
    expect(events).toEqual([{ key: "a@x\u0000", startsAt: new Date("2026-11-03T10:00:00Z"), endsAt: new Date("2026-11-03T10:50:00Z"), summary: "Session with Ada" }]);
  });

  it("expands a weekly rule within the window, honouring EXDATE and a moved occurrence", () => {
    const events = parseFeed(
      cal(
        vevent(["UID:w@x", "DTSTART;TZID=Europe/London:20261019T090000", "DURATION:PT50M", "RRULE:FREQ=WEEKLY;COUNT=30", "EXDATE;TZID=Europe/London:20261109T090000", "SUMMARY:Weekly"]),
        vevent(["UID:w@x", "RECURRENCE-ID;TZID=Europe/London:20261116T090000", "DTSTART;TZID=Europe/London:20261116T140000", "DTEND;TZID=Europe/London:20261116T145000", "SUMMARY:Moved"]),
      ),
      opts,
    );
    const starts = events.map((e) => e.startsAt.toISOString());
    // 14 days back (19 Oct is before the window) to 90 days ahead; London is UTC+1 until 25 Oct.
    expect(starts[0]).toBe("2026-10-26T09:00:00.000Z");
    expect(starts).not.toContain("2026-11-09T09:00:00.000Z");
    expect(events.find((e) => e.summary === "Moved")!.startsAt.toISOString()).toBe("2026-11-16T14:00:00.000Z");
    expect(events.every((e) => e.startsAt.getTime() < now.getTime() + 91 * 86_400_000)).toBe(true);
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
  });

  it("reads a TZID with no VTIMEZONE as that IANA zone, and floating times in the practice's zone", () => {
    const events = parseFeed(cal(vevent(["UID:t@x", "DTSTART;TZID=America/New_York:20261103T100000", "DTEND;TZID=America/New_York:20261103T110000"]), vevent(["UID:f@x", "DTSTART:20261104T100000", "DTEND:20261104T110000"])), opts);
    expect(events.map((e) => e.startsAt.toISOString())).toEqual(["2026-11-03T15:00:00.000Z", "2026-11-04T10:00:00.000Z"]);
  });

  it("reads a feed that starts with a byte-order mark", () => {
    expect(parseFeed(`\uFEFF${cal(vevent(["UID:b@x", "DTSTART:20261103T100000Z", "DTEND:20261103T110000Z", "SUMMARY:BOM"]))}`, opts)).toHaveLength(1);
  });

  it("skips all-day events", () => {
    expect(parseFeed(cal(vevent(["UID:d@x", "DTSTART;VALUE=DATE:20261103", "SUMMARY:Holiday"])), opts)).toEqual([]);
  });

  it("refuses text that is not iCalendar", () => {
    expect(reason(() => parseFeed("<html>Sign in</html>", opts))).toBe("not_icalendar");
    expect(reason(() => parseFeed("BEGIN:VCALENDAR\r\nthis is not ical", opts))).toBe("not_icalendar");
  });

  it("refuses a feed with more events than the cap, including an endless daily rule's", () => {
    const many = Array.from({ length: MAX_EVENTS + 1 }, (_, i) => vevent([`UID:${i}@x`, `DTSTART:20261103T${String(i % 24).padStart(2, "0")}0000Z`, "DURATION:PT10M"]));
    expect(reason(() => parseFeed(cal(...many), opts))).toBe("too_many_events");
    const rules = Array.from({ length: 25 }, (_, i) => vevent([`UID:r${i}@x`, "DTSTART:20261101T080000Z", "DURATION:PT10M", "RRULE:FREQ=DAILY"]));
    expect(reason(() => parseFeed(cal(...rules), opts))).toBe("too_many_events");
    expect(parseFeed(cal(rules[0]!), opts).length).toBeLessThanOrEqual(106);
  });
});

describe("the recurrence step budget", () => {
  const daily2000 = (uid: string) => vevent([`UID:${uid}`, "DTSTART:20000103T090000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY", "SUMMARY:Since 2000"]);

  it("expands a daily rule from 2000 into the window (its ~9,500 steps fit the budget)", { timeout: 30_000 }, () => {
    const events = parseFeed(cal(daily2000("old@x")), opts);
    expect(events).toHaveLength(104);
    expect(events[0]!.startsAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 15 * 86_400_000);
  });

  it("counts steps before the window and across rules, and refuses the feed over budget", { timeout: 60_000 }, () => {
    expect(reason(() => parseFeed(cal(daily2000("old@x")), { ...opts, maxSteps: 9_000 }))).toBe("too_complex");
    expect(reason(() => parseFeed(cal(daily2000("a@x"), daily2000("b@x")), { ...opts, maxSteps: 15_000 }))).toBe("too_complex");
    expect(parseFeed(cal(daily2000("a@x"), daily2000("b@x")), { ...opts, maxSteps: 20_000 })).toHaveLength(2 * 104);
    // A huge COUNT, and a rule whose every step falls before the window.
    const minutely = vevent(["UID:m@x", "DTSTART:20250101T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY;COUNT=100000000"]);
    expect(reason(() => parseFeed(cal(minutely), { ...opts, maxSteps: 5_000 }))).toBe("too_complex");
    const secondly = vevent(["UID:s@x", "DTSTART:20200101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY;UNTIL=20250101T000000Z"]);
    expect(reason(() => parseFeed(cal(secondly), { ...opts, maxSteps: 5_000 }))).toBe("too_complex");
  });

  it("applies a moved occurrence only to its own series", () => {
    const events = parseFeed(
      cal(
        vevent(["UID:a@x", "DTSTART:20261104T090000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:A"]),
        vevent(["UID:b@x", "DTSTART:20261104T090000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:B"]),
        vevent(["UID:b@x", "RECURRENCE-ID:20261105T090000Z", "DTSTART:20261105T150000Z", "DURATION:PT30M", "SUMMARY:B moved"]),
      ),
      opts,
    );
    expect(events.filter((e) => e.summary === "A").map((e) => e.startsAt.getUTCHours())).toEqual([9, 9, 9]);
    expect(events.find((e) => e.summary === "B moved")!.startsAt.toISOString()).toBe("2026-11-05T15:00:00.000Z");
  });
});

describe("feed addresses", () => {
  it("turns webcal:// into https:// and shows only the host", () => {
    const url = normaliseFeedUrl(" webcal://calendar.example.com/private-abc/basic.ics ");
    expect(url.toString()).toBe("https://calendar.example.com/private-abc/basic.ics");
    expect(feedHost(url)).toBe("calendar.example.com");
  });

  it("refuses other schemes and junk", () => {
    for (const bad of ["file:///etc/passwd", "ftp://x/y.ics", "javascript:alert(1)", "not a url", ""]) expect(reason(() => normaliseFeedUrl(bad))).toBe("invalid_url");
  });

  it("knows private, loopback, link-local and mapped addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "142.250.180.14", "2a00:1450:4009:81f::200e", "::ffff:8.8.8.8"]) expect(isPrivateAddress(a), a).toBe(false);
  });
});
