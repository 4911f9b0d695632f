import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createStaffedPractice, setUpTestDatabase } from "../support/factory";

// The calendar's writes against a real database: the practice's rooms (who keeps them, which a
// booking may name, other practices'), moving by dropping on a slot (same conflicts and access
// as the Move form), and marking past appointments attended in one all-or-nothing step.

const context = { requestId: null, ip: "198.51.100.9", userAgent: "calendar-test" };
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let mine: string;
let theirs: string;

const lib = async () => ({
  ...(await import("@/lib/schedule/rooms")),
  ...(await import("@/lib/schedule/book")),
  ...(await import("@/lib/schedule/move-to-slot")),
  ...(await import("@/lib/schedule/past-scheduled")),
  ...(await import("@/lib/schedule/billing")),
});

const book = async (actor: Actor, clientCode: string, over: Record<string, unknown> = {}) => {
  const { bookAppointments } = await lib();
  const { ids } = await bookAppointments(actor, { clientCode, clinicianId: actor.membershipId, date: "2026-03-04", time: "10:00", durationMinutes: 50, type: "SESSION", fee: "60", ...over }, context);
  return ids[0]!;
};
const audits = async (action: string) => db.prisma.auditEvent.count({ where: { action } });

beforeAll(async () => {
  ({ owner, therapist, colleague, manager, outsider } = await createStaffedPractice("Calendar"));
  const { createClient } = await import("@/lib/clients/create-client");
  mine = (await createClient(therapist, { label: "Mine" }, context)).client.code;
  theirs = (await createClient(colleague, { label: "Theirs" }, context)).client.code;
});

describe("the practice's rooms", () => {
  it("are kept by owners and managers, audited, never by a therapist", async () => {
    const { createRoom, listRooms } = await lib();
    await createRoom(owner, { name: "Garden room" }, context);
    await createRoom(manager, { name: "  Room 2 " }, context);
    await expect(createRoom(therapist, { name: "Room 9" }, context)).rejects.toMatchObject({ status: 403 });
    expect((await listRooms(owner.practiceId)).map((r) => r.name)).toEqual(["Garden room", "Room 2"]);
    expect(await audits("room.created")).toBe(2);
  });

  it("refuses a duplicate name (any case), an empty or over-long one", async () => {
    const { createRoom } = await lib();
    await expect(createRoom(owner, { name: "garden ROOM" }, context)).rejects.toMatchObject({ code: "duplicate_room" });
    await expect(createRoom(owner, { name: "   " }, context)).rejects.toThrow(/Give the room a name/);
    await expect(createRoom(owner, { name: "x".repeat(81) }, context)).rejects.toThrow(/at most 80/);
  });

  it("lets a booking name only a room of its own practice's list; archived rooms are refused, then allowed again", async () => {
    const { createRoom, setRoomArchived, listRooms } = await lib();
    await createRoom(outsider, { name: "Their room" }, context);
    await expect(book(therapist, mine, { room: "Their room" })).rejects.toMatchObject({ code: "unknown_room", status: 400 });
    await expect(book(therapist, mine, { room: "Somewhere else" })).rejects.toMatchObject({ code: "unknown_room" });
    const room2 = (await listRooms(owner.practiceId)).find((r) => r.name === "Room 2")!;
    // Another practice's owner cannot archive it: not found.
    await expect(setRoomArchived(outsider, room2.id, true, context)).rejects.toMatchObject({ status: 404 });
    await setRoomArchived(manager, room2.id, true, context);
    await expect(book(therapist, mine, { date: "2026-03-05", room: "Room 2" })).rejects.toMatchObject({ code: "unknown_room" });
    await setRoomArchived(owner, room2.id, false, context);
    expect(await book(therapist, mine, { date: "2026-03-05", room: "Room 2" })).toMatch(/[0-9a-f-]{36}/);
    expect(await audits("room.archived")).toBe(1);
    expect(await audits("room.restored")).toBe(1);
  });
});

