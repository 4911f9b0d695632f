import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Hostile calendars, both ways. In: a connected feed is parsed in a worker thread with budgets
// of time, recurrence steps and heap, so a pathological feed is refused (too_complex) without
// stalling the server, and changes nothing. Out: a suspended practice's private feeds answer
// 404 and its connected calendars are not synced by the scheduled job.

const context = { requestId: null, ip: "203.0.113.7", userAgent: "calendar-budget-test" };
const db = setUpTestDatabase();
let therapist: Actor;
let server: Server;
let base: string;
const feeds = new Map<string, string>();
let fetches = 0;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return stamp(d);
};
const cal = (events: string[][]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events.flatMap((e) => ["BEGIN:VEVENT", "DTSTAMP:20261101T000000Z", ...e, "END:VEVENT"]), "END:VCALENDAR"].join("\r\n");
const dailySince2000 = (i: number) => [`UID:daily-${i}@ext`, "DTSTART:20000103T090000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY", `SUMMARY:Daily ${i}`];
const dailyFeed = (count: number) => cal(Array.from({ length: count }, (_, i) => dailySince2000(i)));
/** As many such events as fit under the 5 MB fetch cap. */
const fiveMegabytes = () => {
  const events: string[][] = [];
  const empty = cal([]).length;
  for (let size = empty; ; ) {
    const next = dailySince2000(events.length);
    size += cal([next]).length - empty;
    if (size > 5 * 1024 * 1024) return cal(events);
    events.push(next);
  }
};
const normalFeed = () =>
  cal([
    ["UID:dentist@ext", `DTSTART:${inDays(3, 14)}`, `DTEND:${inDays(3, 15)}`, "SUMMARY:Dentist"],
    // A standing daily event since 2000: ~9,500 steps, within the budget, expanded into the window.
    ["UID:lunch@ext", "DTSTART:20000103T120000Z", "DURATION:PT45M", "RRULE:FREQ=DAILY", "SUMMARY:Lunch"],
  ]);

const url = (path: string) => `${base}${path}`;
const lib = async () => ({ ...(await import("@/lib/calendar-import/sync")), ...(await import("@/lib/calendar-import/view")) });
const pointAt = async (path: string) => {
  const { sealUrl } = await import("@/lib/calendar-import/sealed");
  await db.prisma.calendarImport.update({ where: { membershipId: therapist.membershipId }, data: { urlEnc: sealUrl(therapist.membershipId, url(path)) } });
};
const snapshot = async () => ({
  events: await sql(db.database.ownerUrl, `SELECT id, state, "startsAt", "endsAt", "summaryEnc" FROM imported_event ORDER BY id`),
  calendars: await sql(db.database.ownerUrl, `SELECT "membershipId", "urlEnc", "lastSyncedAt", scheduled FROM calendar_import ORDER BY "membershipId"`),
  appointments: await sql(db.database.ownerUrl, `SELECT id FROM appointment ORDER BY id`),
});
const lastFailure = async () =>
  (await sql<{ details: Record<string, unknown> }>(db.database.ownerUrl, `SELECT details FROM audit_event WHERE action = 'calendar.sync_failed' ORDER BY seq DESC LIMIT 1`))[0]?.details;

/**
 * Runs `work` while sampling the event loop every 20 ms and asking the health check (what
 * /api/health answers) over and over: the longest the loop was held and the slowest check.
 */
