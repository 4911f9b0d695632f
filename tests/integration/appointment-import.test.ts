import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { generateClientCode } from "@/lib/clients/code";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// CSV import of appointments against a real database: the preview's counts and every kind of
// row error, all-or-nothing commits, who may import whose appointments, the spring clock change,
// double-booking against the schedule and within the file, and one audit event with counts.

const context = { requestId: null, ip: "198.51.100.9", userAgent: "appointment-import-test" };
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let mine: string; // a client of the therapist
let theirs: string; // a client of the colleague only
const HEADER = "client_code,clinician_email,date,time,duration_minutes,type,room,online_link,status,fee,payment";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

let emails: Record<string, string>;

const lib = () => import("@/lib/transfer/import-appointments");
const count = () => db.prisma.appointment.count();

beforeAll(async () => {
  const practice = await createPractice({ name: "Import" });
  const o = await createMember({ practice, role: "OWNER", tag: "owner" });
  const t = await createMember({ practice, role: "THERAPIST", tag: "t1" });
  const c = await createMember({ practice, role: "THERAPIST", tag: "t2" });
  manager = await createMember({ practice, role: "MANAGER", tag: "m" });
  [owner, therapist, colleague] = [o, t, c];
  emails = { owner: o.email, therapist: t.email, colleague: c.email };
  const { createClient } = await import("@/lib/clients/create-client");
  mine = (await createClient(therapist, { label: "Mine" }, context)).client.code;
  theirs = (await createClient(colleague, { label: "Theirs" }, context)).client.code;
  const { createAppointmentType, setAppointmentTypeArchived } = await import("@/lib/schedule/manage-types");
  await createAppointmentType(owner, { name: "Couples session", category: "SESSION", durationMinutes: 80, fee: "95" }, context);
  const old = await createAppointmentType(owner, { name: "Old group", category: "SESSION", durationMinutes: 90, fee: "" }, context);
  await setAppointmentTypeArchived(owner, old.id, true, context);
  // Already booked: the therapist, Room 1, Wed 14 Oct 2026 10:00–10:50 London.
  const { bookAppointments } = await import("@/lib/schedule/book");
  // The practice's rooms: Room 1 and Room 3 in use, Room 2 archived (past appointments may name it).
  await db.prisma.practiceRoom.createMany({ data: [{ practiceId: owner.practiceId, name: "Room 1" }, { practiceId: owner.practiceId, name: "Room 3" }, { practiceId: owner.practiceId, name: "Room 2", archivedAt: new Date() }] });
  await bookAppointments(therapist, { clientCode: mine, clinicianId: therapist.membershipId, date: "2026-10-14", time: "10:00", type: "SESSION", room: "Room 1" }, context);
});

