import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Calendar import (iCal in) against a real database and a local feed server: connecting, syncing
// (decisions survive, booked events untouched), matching names through the vault, booking an
// event through the schedule's rules, busy blocks, disconnecting, and bad feeds changing nothing.

const context = { requestId: null, ip: "203.0.113.9", userAgent: "calendar-import-test" };
const NAME = "Philippa Quennell-Oyelaran";
const SECRET_PATH = `/private-${randomBytes(8).toString("hex")}/basic.ics`;
const db = setUpTestDatabase();
let therapist: Actor;
let colleague: Actor;
let code: string;
let server: Server;
let base: string;
let feed = "";
const day = (offset: number, hour: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
};
const cal = (...events: string[][]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events.flatMap((e) => ["BEGIN:VEVENT", "DTSTAMP:20261101T000000Z", ...e, "END:VEVENT"]), "END:VCALENDAR"].join("\r\n");

const lib = async () => ({
  ...(await import("@/lib/calendar-import/sync")),
  ...(await import("@/lib/calendar-import/decide")),
  ...(await import("@/lib/calendar-import/view")),
  ...(await import("@/lib/schedule/book")),
});
const url = (path: string) => `${base}${path}`;
const snapshot = async () => ({
  events: await sql(db.database.ownerUrl, `SELECT id, state, "startsAt", "summaryEnc" FROM imported_event ORDER BY id`),
  calendars: await sql(db.database.ownerUrl, `SELECT "membershipId", "urlEnc", "lastSyncedAt", scheduled FROM calendar_import ORDER BY "membershipId"`),
});

