import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createStaffedPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// The schedule against a real database: bookings and series, double-booking refused by the
// application and by the database, access by role and practice, the iCal feed parsed by a real
// iCal library, the note link and the month's billing figures.

const context = { requestId: null, ip: "198.51.100.7", userAgent: "schedule-test" };
const NAME = "Octavia Blenkinsop-Mære";
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let code: string;

const lib = async () => ({
  ...(await import("@/lib/schedule/book")),
  ...(await import("@/lib/schedule/change")),
  ...(await import("@/lib/schedule/list")),
  ...(await import("@/lib/schedule/billing")),
  ...(await import("@/lib/schedule/feed")),
  ...(await import("@/lib/schedule/note-link")),
});

const booking = (over: Record<string, unknown> = {}) => ({
  clientCode: code,
  clinicianId: therapist.membershipId,
  date: "2026-10-14",
  time: "10:00",
  durationMinutes: 50,
  type: "SESSION",
  room: "Room 1",
  fee: "60",
  ...over,
});

beforeAll(async () => {
  ({ owner, therapist, colleague, manager, outsider } = await createStaffedPractice("Schedule"));
  await db.prisma.practiceRoom.createMany({ data: ["Room 1", "Room 2", "Room 3"].map((name) => ({ practiceId: owner.practiceId, name })) });
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(therapist, { label: "Wednesday 10am", identity: { fullName: NAME } }, context)).client.code;
});

