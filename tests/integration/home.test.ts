import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { toLocal } from "@/lib/schedule/time";
import { createStaffedPractice, setUpTestDatabase } from "../support/factory";

// The home page's data against a real database: the last-looked marker, a clinician's day with
// its note actions, the practice's day for owners and managers, open requests, and what changed
// since the last look, each scoped to what the member may see.

const context = { requestId: null, ip: "198.51.100.31", userAgent: "home-test" };
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let code: string;
let clientId: string;
let today: string;

const lib = async () => ({
  ...(await import("@/lib/home/marker")),
  ...(await import("@/lib/home/today")),
  ...(await import("@/lib/schedule/book")),
  ...(await import("@/lib/schedule/note-link")),
});

beforeAll(async () => {
  ({ owner, therapist, colleague, manager, outsider } = await createStaffedPractice("Home"));
  const { createClient } = await import("@/lib/clients/create-client");
  const client = (await createClient(therapist, { label: "Monday 9am" }, context)).client;
  ({ code, id: clientId } = client);
  // Appointments name one of the practice's rooms (lib/schedule/rooms.ts).
  const { createRoom } = await import("@/lib/schedule/rooms");
  await createRoom(owner, { name: "Garden room" }, context);
  const { timeZone } = await db.prisma.practice.findUniqueOrThrow({ where: { id: therapist.practiceId } });
  today = toLocal(new Date(), timeZone).date;
});

describe("the last-looked marker", () => {
  it("answers null on the first look, then the time of the one before; two looks at once each get an earlier time", async () => {
    const { takeHomeMarker } = await lib();
    const t1 = new Date(Date.now() - 60_000);
    expect(await takeHomeMarker(colleague, t1)).toBeNull();
    const t2 = new Date();
    expect(await takeHomeMarker(colleague, t2)).toEqual(t1);
    const [a, b] = await Promise.all([takeHomeMarker(colleague, new Date(t2.getTime() + 1000)), takeHomeMarker(colleague, new Date(t2.getTime() + 2000))]);
    expect([a, b].every((d) => d !== null && d.getTime() < t2.getTime() + 2000)).toBe(true);
    const row = await db.prisma.homeMarker.findUniqueOrThrow({ where: { membershipId: colleague.membershipId } });
    expect(row).toMatchObject({ practiceId: colleague.practiceId, lookedAt: new Date(t2.getTime() + 2000) });
  });
});

describe("the day", () => {
  it("shows the clinician today's appointment with a start-note action, then its note once started", async () => {
    const { bookAppointments, myDay, appointmentNote } = await lib();
    const { ids } = await bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date: today, time: "12:00", durationMinutes: 50, type: "SESSION", room: "Garden room" }, context);
    const before = await myDay(therapist);
    const row = before.todays.find((a) => a.id === ids[0]);
    expect(row).toMatchObject({ clientCode: code, clientLabel: "Monday 9am", start: "12:00", end: "12:50", place: "Garden room", noteId: null, mayWriteNotes: true });
    const { noteId } = await appointmentNote(therapist, ids[0]!, null, context);
    expect((await myDay(therapist)).todays.find((a) => a.id === ids[0])?.noteId).toBe(noteId);
  });

  it("lists the next appointments after today, scheduled ones only", async () => {
    const { bookAppointments, myDay } = await lib();
    const { addDays } = await import("@/lib/schedule/time");
    const { ids } = await bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date: addDays(today, 2), time: "09:00", durationMinutes: 50, type: "SESSION" }, context);
    const day = await myDay(therapist);
    expect(day.next.map((a) => a.id)).toContain(ids[0]);
    expect(day.todays.map((a) => a.id)).not.toContain(ids[0]);
  });

  it("shows owners and managers the practice's day, but no note action or note id unless assigned; nothing to another practice", async () => {
    const { practiceDay, myDay } = await lib();
    for (const actor of [owner, manager]) {
      const day = await practiceDay(actor);
      const row = day.appointments.find((a) => a.clientCode === code && a.start === "12:00");
      expect(row, actor.role).toMatchObject({ mayWriteNotes: false, noteId: null, clinicianName: expect.any(String) });
    }
    expect((await practiceDay(outsider)).appointments).toHaveLength(0);
    expect((await myDay(colleague)).todays).toHaveLength(0);
  });

  it("counts past appointments still marked scheduled as overdue for the practice", async () => {
    const { bookAppointments, practiceDay } = await lib();
    const { addDays } = await import("@/lib/schedule/time");
    const before = (await practiceDay(owner)).unrecorded;
    await bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date: addDays(today, -3), time: "09:00", durationMinutes: 50, type: "SESSION" }, context);
    expect((await practiceDay(owner)).unrecorded).toBe(before + 1);
    expect((await practiceDay(outsider)).unrecorded).toBe(0);
  });
});