beforeAll(async () => {
  process.env.CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS = "true";
  const practice = await createPractice({ name: "Cal" });
  therapist = await createMember({ practice, role: "THERAPIST", tag: "t1" });
  colleague = await createMember({ practice, role: "THERAPIST", tag: "t2" });
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(therapist, { label: "Tuesdays", identity: { fullName: NAME } }, context)).client.code;
  await createClient(therapist, { label: "Other", identity: { fullName: "Bartholomew Ekwueme" } }, context);
  server = createServer((req, res) => {
    const path = req.url ?? "";
    if (path === SECRET_PATH) return res.writeHead(200, { "content-type": "text/calendar" }).end(feed);
    if (path === "/missing.ics") return res.writeHead(404).end("not found");
    if (path === "/html.ics") return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign in to see this calendar</body></html>");
    if (path === "/huge.ics") {
      res.writeHead(200, { "content-type": "text/calendar" });
      const chunk = Buffer.alloc(1024 * 1024, "X");
      let sent = 0;
      const pump = () => {
        while (sent < 8 && res.write(chunk)) sent++;
        if (sent >= 8) res.end();
        else res.once("drain", pump);
      };
      return pump();
    }
    if (path === "/slow.ics") return void setTimeout(() => res.writeHead(200).end(feed), 3000);
    if (path === "/to-metadata.ics") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (path === "/loop.ics") return res.writeHead(302, { location: "/loop.ics" }).end();
    if (path === "/moved.ics") return res.writeHead(301, { location: SECRET_PATH }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
});

const goodFeed = () =>
  cal(
    ["UID:one@ext", `DTSTART:${day(2, 9)}`, `DTEND:${day(2, 10)}`, "SUMMARY:Philippa – first session", "DESCRIPTION:Phone 07700 900123", "LOCATION:Somewhere"],
    ["UID:two@ext", `DTSTART:${day(3, 14)}`, `DTEND:${day(3, 15)}`, "SUMMARY:Dentist"],
    ["UID:weekly@ext", `DTSTART:${day(1, 16)}`, "DURATION:PT30M", "RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:Supervision group"],
  );

describe("connecting and syncing", () => {
  it("connects through a redirect, keeps only times and an encrypted summary, and shows the host only", async () => {
    feed = goodFeed();
    const { connectCalendar, calendarStatus, importedEvents } = await lib();
    const counts = await connectCalendar(therapist, { url: url("/moved.ics") }, context);
    expect(counts.added).toBe(6);
    const status = await calendarStatus(therapist);
    expect(status?.host).toBe("127.0.0.1");
    const stored = JSON.stringify(await sql(db.database.ownerUrl, `SELECT * FROM calendar_import`)) + JSON.stringify(await sql(db.database.ownerUrl, `SELECT * FROM imported_event`));
    for (const leak of ["private-", "Philippa", "Dentist", "07700", "Somewhere", "one@ext"]) expect(stored).not.toContain(leak);
    const events = await importedEvents(therapist, context);
    expect(events.map((e) => e.summary)).toContain("Dentist");
    expect(events.filter((e) => e.summary === "Supervision group")).toHaveLength(4);
  });

  it("suggests the client whose vault name is in the summary (by code), and records it with counts only", async () => {
    const { importedEvents } = await lib();
    const events = await importedEvents(therapist, context);
    expect(events.find((e) => e.summary.startsWith("Philippa"))!.suggested).toEqual([code]);
    expect(events.find((e) => e.summary === "Dentist")!.suggested).toEqual([]);
    const [audit] = await sql<{ details: Record<string, unknown> }>(db.database.ownerUrl, `SELECT details FROM audit_event WHERE action = 'calendar.names_matched' ORDER BY seq DESC LIMIT 1`);
    expect(audit!.details).toEqual({ events: 6, matched: 1, clients: 2 });
    // A colleague's caseload does not include this client: no suggestion for them.
    expect(await importedEvents(colleague, context)).toEqual([]);
  });

  it("books an event for the matched client through the schedule, keeps one busy, and refuses a booking over the busy block", async () => {
    const { importedEvents, bookEvent, keepEventBusy, dismissEvent } = await lib();
    const events = await importedEvents(therapist, context);
    const first = events.find((e) => e.summary.startsWith("Philippa"))!;
    const dentist = events.find((e) => e.summary === "Dentist")!;
    const booked = await bookEvent(therapist, first.id, { clientCode: code, type: "SESSION", fee: "60" }, context);
    const appointment = await db.prisma.appointment.findUniqueOrThrow({ where: { id: booked.ids[0]! } });
    expect([appointment.startsAt, appointment.endsAt]).toEqual([first.startsAt, first.endsAt]);
    await expect(bookEvent(therapist, first.id, { clientCode: code, type: "SESSION" }, context)).rejects.toThrow(/already been booked/);
    await keepEventBusy(therapist, dentist.id, context);
    const { toLocal } = await import("@/lib/schedule/time");
    const local = toLocal(dentist.startsAt, "Europe/London");
    const { bookAppointments } = await lib();
    await expect(
      bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date: local.date, time: local.time, durationMinutes: 50, type: "SESSION", fee: "0" }, context),
    ).rejects.toThrow(/is busy on .*connected calendar/);
    const weekly = events.filter((e) => e.summary === "Supervision group");
    await dismissEvent(therapist, weekly[0]!.id, context);
    // A mis-click can be undone: dismissed, then brought back to decide.
    const { restoreEvent } = await import("@/lib/calendar-import/decide");
    await dismissEvent(therapist, weekly[1]!.id, context);
    await restoreEvent(therapist, weekly[1]!.id, context);
    expect((await db.prisma.importedEvent.findUniqueOrThrow({ where: { id: weekly[1]!.id } })).state).toBe("PENDING");
    await expect(restoreEvent(therapist, weekly[1]!.id, context)).rejects.toThrow(/already been booked or changed/);
    // Another clinician cannot touch these events.
    await expect(keepEventBusy(colleague, weekly[1]!.id, context)).rejects.toThrow(/could not be found/);
  });

  it("re-syncs: decisions survive by UID, removed events go, booked ones are untouched", async () => {
    feed = cal(
      ["UID:one@ext", `DTSTART:${day(2, 11)}`, `DTEND:${day(2, 12)}`, "SUMMARY:Philippa (moved in the feed)"],
      ["UID:two@ext", `DTSTART:${day(3, 15)}`, `DTEND:${day(3, 16)}`, "SUMMARY:Dentist"],
      ["UID:weekly@ext", `DTSTART:${day(1, 16)}`, "DURATION:PT30M", "RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:Supervision group"],
      ["UID:new@ext", `DTSTART:${day(5, 9)}`, `DTEND:${day(5, 10)}`, "SUMMARY:New enquiry"],
    );
    const { syncCalendar, importedEvents } = await lib();
    const counts = await syncCalendar(therapist, context);
    expect(counts).toEqual({ added: 1, updated: 1, removed: 0, kept: 1 });
    const events = await importedEvents(therapist, context);
    const byState = (s: string) => events.filter((e) => e.state === s).map((e) => e.summary).sort();
    expect(byState("BUSY")).toEqual(["Dentist"]);
    expect(byState("BOOKED")).toEqual(["Philippa – first session"]);
    expect(byState("DISMISSED")).toEqual(["Supervision group"]);
    expect(events.find((e) => e.summary === "Dentist")!.startsAt.getUTCHours()).toBe(15);
    feed = cal(["UID:two@ext", `DTSTART:${day(3, 15)}`, `DTEND:${day(3, 16)}`, "SUMMARY:Dentist"]);
    expect(await syncCalendar(therapist, context)).toEqual({ added: 0, updated: 0, removed: 5, kept: 0 });
    expect((await importedEvents(therapist, context)).map((e) => e.state).sort()).toEqual(["BOOKED", "BUSY"]);
  });
});