describe("booking", () => {
  it("books a weekly series that stays at 10:00 London across the October change", async () => {
    const { bookAppointments } = await lib();
    const { ids, seriesId } = await bookAppointments(therapist, booking({ repeat: "WEEKLY", count: 4 }), context);
    expect(ids).toHaveLength(4);
    const rows = await db.prisma.appointment.findMany({ where: { seriesId: seriesId! }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(["2026-10-14T09:00:00.000Z", "2026-10-21T09:00:00.000Z", "2026-10-28T10:00:00.000Z", "2026-11-04T10:00:00.000Z"]);
    expect(rows.every((r) => r.feePence === 6000 && r.room === "Room 1")).toBe(true);
  });

  it("refuses a double booking of the clinician with a clear message, and records the refusal", async () => {
    const { bookAppointments } = await lib();
    await expect(bookAppointments(therapist, booking({ date: "2026-10-21", time: "10:30", room: null }), context)).rejects.toThrow(
      /THERAPIST t1 is already booked on Wed, 21 Oct 2026, 10:00–10:50/,
    );
    const refused = await sql<{ n: number }>(db.database.ownerUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'appointment.double_booking_refused'`);
    expect(refused[0]!.n).toBe(1);
  });

  it("refuses a room already in use by another clinician", async () => {
    const { bookAppointments } = await lib();
    const { assignClinician } = await import("@/lib/clients/assign-clinician");
    await assignClinician(therapist, code, colleague.membershipId, context);
    await expect(bookAppointments(colleague, booking({ clinicianId: colleague.membershipId, date: "2026-10-28", time: "10:20" }), context)).rejects.toThrow(
      /Room 1 is already booked on Wed, 28 Oct 2026, 10:00–10:50/,
    );
    // Another room at the same time is fine.
    const ok = await bookAppointments(colleague, booking({ clinicianId: colleague.membershipId, date: "2026-10-28", time: "10:20", room: "Room 2" }), context);
    expect(ok.ids).toHaveLength(1);
  });

  it("is refused by the database too, for a write that skips the application", async () => {
    const [a] = await db.prisma.appointment.findMany({ where: { clinicianId: therapist.membershipId }, orderBy: { startsAt: "asc" }, take: 1 });
    await expect(
      sql(db.database.appUrl, `INSERT INTO appointment (id, "practiceId", "clientId", "clinicianId", "startsAt", "endsAt", type, "practiceTypeId", "createdById")
        VALUES (gen_random_uuid(), $1, $2, $3, $4::timestamptz + interval '10 minutes', $5, 'SESSION', $6, $3)`, [a!.practiceId, a!.clientId, a!.clinicianId, a!.startsAt, a!.endsAt, a!.practiceTypeId]),
    ).rejects.toThrow(/appointment_no_clinician_overlap/);
  });

  it("moves one occurrence, then this and the following, keeping local time", async () => {
    const { moveAppointment } = await lib();
    const series = await db.prisma.appointment.findMany({ where: { clinicianId: therapist.membershipId, seriesId: { not: null } }, orderBy: { startsAt: "asc" } });
    await moveAppointment(therapist, series[0]!.id, { date: "2026-10-15", time: "14:00", durationMinutes: 50, room: "Room 1", scope: "ONE" }, context);
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id: series[0]!.id } })).startsAt.toISOString()).toBe("2026-10-15T13:00:00.000Z");
    await moveAppointment(therapist, series[1]!.id, { date: "2026-10-21", time: "11:00", durationMinutes: 50, room: "Room 3", scope: "FOLLOWING" }, context);
    const after = await db.prisma.appointment.findMany({ where: { id: { in: series.slice(1).map((s) => s.id) } }, orderBy: { startsAt: "asc" } });
    expect(after.map((r) => r.startsAt.toISOString())).toEqual(["2026-10-21T10:00:00.000Z", "2026-10-28T11:00:00.000Z", "2026-11-04T11:00:00.000Z"]);
  });

  it("refuses a move onto another booking", async () => {
    const { moveAppointment } = await lib();
    const series = await db.prisma.appointment.findMany({ where: { clinicianId: therapist.membershipId, seriesId: { not: null } }, orderBy: { startsAt: "asc" } });
    await expect(moveAppointment(therapist, series[0]!.id, { date: "2026-10-21", time: "11:15", durationMinutes: 50, scope: "ONE" }, context)).rejects.toThrow(/already booked/);
  });
});

describe("who sees what", () => {
  it("shows a therapist their clients' appointments, owners and managers all, by code only", async () => {
    const { listSchedule } = await lib();
    const q = { view: "week" as const, date: "2026-10-26", clinicianId: null };
    const mine = await listSchedule(therapist, q, "Europe/London");
    expect(mine.length).toBe(2);
    expect((await listSchedule(manager, q, "Europe/London")).length).toBe(2);
    expect((await listSchedule(owner, q, "Europe/London")).length).toBe(2);
    expect(JSON.stringify(mine)).not.toContain("Octavia");
    const { createClient } = await import("@/lib/clients/create-client");
    const { bookAppointments } = await lib();
    const elsewhere = (await createClient(colleague, { label: "Other" }, context)).client.code;
    await bookAppointments(colleague, booking({ clientCode: elsewhere, clinicianId: colleague.membershipId, date: "2026-10-27", room: null }), context);
    expect((await listSchedule(therapist, q, "Europe/London")).length).toBe(2);
    expect((await listSchedule(manager, q, "Europe/London")).length).toBe(3);
    expect(await listSchedule(outsider, q, "Europe/London")).toEqual([]);
  });

  it("gives another practice's member a 404 for an appointment, and a therapist not assigned too", async () => {
    const { cancelAppointment, moveAppointment, bookAppointments } = await lib();
    const [a] = await db.prisma.appointment.findMany({ where: { clientId: (await db.prisma.client.findUniqueOrThrow({ where: { code } })).id }, take: 1 });
    await expect(cancelAppointment(outsider, a!.id, { status: "CANCELLED_BY_PRACTICE" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(moveAppointment(outsider, a!.id, { date: "2026-12-01", time: "09:00", durationMinutes: 50 }, context)).rejects.toMatchObject({ status: 404 });
    await expect(bookAppointments(outsider, booking({ clinicianId: outsider.membershipId }), context)).rejects.toMatchObject({ status: 404 });
    const stranger = await createMember({ practice: therapist.practiceId, role: "THERAPIST", tag: "t3" });
    await expect(cancelAppointment(stranger, a!.id, { status: "CANCELLED_BY_PRACTICE" }, context)).rejects.toMatchObject({ status: 404 });
  });

  it("lets a manager book, but never opens a note for them", async () => {
    const { bookAppointments, appointmentNote } = await lib();
    const { ids } = await bookAppointments(manager, booking({ date: "2026-11-11", room: null }), context);
    await expect(appointmentNote(manager, ids[0]!, null, context)).rejects.toMatchObject({ status: 404 });
    const first = await appointmentNote(therapist, ids[0]!, null, context);
    expect(first.created).toBe(true);
    const again = await appointmentNote(therapist, ids[0]!, null, context);
    expect(again).toMatchObject({ created: false, noteId: first.noteId });
    expect((await db.prisma.note.findUniqueOrThrow({ where: { id: first.noteId } })).sessionDate.toISOString().slice(0, 10)).toBe("2026-11-11");
  });
});

describe("the iCal feed", () => {
  it("is parsed by ical.js: times, code or label and place only; regenerating and revoking stop old links", async () => {
    const { enableFeed, feedCalendar, revokeFeed, bookAppointments } = await lib();
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await bookAppointments(therapist, booking({ date: soon, time: "16:00", room: null, onlineLink: "https://meet.example.org/abc" }), context);
    const token = await enableFeed(therapist, context);
    const text = (await feedCalendar(token, context))!;
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const event = events.find((e) => e.location === "https://meet.example.org/abc")!;
    expect(event.summary).toBe("Session: Wednesday 10am (" + code.replace(/(.{4})(.{4})(.{4})/, "$1-$2-$3") + ")");
    const { zonedToUtc } = await import("@/lib/schedule/time");
    expect(event.startDate.toJSDate().toISOString()).toBe(zonedToUtc(soon, "16:00", "Europe/London").toISOString());
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(50 * 60_000);
    expect(text).not.toContain("Octavia");
    const stored = await sql<{ tokenHash: Buffer }>(db.database.ownerUrl, `SELECT "tokenHash" FROM calendar_feed`);
    expect(stored[0]!.tokenHash.toString("base64url")).not.toBe(token);
    const newer = await enableFeed(therapist, context);
    expect(await feedCalendar(token, context)).toBeNull();
    expect(await feedCalendar(newer, context)).toContain("BEGIN:VCALENDAR");
    await revokeFeed(therapist, context);
    expect(await feedCalendar(newer, context)).toBeNull();
  });
});

describe("billing", () => {
  it("sums the month: held, charged, paid, outstanding, late or missed", async () => {
    const { completeAppointment, cancelAppointment, setPayment, billingSummary } = await lib();
    const oct = await db.prisma.appointment.findMany({ where: { clinicianId: therapist.membershipId, startsAt: { lt: new Date("2026-11-01") } }, orderBy: { startsAt: "asc" } });
    expect(oct).toHaveLength(3);
    await completeAppointment(therapist, oct[0]!.id, { status: "ATTENDED" }, context);
    await setPayment(manager, oct[0]!.id, { paymentState: "PAID" }, context);
    await completeAppointment(therapist, oct[1]!.id, { status: "DID_NOT_ATTEND" }, context);
    await cancelAppointment(therapist, oct[2]!.id, { status: "CANCELLED_LATE" }, context);
    await setPayment(manager, oct[2]!.id, { paymentState: "UNPAID", fee: "30" }, context);
    const practice = await billingSummary(owner, "2026-10", "Europe/London");
    const line = practice.lines.find((l) => l.clinicianId === therapist.membershipId)!;
    expect(line).toMatchObject({ sessionsHeld: 1, chargedPence: 15000, paidPence: 6000, outstandingPence: 9000, lateOrMissedCount: 2, lateOrMissedPence: 9000 });
    const own = await billingSummary(colleague, "2026-10", "Europe/London");
    expect(own.lines.every((l) => l.clinicianId === colleague.membershipId)).toBe(true);
    const events = await sql<{ action: string }>(db.database.ownerUrl, `SELECT action FROM audit_event WHERE action LIKE 'appointment.%' ORDER BY seq`);
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(["appointment.created", "appointment.double_booking_refused", "appointment.moved", "appointment.completed", "appointment.payment_changed", "appointment.cancelled"]));
  });
});
