import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { OutgoingEmail } from "@/lib/email/transport";
import type { PortalClient } from "@/lib/portal/session";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { sql } from "../support/sql";

// Appointment reminders against a real database: who is due (the practice's wall clock, across
// a clock change), who is not (opted out, cancelled, outside the window, no email), one send
// under concurrent runs, bounded retries, consent and settings audited, and nothing kept but
// the send record. The transport is replaced by a recording fake (the e2e test reads the real
// development outbox); a send to FAIL_TO fails.

const outbox: OutgoingEmail[] = [];
const FAIL_TO = "unreachable@reminders.test";
vi.mock("@/lib/email/transport", () => ({
  sendEmail: async (email: OutgoingEmail) => {
    await new Promise((resolve) => setTimeout(resolve, 30)); // slow enough for runs to overlap
    if (email.to === FAIL_TO) throw new Error(`550 mailbox unavailable: ${email.to}`);
    outbox.push(email);
  },
}));

const context = { requestId: null, ip: "198.51.100.70", userAgent: "reminders-test" };
const NAME = "Philippa Quennell-Ashdown";
const db = setUpTestDatabase();
let practiceId: string;
let owner: Actor;
let therapist: Actor;
let colleague: Actor;
let slot = 0;

/** A client of the therapist: with or without an email in the vault, opted in or not. */
async function client(opts: { email?: string | null; optIn?: boolean } = {}) {
  const { createClient } = await import("@/lib/clients/create-client");
  const { findClientFor } = await import("@/lib/clients/access");
  const { recordReminderConsent } = await import("@/lib/reminders/consent");
  const email = opts.email === undefined ? `c-${randomBytes(4).toString("hex")}@reminders.test` : opts.email;
  const created = await createClient(therapist, { label: "Reminder test", identity: { fullName: NAME, ...(email ? { email } : {}) } }, context);
  if (opts.optIn !== false) await recordReminderConsent(therapist, await findClientFor(therapist, created.client.code, context), true, context);
  return { ...created.client, email };
}

/** An appointment at an exact instant (each test uses its own days, so runs do not meet). */
async function appointment(clientId: string, startsAt: string, over: { status?: "SCHEDULED" | "CANCELLED_BY_CLIENT"; room?: string | null; onlineLink?: string | null } = {}) {
  const starts = new Date(startsAt);
  slot++; // alternate clinicians
  return db.prisma.appointment.create({
    data: {
      practiceId,
      clientId,
      clinicianId: slot % 2 ? therapist.membershipId : colleague.membershipId,
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 50 * 60_000),
      type: "SESSION",
      practiceTypeId: (await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId, category: "SESSION" } })).id,
      room: over.room === undefined ? null : over.room,
      onlineLink: over.onlineLink ?? null,
      status: over.status ?? "SCHEDULED",
      createdById: therapist.membershipId,
    },
  });
}

const send = async (now: string) => (await import("@/lib/reminders/send")).sendDueReminders(new Date(now));
const portalFor = (c: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: c.id, code: c.code, practiceId: c.practiceId, mustChangePin: false });

beforeAll(async () => {
  practiceId = (await createPractice({ name: "Riverside Therapy", remindersEnabled: true, reminderHoursBefore: 24 })).id;
  owner = await createMember({ practice: practiceId, role: "OWNER", tag: "owner" });
  therapist = await createMember({ practice: practiceId, role: "THERAPIST", tag: "t1" });
  colleague = await createMember({ practice: practiceId, role: "THERAPIST", tag: "t2" });
});

beforeEach(() => {
  outbox.length = 0;
});

