import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createStaffedPractice, setUpTestDatabase } from "../support/factory";

// Client statements against a real database: only those who may reveal the client's identity
// generate one (after step-up), it is addressed from the vault, its lines and totals follow the
// billing rule in the practice's time zone, and the trail records a billing reveal and the
// statement with codes, period and totals only.

const context = { requestId: null, ip: "198.51.100.41", userAgent: "statement-test" };
const NAME = "Ottoline Fairweather-Ngata";
const ADDRESS = "14 Larkspur Row\nKirkby Lonsdale\nLA6 2AB";
const db = setUpTestDatabase();
let practiceId: string;
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let code: string;
const OCTOBER = { from: "2026-10-01", to: "2026-10-31" };

const statements = async () => (await import("@/lib/schedule/statement")).generateStatement;
const events = (action: string) => db.prisma.auditEvent.findMany({ where: { practiceId, action }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  ({ owner, therapist, colleague, manager, outsider } = await createStaffedPractice("Fellside Therapy"));
  practiceId = owner.practiceId;
  const { createClient } = await import("@/lib/clients/create-client");
  code = (await createClient(therapist, { label: "Wednesdays", identity: { fullName: NAME, address: ADDRESS, email: "ottoline@example.org" } }, context)).client.code;

  const { bookAppointments } = await import("@/lib/schedule/book");
  const { cancelAppointment, completeAppointment, setPayment } = await import("@/lib/schedule/change");
  const base = { clientCode: code, clinicianId: therapist.membershipId, durationMinutes: 50, type: "SESSION", fee: "60" };
  // 00:30 on 1 October in London is 23:30 on 30 September in UTC: inside October's statement.
  const early = await bookAppointments(therapist, { ...base, date: "2026-10-01", time: "00:30" }, context);
  await cancelAppointment(therapist, early.ids[0]!, { status: "CANCELLED_BY_CLIENT" }, context);
  // Weekly on Wednesdays at 10:00: 7, 14, 21, 28 October and 4 November.
  const { ids } = await bookAppointments(therapist, { ...base, date: "2026-10-07", time: "10:00", repeat: "WEEKLY", count: 5 }, context);
  await completeAppointment(therapist, ids[0]!, { status: "ATTENDED" }, context);
  await setPayment(manager, ids[0]!, { paymentState: "PAID" }, context);
  await completeAppointment(therapist, ids[1]!, { status: "ATTENDED" }, context);
  await cancelAppointment(therapist, ids[2]!, { status: "CANCELLED_LATE" }, context);
  await setPayment(manager, ids[2]!, { paymentState: "UNPAID", fee: "30" }, context);
  await completeAppointment(therapist, ids[3]!, { status: "DID_NOT_ATTEND" }, context);
  await setPayment(manager, ids[3]!, { paymentState: "WAIVED" }, context);
  await completeAppointment(therapist, ids[4]!, { status: "ATTENDED" }, context);
});