describe("bad feeds change nothing", () => {
  const cases: [string, string, RegExp][] = [
    ["404", "/missing.ics", /refused the request/],
    ["not iCal", "/html.ics", /did not return an iCalendar/],
    ["oversize", "/huge.ics", /too large/],
    ["too many redirects", "/loop.ics", /redirected too many times/],
    ["unreachable", "http://127.0.0.1:1/x.ics", /could not be reached/],
  ];
  for (const [what, path, message] of cases) {
    it(`refuses a ${what} feed with a clear message, records the reason and changes nothing`, async () => {
      const { syncCalendar } = await lib();
      await db.prisma.calendarImport.update({ where: { membershipId: therapist.membershipId }, data: { urlEnc: (await import("@/lib/calendar-import/sealed")).sealUrl(therapist.membershipId, path.startsWith("http") ? path : url(path)) } });
      const before = await snapshot();
      await expect(syncCalendar(therapist, context)).rejects.toThrow(message);
      expect(await snapshot()).toEqual(before);
      const [audit] = await sql<{ outcome: string; details: Record<string, unknown> }>(db.database.ownerUrl, `SELECT outcome, details FROM audit_event WHERE action = 'calendar.sync_failed' ORDER BY seq DESC LIMIT 1`);
      expect(audit!.outcome).toBe("FAILED");
      expect(JSON.stringify(audit!.details)).not.toMatch(/127\.0\.0\.1|ics/);
    });
  }

  it("times out a slow feed", async () => {
    const { connectCalendar } = await lib();
    await expect(connectCalendar(colleague, { url: url("/slow.ics") }, context, { limits: { timeoutMs: 500 } })).rejects.toThrow(/took too long/);
    expect(await db.prisma.calendarImport.count({ where: { membershipId: colleague.membershipId } })).toBe(0);
  });

  it("refuses a redirect to a link-local (metadata) address, and private hosts when not allowed", async () => {
    const { connectCalendar } = await lib();
    const { isPrivateAddress } = await import("@/lib/calendar-import/address");
    // Only the test server's own address is allowed here, so the redirect's target is checked.
    const onlyLocal = { limits: { addressAllowed: (a: string) => a === "127.0.0.1" || !isPrivateAddress(a) } };
    await expect(connectCalendar(colleague, { url: url("/to-metadata.ics") }, context, onlyLocal)).rejects.toThrow(/private network/);
    const { resetConfigForTests } = await import("@/lib/config");
    process.env.CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS = "false";
    resetConfigForTests();
    try {
      await expect(connectCalendar(colleague, { url: url(SECRET_PATH) }, context)).rejects.toThrow(/private network/);
      await expect(connectCalendar(colleague, { url: "http://localhost:9/x.ics" }, context)).rejects.toThrow(/private network/);
    } finally {
      process.env.CALENDAR_IMPORT_ALLOW_PRIVATE_HOSTS = "true";
      resetConfigForTests();
    }
    expect(await db.prisma.calendarImport.count({ where: { membershipId: colleague.membershipId } })).toBe(0);
  });
});

describe("scheduled sync and disconnecting", () => {
  it("syncs only switched-on calendars not tried recently", async () => {
    const { setScheduledSync, syncDueCalendars } = await lib();
    const { sealUrl } = await import("@/lib/calendar-import/sealed");
    feed = goodFeed();
    await db.prisma.calendarImport.update({ where: { membershipId: therapist.membershipId }, data: { urlEnc: sealUrl(therapist.membershipId, url(SECRET_PATH)), lastAttemptAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect(await syncDueCalendars(60)).toEqual({ due: 0, synced: 0, failed: 0 });
    await setScheduledSync(therapist, true, context);
    expect(await syncDueCalendars(60)).toEqual({ due: 1, synced: 1, failed: 0 });
    expect(await syncDueCalendars(60)).toEqual({ due: 0, synced: 0, failed: 0 });
    const [audit] = await sql<{ actorType: string; details: Record<string, unknown> }>(db.database.ownerUrl, `SELECT "actorType", details FROM audit_event WHERE action = 'calendar.synced' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ actorType: "SYSTEM", details: { scheduled: true } });
  });

  it("disconnecting deletes the address and events; the appointment booked from an event stays", async () => {
    const { disconnectCalendar } = await lib();
    const appointments = await db.prisma.appointment.count({ where: { clinicianId: therapist.membershipId } });
    await disconnectCalendar(therapist, context);
    expect(await db.prisma.calendarImport.count()).toBe(0);
    expect(await db.prisma.importedEvent.count()).toBe(0);
    expect(await db.prisma.appointment.count({ where: { clinicianId: therapist.membershipId } })).toBe(appointments);
    const actions = await sql<{ action: string }>(db.database.ownerUrl, `SELECT DISTINCT action FROM audit_event WHERE action LIKE 'calendar.%' ORDER BY action`);
    expect(actions.map((a) => a.action)).toEqual([
      "calendar.connected", "calendar.disconnected", "calendar.event_booked", "calendar.event_dismissed", "calendar.event_kept_busy",
      "calendar.event_restored", "calendar.names_matched", "calendar.schedule_changed", "calendar.sync_failed", "calendar.synced",
    ]);
    const all = JSON.stringify(await sql(db.database.ownerUrl, `SELECT * FROM audit_event`));
    for (const leak of ["private-", "Philippa", "Dentist", NAME]) expect(all).not.toContain(leak);
  });
});
