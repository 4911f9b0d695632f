import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";

// Practice-defined appointment types: the built-ins every practice gets, owners managing them,
// bookings taking a type's defaults, archived types refused for new bookings but kept by old ones.

const context = { requestId: null, ip: "198.51.100.8", userAgent: "types-test" };
const db = setUpTestDatabase();
let owner: Actor;
let therapist: Actor;
let code: string;

const lib = async () => ({ ...(await import("@/lib/schedule/manage-types")), ...(await import("@/lib/schedule/book")), ...(await import("@/lib/schedule/list")) });
const typeNamed = (name: string) => db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, name } });

beforeAll(async () => {
  const practice = await createPractice({ name: "Types" });
  owner = await createMember({ practice, role: "OWNER", tag: "owner" });
  therapist = await createMember({ practice, role: "THERAPIST", tag: "t" });
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(therapist, { label: "Types client" }, context)).client.code;
});

describe("appointment types", () => {
  it("gives every new practice the four built-ins, in order", async () => {
    const types = await db.prisma.practiceAppointmentType.findMany({ where: { practiceId: owner.practiceId }, orderBy: { position: "asc" } });
    expect(types.map((t) => [t.name, t.category, t.durationMinutes, t.archivedAt])).toEqual([
      ["Assessment", "ASSESSMENT", 60, null],
      ["Session", "SESSION", 50, null],
      ["Review", "REVIEW", 50, null],
      ["Supervision", "SUPERVISION", 60, null],
    ]);
  });

  it("lets owners add and change types, refusing a name already used in another case, and audits it", async () => {
    const { createAppointmentType, changeAppointmentType } = await lib();
    await expect(createAppointmentType(therapist, { name: "Mine", category: "SESSION", durationMinutes: 50, fee: "" }, context)).rejects.toMatchObject({ status: 403 });
    const couples = await createAppointmentType(owner, { name: "Couples session", category: "SESSION", durationMinutes: 80, fee: "95.50" }, context);
    expect(couples).toMatchObject({ feePence: 9550, durationMinutes: 80, position: 5 });
    await expect(createAppointmentType(owner, { name: "  couples SESSION ", category: "REVIEW", durationMinutes: 50, fee: "" }, context)).rejects.toThrow(/already a type called Couples session/);
    await expect(changeAppointmentType(owner, couples.id, { name: "session", category: "SESSION", durationMinutes: 80, fee: "95.50" }, context)).rejects.toThrow(/already a type called Session/);
    await changeAppointmentType(owner, couples.id, { name: "Couples therapy", category: "SESSION", durationMinutes: 90, fee: "100" }, context);
    expect(await typeNamed("Couples therapy")).toMatchObject({ durationMinutes: 90, feePence: 10000 });
    const events = await db.prisma.auditEvent.findMany({ where: { practiceId: owner.practiceId, action: { startsWith: "appointment_type." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["appointment_type.created", "appointment_type.changed"]);
    expect(events[1]!.details).toMatchObject({ appointmentType: couples.id, retitled: true, minutes: 90, fee: 10000 });
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("Couples");
  });

  it("books with the type's defaults when length and fee are left empty, and keeps what was typed", async () => {
    const { bookAppointments } = await lib();
    const couples = await typeNamed("Couples therapy");
    const base = { clientCode: code, clinicianId: therapist.membershipId, time: "10:00", typeId: couples.id };
    const [defaulted] = (await bookAppointments(therapist, { ...base, date: "2026-11-02", durationMinutes: "", fee: "" }, context)).ids;
    expect(await db.prisma.appointment.findUniqueOrThrow({ where: { id: defaulted! } })).toMatchObject({ type: "SESSION", practiceTypeId: couples.id, feePence: 10000, endsAt: new Date("2026-11-02T11:30:00Z") });
    const [typed] = (await bookAppointments(therapist, { ...base, date: "2026-11-03", durationMinutes: "45", fee: "0" }, context)).ids;
    expect(await db.prisma.appointment.findUniqueOrThrow({ where: { id: typed! } })).toMatchObject({ feePence: 0, endsAt: new Date("2026-11-03T10:45:00Z") });
  });

  it("archives a type in use instead of deleting it: not bookable, old appointments keep its name", async () => {
    const { deleteAppointmentType, setAppointmentTypeArchived, bookAppointments, listSchedule } = await lib();
    const couples = await typeNamed("Couples therapy");
    await expect(deleteAppointmentType(owner, couples.id, context)).rejects.toThrow(/used by 2 appointments, so it cannot be deleted. Archive it instead/);
    await setAppointmentTypeArchived(owner, couples.id, true, context);
    await expect(
      bookAppointments(therapist, { clientCode: code, clinicianId: therapist.membershipId, date: "2026-11-04", time: "10:00", typeId: couples.id }, context),
    ).rejects.toThrow(/Couples therapy is archived and cannot be booked/);
    const week = await listSchedule(therapist, { view: "week", date: "2026-11-02", clinicianId: null }, "Europe/London");
    expect(week.map((a) => a.typeName)).toEqual(["Couples therapy", "Couples therapy"]);
    await setAppointmentTypeArchived(owner, couples.id, false, context);
    expect((await typeNamed("Couples therapy")).archivedAt).toBeNull();
  });

  it("deletes an unused type, reorders, and always keeps one bookable type", async () => {
    const { deleteAppointmentType, setAppointmentTypeArchived, moveAppointmentType } = await lib();
    await deleteAppointmentType(owner, (await typeNamed("Supervision")).id, context);
    await moveAppointmentType(owner, (await typeNamed("Review")).id, "up", context);
    const order = await db.prisma.practiceAppointmentType.findMany({ where: { practiceId: owner.practiceId }, orderBy: { position: "asc" }, select: { name: true } });
    expect(order.map((t) => t.name)).toEqual(["Assessment", "Review", "Session", "Couples therapy"]);
    for (const name of ["Assessment", "Review", "Session"]) await setAppointmentTypeArchived(owner, (await typeNamed(name)).id, true, context);
    await expect(setAppointmentTypeArchived(owner, (await typeNamed("Couples therapy")).id, true, context)).rejects.toThrow(/Keep at least one type that can be booked/);
  });
});