describe("what changed since the last look", () => {
  it("shows a shared reflection to the assigned clinician only, and only when shared after the marker", async () => {
    const { changesFor } = await lib();
    const since = new Date(Date.now() - 60_000);
    await db.prisma.reflection.create({ data: { clientId, bodyEnc: new Uint8Array(randomBytes(32)), sharedAt: new Date() } });
    await db.prisma.reflection.create({ data: { clientId, bodyEnc: new Uint8Array(randomBytes(32)), sharedAt: new Date(Date.now() - 3_600_000) } });
    await db.prisma.reflection.create({ data: { clientId, bodyEnc: new Uint8Array(randomBytes(32)), sharedAt: null } });
    const mine = (await changesFor(therapist, since)).changes.filter((c) => c.kind === "reflection");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ clientCode: code, clientLabel: "Monday 9am" });
    for (const actor of [owner, colleague, manager, outsider]) {
      expect((await changesFor(actor, since)).changes.filter((c) => c.kind === "reflection"), actor.role).toHaveLength(0);
    }
  });

  it("shows a questionnaire the client completed in the portal to the assigned clinician only, with the measure's name and no score, only when completed after the marker", async () => {
    const { changesFor } = await lib();
    const { createClient } = await import("@/lib/clients/create-client");
    const since = new Date(Date.now() - 60_000);
    const response = (clientId: string, practiceId: string, measure: string, completedAt: Date | null, recordedById: string | null = null) =>
      db.prisma.measureResponse.create({ data: { practiceId, clientId, measure, answersEnc: new Uint8Array(randomBytes(32)), answered: 9, score: 17, completedAt, recordedById } });
    await response(clientId, therapist.practiceId, "PHQ9", new Date());
    await response(clientId, therapist.practiceId, "GAD7", new Date(Date.now() - 3_600_000)); // before the marker
    await response(clientId, therapist.practiceId, "CORE10", null); // still pending
    await response(clientId, therapist.practiceId, "GAD7", new Date(), therapist.membershipId); // recorded in session by the clinician
    const unassigned = (await createClient(colleague, { label: "Not yours" }, context)).client;
    await response(unassigned.id, colleague.practiceId, "CORE10", new Date());
    const elsewhere = (await createClient(outsider, { label: "Elsewhere" }, context)).client;
    await response(elsewhere.id, outsider.practiceId, "PHQ9", new Date());

    const mine = (await changesFor(therapist, since)).changes.filter((c) => c.kind === "measure_completed");
    expect(mine).toEqual([expect.objectContaining({ clientCode: code, clientLabel: "Monday 9am", measure: "PHQ-9" })]);
    expect(JSON.stringify(mine)).not.toContain("17");
    expect((await changesFor(colleague, since)).changes.filter((c) => c.kind === "measure_completed")).toEqual([expect.objectContaining({ clientCode: unassigned.code, measure: "CORE-10" })]);
    for (const actor of [owner, manager]) {
      expect((await changesFor(actor, since)).changes.filter((c) => c.kind === "measure_completed"), actor.role).toHaveLength(0);
    }
    expect((await changesFor(outsider, since)).changes.filter((c) => c.kind === "measure_completed").map((c) => c.clientCode)).toEqual([elsewhere.code]);
  });

  it("shows a request assigned to the member while it is open, and to no one else", async () => {
    const { changesFor, openRequests } = await lib();
    const { assignRequest } = await import("@/lib/requests/assign-request");
    const since = new Date(Date.now() - 60_000);
    const request = await db.prisma.dataRequest.create({
      data: { practiceId: owner.practiceId, clientId, clientCode: code, kind: "ACCESS", clockStartedAt: new Date(), dueOn: new Date("2020-01-31") },
    });
    await assignRequest(owner, request.id, { membershipId: therapist.membershipId }, context);
    expect((await changesFor(therapist, since)).changes).toContainEqual(expect.objectContaining({ kind: "request_assigned", requestId: request.id, clientCode: code }));
    for (const actor of [owner, colleague, manager, outsider]) {
      expect((await changesFor(actor, since)).changes.some((c) => c.kind === "request_assigned"), actor.role).toBe(false);
    }
    expect(await openRequests(owner, today)).toContainEqual(expect.objectContaining({ id: request.id, overdue: true, assigned: true }));
    expect(await openRequests(manager, today)).toEqual([]);
    expect(await openRequests(outsider, today)).toEqual([]);
    await db.prisma.dataRequest.update({ where: { id: request.id }, data: { status: "COMPLETED", closedAt: new Date() } });
    expect((await changesFor(therapist, since)).changes.some((c) => c.kind === "request_assigned")).toBe(false);
  });
});