describe("generating a statement", () => {
  it("lists the period's appointments in the practice's time zone, with totals by the billing rule, addressed from the vault", async () => {
    const generateStatement = await statements();
    const s = await generateStatement(therapist, code, OCTOBER, context);
    expect(s.practiceName).toBe("Fellside Therapy");
    expect(s.addressee).toEqual({ name: NAME, address: ADDRESS });
    expect(s.lines.map((l) => [l.startsAt.toISOString(), l.status, l.paymentState, l.feePence, l.charge])).toEqual([
      ["2026-09-30T23:30:00.000Z", "CANCELLED_BY_CLIENT", "UNPAID", 6000, "none"],
      ["2026-10-07T09:00:00.000Z", "ATTENDED", "PAID", 6000, "charged"],
      ["2026-10-14T09:00:00.000Z", "ATTENDED", "UNPAID", 6000, "charged"],
      ["2026-10-21T09:00:00.000Z", "CANCELLED_LATE", "UNPAID", 3000, "charged"],
      ["2026-10-28T10:00:00.000Z", "DID_NOT_ATTEND", "WAIVED", 6000, "waived"],
    ]);
    // Charged: two attended (£60 each) and a late cancellation (£30); the waived miss is not.
    expect(s.totals).toEqual({ chargedPence: 15000, paidPence: 6000, waivedPence: 6000, outstandingPence: 9000, sessionsHeld: 2 });

    const november = await generateStatement(therapist, code, { from: "2026-11-01", to: "2026-11-30" }, context);
    expect(november.lines).toHaveLength(1);
    expect(november.totals).toMatchObject({ chargedPence: 6000, outstandingPence: 6000 });
  });

  it("says so when the period has no appointments", async () => {
    const s = await (await statements())(therapist, code, { from: "2027-01-01", to: "2027-01-31" }, context);
    expect(s.lines).toEqual([]);
    expect(s.totals).toEqual({ chargedPence: 0, paidPence: 0, waivedPence: 0, outstandingPence: 0, sessionsHeld: 0 });
  });

  it("records a billing reveal and the statement with the code, period and totals, never the identity", async () => {
    const before = (await events("statement.generated")).length;
    await (await statements())(therapist, code, OCTOBER, context);
    const generated = (await events("statement.generated")).slice(before);
    expect(generated).toHaveLength(1);
    expect(generated[0]).toMatchObject({ targetType: "client", targetId: code, outcome: "SUCCESS", actorId: therapist.userId });
    expect(generated[0]!.details).toEqual({ from: "2026-10-01", to: "2026-10-31", appointments: 5, chargedPence: 15000, paidPence: 6000, waivedPence: 6000, outstandingPence: 9000 });
    const reveals = await events("identity.revealed");
    expect(reveals.at(-1)).toMatchObject({ targetId: code, details: { reason: "billing", scope: "full", recorded: true, purpose: "statement" } });
    const trail = JSON.stringify(await db.prisma.auditEvent.findMany({ where: { practiceId }, select: { action: true, targetId: true, details: true, userAgent: true } }));
    for (const secret of ["Ottoline", "Fairweather", "Larkspur", "LA6", "ottoline@"]) expect(trail).not.toContain(secret);
  });

  it("refuses a bad period with a clear message and records nothing", async () => {
    const before = await db.prisma.auditEvent.count({ where: { practiceId } });
    await expect((await statements())(therapist, code, { from: "2026-10-31", to: "2026-10-01" }, context)).rejects.toThrow(/must end on or after/);
    await expect((await statements())(therapist, code, { from: "2024-01-01", to: "2026-10-01" }, context)).rejects.toThrow(/at most two years/);
    await expect((await statements())(therapist, code, { from: "October", to: "2026-10-01" }, context)).rejects.toThrow(/first day of the period/);
    expect(await db.prisma.auditEvent.count({ where: { practiceId } })).toBe(before);
  });
});

describe("who may generate a statement", () => {
  it("needs a recent step-up, and reveals nothing without it", async () => {
    const before = (await events("identity.revealed")).length;
    await expect((await statements())({ ...therapist, stepUpAt: new Date(Date.now() - 10 * 60_000) }, code, OCTOBER, context)).rejects.toMatchObject({ status: 403, code: "step_up_required" });
    await expect((await statements())({ ...therapist, stepUpAt: null }, code, OCTOBER, context)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await events("identity.revealed")).toHaveLength(before);
  });

  it("refuses an owner who is not assigned, and records the refusal", async () => {
    await expect((await statements())(owner, code, OCTOBER, context)).rejects.toMatchObject({ status: 403, code: "reveal_not_permitted" });
    const denied = await events("identity.reveal_denied");
    expect(denied.at(-1)).toMatchObject({ actorId: owner.userId, targetId: code, outcome: "DENIED", details: { reason: "not_permitted", purpose: "statement" } });
  });

  it("answers 404 to a therapist not assigned and to another practice", async () => {
    await expect((await statements())(colleague, code, OCTOBER, context)).rejects.toMatchObject({ status: 404 });
    await expect((await statements())(outsider, code, OCTOBER, context)).rejects.toMatchObject({ status: 404 });
    expect((await events("client.access_denied")).at(-1)).toMatchObject({ actorId: colleague.userId, details: { reason: "not_assigned" } });
  });

  it("lets a practice manager generate one only where the owner allows contact reveal, with the name and no address", async () => {
    await expect((await statements())(manager, code, OCTOBER, context)).rejects.toMatchObject({ status: 403, code: "reveal_not_permitted" });
    await db.prisma.practice.update({ where: { id: practiceId }, data: { managersMayRevealContact: true } });
    try {
      const s = await (await statements())(manager, code, OCTOBER, context);
      expect(s.addressee).toEqual({ name: NAME, address: null });
      expect(s.totals.outstandingPence).toBe(9000);
      expect((await events("identity.revealed")).at(-1)).toMatchObject({ actorId: manager.userId, details: { reason: "billing", scope: "contact" } });
    } finally {
      await db.prisma.practice.update({ where: { id: practiceId }, data: { managersMayRevealContact: false } });
    }
  });

  it("is addressed to nobody when no identity is recorded, and says the reveal found none", async () => {
    const { createClient } = await import("@/lib/clients/create-client");
    const bare = (await createClient(therapist, { label: "No identity yet" }, context)).client.code;
    const s = await (await statements())(therapist, bare, OCTOBER, context);
    expect(s.addressee).toBeNull();
    expect((await events("identity.revealed")).at(-1)).toMatchObject({ targetId: bare, details: { recorded: false } });
  });
});