describe("moving by dropping on a slot", () => {
  it("moves one appointment to the slot's London time, keeping its length and room, audited", async () => {
    const { moveToSlot } = await lib();
    const id = await book(therapist, mine, { date: "2026-03-26", time: "09:00", room: "Garden room", durationMinutes: 45 });
    // Across the spring change: 10:30 on Monday 30 March is 09:30 UTC.
    await moveToSlot(therapist, { id, date: "2026-03-30", time: "10:30" }, context);
    const row = await db.prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(row.startsAt.toISOString()).toBe("2026-03-30T09:30:00.000Z");
    expect((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000).toBe(45);
    expect(row.room).toBe("Garden room");
    expect(await db.prisma.auditEvent.count({ where: { action: "appointment.moved", targetId: id } })).toBe(1);
  });

  it("refuses a drop onto the clinician's or the room's other booking, and nothing moves", async () => {
    const { moveToSlot } = await lib();
    const first = await book(therapist, mine, { date: "2026-04-01", time: "10:00", room: null });
    const second = await book(therapist, mine, { date: "2026-04-01", time: "12:00", room: null });
    await expect(moveToSlot(therapist, { id: second, date: "2026-04-01", time: "10:30" }, context)).rejects.toMatchObject({ code: "double_booked", status: 409 });
    const inRoom = await book(colleague, theirs, { date: "2026-04-02", time: "10:00", room: "Garden room" });
    const mineInRoom = await book(therapist, mine, { date: "2026-04-02", time: "14:00", room: "Garden room" });
    await expect(moveToSlot(therapist, { id: mineInRoom, date: "2026-04-02", time: "10:00" }, context)).rejects.toThrow(/Garden room is already booked/);
    const rows = await db.prisma.appointment.findMany({ where: { id: { in: [first, second, inRoom, mineInRoom] } }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(["2026-04-01T09:00:00.000Z", "2026-04-01T11:00:00.000Z", "2026-04-02T09:00:00.000Z", "2026-04-02T13:00:00.000Z"]);
  });

  it("gives a 404 for another practice's appointment and for a therapist not assigned to the client", async () => {
    const { moveToSlot } = await lib();
    const id = await book(colleague, theirs, { date: "2026-04-03", time: "10:00" });
    await expect(moveToSlot(outsider, { id, date: "2026-04-03", time: "11:00" }, context)).rejects.toMatchObject({ status: 404 });
    await expect(moveToSlot(therapist, { id, date: "2026-04-03", time: "11:00" }, context)).rejects.toMatchObject({ status: 404 });
    // The practice manager may.
    await moveToSlot(manager, { id, date: "2026-04-03", time: "11:00" }, context);
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id } })).startsAt.toISOString()).toBe("2026-04-03T10:00:00.000Z");
  });

  it("refuses a malformed slot before touching anything", async () => {
    const { moveToSlot } = await lib();
    await expect(moveToSlot(therapist, { id: "not-an-id", date: "2026-04-03", time: "11:00" }, context)).rejects.toThrow();
    await expect(moveToSlot(therapist, { id: crypto.randomUUID(), date: "2026-13-40", time: "25:00" }, context)).rejects.toThrow();
  });
});

describe("marking past appointments attended", () => {
  let past: string[];
  let colleagues: string;
  let future: string;
  beforeAll(async () => {
    past = [await book(therapist, mine, { date: "2026-01-12", time: "09:00" }), await book(therapist, mine, { date: "2026-01-13", time: "09:00" }), await book(therapist, mine, { date: "2026-01-14", time: "09:00" })];
    colleagues = await book(colleague, theirs, { date: "2026-01-12", time: "09:00" });
    future = await book(therapist, mine, { date: "2099-01-14", time: "09:00" });
  });

  it("lists only the caller's ended, still-scheduled appointments", async () => {
    const { pastScheduled } = await lib();
    const now = new Date("2026-02-01T00:00:00Z");
    const forTherapist = (await pastScheduled(therapist, now)).rows.map((r) => r.id);
    expect(forTherapist).toEqual(expect.arrayContaining(past));
    expect(forTherapist).not.toContain(colleagues);
    expect(forTherapist).not.toContain(future);
    expect((await pastScheduled(owner, now)).rows.map((r) => r.id)).toContain(colleagues);
    expect((await pastScheduled(outsider, now)).total).toBe(0);
  });

  it("refuses the whole request when one id is another therapist's, another practice's or still to come; nothing changes", async () => {
    const { markPastAttended } = await lib();
    const before = await audits("appointment.completed");
    await expect(markPastAttended(therapist, { ids: [past[0]!, colleagues] }, context)).rejects.toMatchObject({ code: "not_past_scheduled", status: 409 });
    await expect(markPastAttended(outsider, { ids: [past[0]!] }, context)).rejects.toMatchObject({ code: "not_past_scheduled" });
    await expect(markPastAttended(therapist, { ids: [past[0]!, future] }, context)).rejects.toThrow(/1 of the 2 chosen appointment is not/);
    await expect(markPastAttended(therapist, { ids: [] }, context)).rejects.toThrow(/Choose at least one/);
    await expect(markPastAttended(therapist, { ids: Array.from({ length: 201 }, () => crypto.randomUUID()) }, context)).rejects.toThrow(/at most 200/);
    const rows = await db.prisma.appointment.findMany({ where: { id: { in: [...past, colleagues, future] } } });
    expect(rows.every((r) => r.status === "SCHEDULED")).toBe(true);
    expect(await audits("appointment.completed")).toBe(before);
  });

  it("marks the chosen ones attended, one audit event each, and the month's billing charges their fees", async () => {
    const { markPastAttended, billingSummary } = await lib();
    const before = await billingSummary(owner, "2026-01", "Europe/London");
    expect(before.total.chargedPence).toBe(0);
    const { count } = await markPastAttended(therapist, { ids: [past[0]!, past[1]!, past[0]!] }, context);
    expect(count).toBe(2);
    const events = await db.prisma.auditEvent.findMany({ where: { action: "appointment.completed", targetId: { in: past } } });
    expect(events.map((e) => e.targetId).sort()).toEqual([past[0]!, past[1]!].sort());
    for (const e of events) expect(e.details).toEqual({ client: mine, from: "SCHEDULED", status: "ATTENDED" });
    const after = await billingSummary(owner, "2026-01", "Europe/London");
    expect(after.total.chargedPence).toBe(12_000);
    expect(after.total.sessionsHeld).toBe(2);
    // Already attended now: asking again is refused, and the third stays to be recorded.
    await expect(markPastAttended(therapist, { ids: [past[0]!] }, context)).rejects.toMatchObject({ code: "not_past_scheduled" });
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id: past[2]! } })).status).toBe("SCHEDULED");
  });
});