async function watchingTheLoop<T>(work: () => Promise<T>) {
  const { checkHealth } = await import("@/lib/health/check");
  let maxLagMs = 0;
  let slowestHealthMs = 0;
  let healthChecks = 0;
  let last = performance.now();
  const sampler = setInterval(() => {
    const at = performance.now();
    maxLagMs = Math.max(maxLagMs, at - last - 20);
    last = at;
  }, 20);
  let done = false;
  const prober = (async () => {
    while (!done) {
      const started = performance.now();
      expect(await checkHealth()).toEqual({ status: "ok" });
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      healthChecks++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  try {
    const outcome = await work().then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    );
    return { ...outcome, ms: Math.round(performance.now() - started), maxLagMs: Math.round(maxLagMs), slowestHealthMs: Math.round(slowestHealthMs), healthChecks };
  } finally {
    done = true;
    clearInterval(sampler);
    await prober;
  }
}

beforeAll(async () => {
  process.env.CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS = "true";
  const practice = await createPractice({ name: "Budget" });
  therapist = await createMember({ practice, role: "THERAPIST", tag: "budget" });
  feeds.set("/normal.ics", normalFeed());
  feeds.set("/daily-300.ics", dailyFeed(300));
  feeds.set("/five-mb.ics", fiveMegabytes());
  feeds.set("/huge-count.ics", cal([["UID:count@ext", "DTSTART:20250101T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY;COUNT=100000000", "SUMMARY:Every minute"]]));
  feeds.set("/never-lands.ics", cal([["UID:never@ext", "DTSTART:20200101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY;UNTIL=20250101T000000Z", "SUMMARY:Every second, long ago"]]));
  server = createServer((req, res) => {
    const body = feeds.get(req.url ?? "");
    if (body === undefined) return res.writeHead(404).end();
    fetches++;
    res.writeHead(200, { "content-type": "text/calendar" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { connectCalendar } = await lib();
  await connectCalendar(therapist, { url: url("/normal.ics") }, context);
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
});

describe("a connected calendar within its budget", () => {
  it("imports a normal feed, its daily rule from 2000 expanded into the window", async () => {
    const { importedEvents } = await lib();
    const events = await importedEvents(therapist, context);
    expect(events.filter((e) => e.summary === "Dentist")).toHaveLength(1);
    // 14 days back to 90 days ahead: one lunch a day.
    expect(events.filter((e) => e.summary === "Lunch").length).toBeGreaterThanOrEqual(104);
  });
});

describe("a pathological feed is refused without freezing the server", () => {
  it("refuses 300 daily events from 2000 as too complex, keeps /api/health fast meanwhile, and changes nothing", async () => {
    const text = feeds.get("/daily-300.ics")!;
    expect(text.length).toBeLessThan(50_000);
    const { syncCalendar } = await lib();
    await pointAt("/daily-300.ics");
    const before = await snapshot();
    const run = await watchingTheLoop(() => syncCalendar(therapist, context));
    console.info(`300 daily events from 2000 (${text.length} bytes): refused in ${run.ms} ms; event loop held at most ${run.maxLagMs} ms; slowest of ${run.healthChecks} health checks ${run.slowestHealthMs} ms`);
    expect(run.maxLagMs).toBeLessThan(500);
    expect(run.slowestHealthMs).toBeLessThan(1000);
    expect(run.healthChecks).toBeGreaterThan(3);
    expect((run.error as { code?: string }).code).toBe("too_complex");
    expect(String(run.error)).toMatch(/too much work to read/);
    expect(run.ms).toBeLessThan(20_000);
    expect(await snapshot()).toEqual(before);
    expect(await lastFailure()).toEqual({ reason: "too_complex", scheduled: false });
    expect((await db.prisma.calendarImport.findUniqueOrThrow({ where: { membershipId: therapist.membershipId } })).lastFailure).toBe("too_complex");
  });

  it("refuses a 5 MB feed of such events within the time budget, the loop staying free", async () => {
    const text = feeds.get("/five-mb.ics")!;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024 - 200);
    expect(text.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    const { syncCalendar } = await lib();
    await pointAt("/five-mb.ics");
    const before = await snapshot();
    const run = await watchingTheLoop(() => syncCalendar(therapist, context));
    console.info(`5 MB feed (${text.length} bytes): refused in ${run.ms} ms; event loop held at most ${run.maxLagMs} ms; slowest of ${run.healthChecks} health checks ${run.slowestHealthMs} ms`);
    expect(run.maxLagMs).toBeLessThan(500);
    expect((run.error as { code?: string }).code).toBe("too_complex");
    expect(run.ms).toBeLessThan(20_000);
    expect(await snapshot()).toEqual(before);
  });

  for (const [what, path] of [
    ["a rule with a huge COUNT", "/huge-count.ics"],
    ["a rule whose steps never land in the window", "/never-lands.ics"],
  ] as const) {
    it(`refuses ${what} as too complex and changes nothing`, async () => {
      const { syncCalendar } = await lib();
      await pointAt(path);
      const before = await snapshot();
      const started = performance.now();
      await expect(syncCalendar(therapist, context)).rejects.toMatchObject({ code: "too_complex", status: 400 });
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(await snapshot()).toEqual(before);
      expect(await lastFailure()).toEqual({ reason: "too_complex", scheduled: false });
    });
  }

  it("stops the worker at the time limit, and at the heap limit", async () => {
    const { syncCalendar } = await lib();
    for (const [path, budget] of [
      ["/daily-300.ics", { timeoutMs: 300 }],
      ["/five-mb.ics", { maxHeapMb: 8 }],
    ] as const) {
      await pointAt(path);
      const before = await snapshot();
      const started = performance.now();
      await expect(syncCalendar(therapist, context, { budget })).rejects.toMatchObject({ code: "too_complex" });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("reads the normal feed again afterwards", async () => {
    const { syncCalendar } = await lib();
    await pointAt("/normal.ics");
    expect(await syncCalendar(therapist, context)).toMatchObject({ added: 0, removed: 0 });
    expect((await db.prisma.calendarImport.findUniqueOrThrow({ where: { membershipId: therapist.membershipId } })).lastFailure).toBeNull();
  });
});

describe("a suspended practice's calendars", () => {
  const suspend = (on: boolean) => db.prisma.practice.update({ where: { id: therapist.practiceId }, data: on ? { suspendedAt: new Date(), suspendedReason: "BILLING" } : { suspendedAt: null, suspendedReason: null } });

  it("answers its private feed with 404 and no events, and serves it again once reactivated", async () => {
    const { enableFeed } = await import("@/lib/schedule/feed");
    const { GET } = await import("@/app/api/calendar/[token]/route");
    const token = await enableFeed(therapist, context);
    const read = async () => {
      const { NextRequest } = await import("next/server");
      const response = await GET(new NextRequest(`http://localhost/api/calendar/${token}.ics`), { params: Promise.resolve({ token: `${token}.ics` }) });
      return { status: response.status, body: await response.text() };
    };
    const reads = async () => (await sql<{ n: number }>(db.database.ownerUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'schedule.feed_read'`))[0]!.n;
    expect((await read()).status).toBe(200);
    const readsBefore = await reads();
    await suspend(true);
    try {
      const refused = await read();
      expect(refused.status).toBe(404);
      expect(refused.body).not.toMatch(/VCALENDAR|VEVENT|Budget/);
      expect(await reads()).toBe(readsBefore);
    } finally {
      await suspend(false);
    }
    const again = await read();
    expect(again.status).toBe(200);
    expect(again.body).toContain("BEGIN:VCALENDAR");
  });

  it("is left out of the scheduled sync while suspended", async () => {
    const { setScheduledSync, syncDueCalendars } = await lib();
    await pointAt("/normal.ics");
    await setScheduledSync(therapist, true, context);
    await db.prisma.calendarImport.update({ where: { membershipId: therapist.membershipId }, data: { lastAttemptAt: new Date(Date.now() - 2 * 3_600_000) } });
    const fetchesBefore = fetches;
    await suspend(true);
    try {
      expect(await syncDueCalendars(60)).toEqual({ due: 0, synced: 0, failed: 0 });
      expect(fetches).toBe(fetchesBefore);
    } finally {
      await suspend(false);
    }
    expect(await syncDueCalendars(60)).toEqual({ due: 1, synced: 1, failed: 0 });
    expect(fetches).toBe(fetchesBefore + 1);
  });
});