describe("who gets a reminder", () => {
  it("emails only opted-in clients with a scheduled appointment in the window, once, and skips a client with no email", async () => {
    const due = await client();
    const optedOut = await client({ optIn: false });
    const cancelled = await client();
    const noEmail = await client({ email: null });
    const later = await client();
    const a = await appointment(due.id, "2027-02-10T10:00:00Z", { room: "Room 2" });
    await appointment(optedOut.id, "2027-02-10T11:00:00Z");
    await appointment(cancelled.id, "2027-02-10T12:00:00Z", { status: "CANCELLED_BY_CLIENT" });
    const skipped = await appointment(noEmail.id, "2027-02-10T13:00:00Z");
    await appointment(later.id, "2027-02-11T10:00:00Z");

    const first = await send("2027-02-09T14:00:00Z");
    expect(first).toMatchObject({ due: 2, sent: 1, skipped: 1, failed: 0, taken: 0 });
    expect(outbox.map((m) => m.to)).toEqual([due.email]);
    const [email] = outbox;
    expect(email!.subject).toBe("Appointment reminder from Riverside Therapy");
    expect(email!.text).toContain("Wednesday 10 February 2027, 10:00 to 10:50 GMT (Europe/London time)");
    expect(email!.text).toContain("At the practice, Room 2.");
    expect(email!.text).toContain("please contact the practice");
    for (const secret of [due.code, NAME, "Reminder test", "SESSION"]) expect(`${email!.subject}\n${email!.text}`).not.toContain(secret);

    expect(await db.prisma.appointmentReminder.findUniqueOrThrow({ where: { appointmentId: a.id } })).toMatchObject({ status: "SENT", attempts: 1, failure: null });
    expect(await db.prisma.appointmentReminder.findUniqueOrThrow({ where: { appointmentId: skipped.id } })).toMatchObject({ status: "SKIPPED", failure: "no_email" });

    // Idempotent: a second run later the same day sends nothing and counts nothing again.
    outbox.length = 0;
    expect(await send("2027-02-09T14:15:00Z")).toMatchObject({ due: 0, sent: 0, skipped: 0 });
    expect(outbox).toHaveLength(0);
    // The next day's appointment is picked up when its own window opens.
    expect(await send("2027-02-10T10:00:00Z")).toMatchObject({ sent: 1 });
    expect(outbox.map((m) => m.to)).toEqual([later.email]);
  });

  it("goes at 10:00 the day before on the practice's clock across the spring change, not 24 real hours before", async () => {
    const c = await client();
    // Sunday 29 March 2026 at 10:00 BST (09:00Z); the clocks went forward at 01:00Z that day.
    await appointment(c.id, "2026-03-29T09:00:00Z");
    // 09:30Z Saturday is already 23.5 real hours before, but only 09:30 GMT on the clock.
    expect(await send("2026-03-28T09:30:00Z")).toMatchObject({ due: 0, sent: 0 });
    expect(await send("2026-03-28T10:00:00Z")).toMatchObject({ due: 1, sent: 1 });
    expect(outbox[0]!.text).toContain("Sunday 29 March 2026, 10:00 to 10:50 BST (Europe/London time)");
  });

  it("reminds again for the new time when an appointment is moved after its reminder went", async () => {
    const { moveAppointment } = await import("@/lib/schedule/change");
    const c = await client();
    const a = await appointment(c.id, "2027-08-11T09:00:00Z", { room: "Room 5" });
    expect(await send("2027-08-10T09:30:00Z")).toMatchObject({ sent: 1 });
    await moveAppointment(owner, a.id, { date: "2027-08-12", time: "15:00", durationMinutes: 50, room: "Room 5", scope: "ONE" }, context);
    expect(await db.prisma.appointmentReminder.findUnique({ where: { appointmentId: a.id } })).toBeNull();
    expect(await send("2027-08-10T10:00:00Z")).toMatchObject({ sent: 0 });
    expect(await send("2027-08-11T14:00:00Z")).toMatchObject({ sent: 1 });
    expect(outbox.map((m) => m.text.match(/When:.*/)![0])).toEqual([
      "When:  Wednesday 11 August 2027, 10:00 to 10:50 BST (Europe/London time)",
      "When:  Thursday 12 August 2027, 15:00 to 15:50 BST (Europe/London time)",
    ]);
  });

  it("says online without sending the meeting link", async () => {
    const c = await client();
    await appointment(c.id, "2027-03-03T10:00:00Z", { onlineLink: "https://meet.example/secret-room-4411" });
    expect(await send("2027-03-02T10:30:00Z")).toMatchObject({ sent: 1 });
    expect(outbox[0]!.text).toContain("Online. Join with the link your practice gave you");
    expect(outbox[0]!.text).not.toContain("secret-room-4411");
  });

  it("sends nothing while the practice has reminders off", async () => {
    const c = await client();
    await appointment(c.id, "2027-04-07T10:00:00Z");
    await db.prisma.practice.update({ where: { id: practiceId }, data: { remindersEnabled: false } });
    try {
      expect(await send("2027-04-06T12:00:00Z")).toMatchObject({ practices: 0, sent: 0 });
    } finally {
      await db.prisma.practice.update({ where: { id: practiceId }, data: { remindersEnabled: true } });
    }
    expect(await send("2027-04-06T12:00:00Z")).toMatchObject({ sent: 1 });
  });
});