describe("appointment CSV import", () => {
  it("previews a clean file with counts and writes nothing", async () => {
    const { previewAppointmentImport } = await lib();
    const before = await count();
    const preview = await previewAppointmentImport(owner, csv(`${mine},${emails.therapist},2026-10-15,10:00,,Couples session,,,,,`, `${theirs},${emails.colleague},2026-10-16,11:00,50,session,Room 2,,attended,60,paid`));
    expect(preview).toEqual({ rows: 2, valid: 2, clients: 2, clinicians: 2, from: "2026-10-15", to: "2026-10-16", errors: [] });
    expect(await count()).toBe(before);
  });

  it("reports every kind of problem by row and column, and imports nothing", async () => {
    const { previewAppointmentImport, commitAppointmentImport } = await lib();
    const before = await count();
    const file = csv(
      `${mine},${emails.therapist},2026-10-20,09:00,,Session,Room 3,,,,`, // 2: fine on its own
      `${generateClientCode()},${emails.therapist},2026-10-20,11:00,,Session,,,,,`, // 3: a code no client here has
      `${theirs},${emails.therapist},2026-10-20,12:00,,Session,,,,,`, // 4: not on that caseload
      `${mine},nobody@import.test,2026-10-20,13:00,,Session,,,,,`, // 5: unknown clinician
      `${mine},${emails.therapist},2026-10-20,14:00,,Massage,,,,,`, // 6: unknown type
      `${mine},${emails.therapist},2026-10-20,15:00,,old GROUP,,,,,`, // 7: archived type
      `${mine},${emails.therapist},2026-03-29,01:15,,Session,,,,,`, // 8: skipped by the spring change
      `${mine},${emails.therapist},2026-10-14,10:30,,Session,,,,,`, // 9: the therapist is booked
      `${theirs},${emails.colleague},2026-10-14,10:20,,Session,Room 1,,,,`, // 10: Room 1 is booked
      `${mine},${emails.therapist},2026-10-20,09:30,,Session,,,,,`, // 11: overlaps row 2
      `${theirs},${emails.colleague},2026-10-20,09:40,,Session,Room 3,,,,`, // 12: Room 3 in row 2
      `${mine},${emails.therapist},2026-10-21,09:00,,Session,Room 3,https://meet.example/a,,,`, // 13: room and link
      `${mine},${emails.therapist},2026-10-14,10:30,,Session,,,cancelled by client,,`, // 14: cancelled: frees the time, fine
      `${mine},${emails.therapist},2026-10-23,09:00,,Session,Broom cupboard,,,,`, // 15: a room not on the list
      `${mine},${emails.therapist},2026-10-23,11:00,,Session,room 2,,,,`, // 16: an archived room, for a booking to come
    );
    const preview = await previewAppointmentImport(owner, file);
    expect(preview.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "client_code"],
      [4, "client_code"],
      [5, "clinician_email"],
      [6, "type"],
      [7, "type"],
      [8, "time"],
      [9, "time"],
      [10, "room"],
      [11, "time"],
      [12, "room"],
      [13, "room"],
      [15, "room"],
      [16, "room"],
    ]);
    const message = (row: number) => preview.errors.find((e) => e.row === row)!.message;
    expect(message(3)).toBe("No client of this practice has this code.");
    expect(message(4)).toMatch(/not on that clinician's caseload/);
    expect(message(5)).toMatch(/No clinician .* signs in with that email/);
    expect(message(6)).toMatch(/No appointment type is called that. Use one of: Assessment, Session, Review, Supervision, Couples session/);
    expect(message(7)).toMatch(/Old group is archived/);
    expect(message(8)).toMatch(/01:15 does not exist on 2026-03-29/);
    expect(message(9)).toMatch(/THERAPIST t1 is already booked on Wed, 14 Oct 2026, 10:00–10:50/);
    expect(message(10)).toMatch(/Room 1 is already booked on Wed, 14 Oct 2026, 10:00–10:50/);
    expect(message(11)).toBe("Overlaps row 2, another appointment of THERAPIST t1 at that time.");
    expect(message(12)).toBe("Room 3 is also booked at that time in row 2.");
    expect(message(13)).toBe("Give a room or an online link, not both.");
    expect(message(15)).toBe("This room is not on the practice's list: an owner or practice manager can add it under Schedule > Rooms first, or leave the room empty. Use one of: Room 1, Room 3.");
    expect(message(16)).toBe("Room 2 is archived and cannot be booked. Use one of: Room 1, Room 3.");
    expect(preview.valid).toBe(2);

    const result = await commitAppointmentImport(owner, file, context);
    expect(result).toMatchObject({ ok: false, rows: 15 });
    expect(await count()).toBe(before);
    expect(await db.prisma.auditEvent.count({ where: { action: "appointment.imported" } })).toBe(0);
  });

  it("lets a therapist import only their own appointments, and no manager", async () => {
    const { previewAppointmentImport } = await lib();
    const preview = await previewAppointmentImport(therapist, csv(`${mine},,2026-10-22,09:00,,Session,,,,,`, `${theirs},${emails.colleague},2026-10-22,10:00,,Session,,,,,`));
    expect(preview.errors).toEqual([{ row: 3, column: "clinician_email", message: expect.stringMatching(/only your own appointments/) }]);
    await expect(previewAppointmentImport(manager, csv(`${mine},,2026-10-22,09:00,,Session,,,,,`))).rejects.toMatchObject({ status: 403 });
  });

  it("imports every row of a clean file, with the type's defaults, and records one event with counts", async () => {
    const { commitAppointmentImport } = await lib();
    const before = await count();
    const result = await commitAppointmentImport(
      owner,
      csv(`${mine},${emails.therapist},2026-10-15,10:00,,Couples session,,,,,`, `${theirs},${emails.colleague},2026-10-16,11:00,45,session,Room 2,,attended,60,paid`, `${mine},${emails.therapist},2026-10-17,09:00,,Review,,https://meet.example/r,,0,`),
      context,
    );
    expect(result).toEqual({ ok: true, imported: 3, rows: 3, from: "2026-10-15" });
    expect(await count()).toBe(before + 3);
    const rows = await db.prisma.appointment.findMany({ where: { startsAt: { gte: new Date("2026-10-15T00:00:00Z"), lt: new Date("2026-10-18T00:00:00Z") } }, orderBy: { startsAt: "asc" }, include: { practiceType: true } });
    expect(rows.map((r) => [r.practiceType.name, r.startsAt.toISOString(), (r.endsAt.getTime() - r.startsAt.getTime()) / 60_000, r.feePence, r.status, r.paymentState, r.paidAt !== null])).toEqual([
      ["Couples session", "2026-10-15T09:00:00.000Z", 80, 9500, "SCHEDULED", "UNPAID", false],
      ["Session", "2026-10-16T10:00:00.000Z", 45, 6000, "ATTENDED", "PAID", true],
      ["Review", "2026-10-17T08:00:00.000Z", 50, 0, "SCHEDULED", "UNPAID", false],
    ]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "appointment.imported" } });
    expect(event.details).toEqual({ appointments: 3, clients: 2, clinicians: 2, format: "csv" });
  });
});