describe("sending safely", () => {
  it("two runs at the same moment send each reminder once", async () => {
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => client()));
    const appointments = [];
    for (const [i, c] of clients.entries()) appointments.push(await appointment(c.id, `2027-05-12T${String(9 + i).padStart(2, "0")}:00:00Z`));
    const [one, two] = await Promise.all([send("2027-05-11T18:00:00Z"), send("2027-05-11T18:00:00Z")]);
    expect(one.sent + two.sent).toBe(5);
    // Both runs saw the same due reminders; what one claimed, the other found taken.
    expect(one.due + two.due).toBe(one.sent + two.sent + one.taken + two.taken);
    expect(outbox.map((m) => m.to).sort()).toEqual(clients.map((c) => c.email).sort());
    const rows = await db.prisma.appointmentReminder.findMany({ where: { appointmentId: { in: appointments.map((a) => a.id) } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "reminder.sent", targetId: { in: appointments.map((a) => a.id) } } })).toBe(5);
  });

  it("records a failed send, retries it on later runs, and stops after three attempts", async () => {
    const c = await client({ email: FAIL_TO });
    const a = await appointment(c.id, "2027-06-09T10:00:00Z");
    for (const attempt of [1, 2, 3]) {
      expect(await send(`2027-06-08T1${attempt}:00:00Z`)).toMatchObject({ failed: 1, sent: 0 });
      expect(await db.prisma.appointmentReminder.findUniqueOrThrow({ where: { appointmentId: a.id } })).toMatchObject({ status: "FAILED", attempts: attempt, failure: "send_failed" });
    }
    expect(await send("2027-06-08T14:00:00Z")).toMatchObject({ due: 0, failed: 0 });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "reminder.failed", targetId: a.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.details)).toEqual([1, 2, 3].map((attempt) => ({ client: c.code, attempt, retry: attempt < 3 })));
    expect(events.every((e) => e.outcome === "FAILED" && e.actorType === "SYSTEM")).toBe(true);
  });

  it("keeps nothing but the send record: no address, name or message in any table, and clean audit details", async () => {
    const c = await client();
    await appointment(c.id, "2027-07-14T10:00:00Z", { room: "Garden Room" });
    expect(await send("2027-07-13T11:00:00Z")).toMatchObject({ sent: 1 });
    const text = outbox[0]!.text;
    const tables = await sql<{ table_name: string }>(db.database.ownerUrl, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    for (const { table_name } of tables) {
      const dump = JSON.stringify(await sql(db.database.ownerUrl, `SELECT * FROM "public"."${table_name}"`));
      for (const secret of [c.email!, FAIL_TO, NAME, "This is a reminder", "please contact the practice"]) expect(dump, table_name).not.toContain(secret);
    }
    expect(text).toContain("This is a reminder");
    const columns = await sql<{ column_name: string }>(db.database.ownerUrl, "SELECT column_name FROM information_schema.columns WHERE table_name = 'appointment_reminder' ORDER BY ordinal_position");
    expect(columns.map((r) => r.column_name)).toEqual(["appointmentId", "practiceId", "status", "attempts", "claimedAt", "sentAt", "failure"]);
    const events = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "reminder." } } });
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect(Object.keys(e.details as object).every((k) => ["client", "attempt", "retry", "reason", "via", "practices", "due", "sent", "failed", "skipped", "taken"].includes(k)), e.action).toBe(true);
      expect(JSON.stringify([e.details, e.targetId, e.actorId])).not.toMatch(/@reminders\.test|Quennell/);
    }
  });
});

describe("consent and the practice setting", () => {
  it("the client switches reminders in the portal, a clinician records consent in session, and both are audited", async () => {
    const { setOwnReminderConsent, recordReminderConsent, reminderConsent } = await import("@/lib/reminders/consent");
    const { findClientFor } = await import("@/lib/clients/access");
    const c = await client({ optIn: false });
    expect((await reminderConsent(c.id)).optedInAt).toBeNull();

    await setOwnReminderConsent(portalFor(c), true, context);
    expect(await reminderConsent(c.id)).toMatchObject({ recordedBy: null, practiceSends: true, hoursBefore: 24 });
    expect((await reminderConsent(c.id)).optedInAt).toBeInstanceOf(Date);
    await setOwnReminderConsent(portalFor(c), false, context);
    expect((await reminderConsent(c.id)).optedInAt).toBeNull();

    await recordReminderConsent(therapist, await findClientFor(therapist, c.code, context), true, context);
    expect(await reminderConsent(c.id)).toMatchObject({ recordedBy: therapist.displayName });

    const events = await db.prisma.auditEvent.findMany({ where: { targetId: c.code, action: { in: ["reminder.opted_in", "reminder.opted_out"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorType, (e.details as { via: string }).via])).toEqual([
      ["reminder.opted_in", "CLIENT", "portal"],
      ["reminder.opted_out", "CLIENT", "portal"],
      ["reminder.opted_in", "USER", "in_session"],
    ]);

    // A therapist not assigned to the client cannot even find it (a recorded 404).
    await expect(findClientFor(colleague, c.code, context)).rejects.toMatchObject({ status: 404 });
  });

  it("only the owner changes the setting, a bad value changes nothing, and each change is audited", async () => {
    const { setReminderSettings } = await import("@/lib/practice/settings");
    await expect(setReminderSettings(therapist, { remindersEnabled: false, reminderHoursBefore: 24 }, context)).rejects.toMatchObject({ status: 403 });
    await expect(setReminderSettings(owner, { remindersEnabled: true, reminderHoursBefore: 500 }, context)).rejects.toThrow(/between 1 and 168/);
    expect(await db.prisma.practice.findUniqueOrThrow({ where: { id: practiceId } })).toMatchObject({ remindersEnabled: true, reminderHoursBefore: 24 });
    await setReminderSettings(owner, { remindersEnabled: true, reminderHoursBefore: "48" }, context);
    expect(await db.prisma.practice.findUniqueOrThrow({ where: { id: practiceId } })).toMatchObject({ remindersEnabled: true, reminderHoursBefore: 48 });
    const changed = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "practice.settings.changed", practiceId }, orderBy: { seq: "desc" } });
    expect(changed.details).toEqual({ setting: "reminderHoursBefore", from: 24, to: 48 });
    await setReminderSettings(owner, { remindersEnabled: true, reminderHoursBefore: 24 }, context);
  });
});
