import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createMember, createPractice, createStaffedPractice, setUpTestDatabase, type TestMember } from "../support/factory";

// Practice settings (app/(app)/settings/practice): owners only, bad input refused with nothing
// changed, every change audited with before/after codes and never a name.

const db = setUpTestDatabase();
const context = { requestId: null, ip: "198.51.100.30", userAgent: "practice-settings-test" };
let staff: Awaited<ReturnType<typeof createStaffedPractice>>;

const details = { name: "Praxis am See", timeZone: "Europe/Berlin", currency: "EUR", locale: "de-DE" };
const practiceRow = (id: string) => db.prisma.practice.findUniqueOrThrow({ where: { id } });
const eventsOf = (practiceId: string, actions: string[]) =>
  db.prisma.auditEvent.findMany({ where: { practiceId, action: { in: actions } }, orderBy: { seq: "asc" }, select: { action: true, details: true, actorRole: true } });
const SETTINGS_ACTIONS = ["practice.conventions.changed", "practice.renamed", "practice.conventions.confirmed", "practice.checklist.hidden", "practice.settings.changed", "retention.policy_changed"];

beforeEach(async () => {
  staff = await createStaffedPractice(`Settings ${randomBytes(3).toString("hex")}`);
});

describe("practice name, time zone, currency and locale", () => {
  it("an owner changes them; each change is audited as codes before and after, the rename without the names", async () => {
    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    const result = await setPracticeDetails(staff.owner, details, context);
    expect(result.changed).toEqual(["name", "timeZone", "currency", "locale"]);
    const row = await practiceRow(staff.practice.id);
    expect(row).toMatchObject(details);
    expect(row.conventionsConfirmedAt).toBeInstanceOf(Date);

    const events = await eventsOf(staff.practice.id, SETTINGS_ACTIONS);
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["practice.renamed", {}],
      ["practice.conventions.changed", { setting: "timeZone", from: "Europe/London", to: "Europe/Berlin" }],
      ["practice.conventions.changed", { setting: "currency", from: "GBP", to: "EUR" }],
      ["practice.conventions.changed", { setting: "locale", from: "en-GB", to: "de-DE" }],
      ["practice.conventions.confirmed", {}],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Praxis|Settings /);
    expect(events.every((e) => e.actorRole === "OWNER")).toBe(true);

    // Saving the same values again confirms nothing new and records nothing.
    expect((await setPracticeDetails(staff.owner, details, context)).changed).toEqual([]);
    expect(await eventsOf(staff.practice.id, SETTINGS_ACTIONS)).toHaveLength(5);
  });

  it("refuses anyone but an owner (403), changing and recording nothing", async () => {
    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    for (const member of [staff.therapist, staff.manager]) {
      await expect(setPracticeDetails(member, details, context)).rejects.toMatchObject({ status: 403 });
    }
    expect(await practiceRow(staff.practice.id)).toMatchObject({ timeZone: "Europe/London", currency: "GBP", locale: "en-GB", conventionsConfirmedAt: null });
    expect(await eventsOf(staff.practice.id, SETTINGS_ACTIONS)).toHaveLength(0);
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, /time zone from the list/],
    ["a time zone given as an offset", { timeZone: "+02:00" }, /time zone from the list/],
    ["a currency Confide does not offer", { currency: "USD" }, /currency from the list/],
    ["an unknown locale", { locale: "xx-YY" }, /language and region/],
    ["an empty name", { name: "  " }, /practice's name/],
    ["a huge name", { name: "x".repeat(5000) }, /at most 100/],
  ])("refuses %s as bad input and changes nothing", async (_what, bad, message) => {
    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    const before = await practiceRow(staff.practice.id);
    const refusal = setPracticeDetails(staff.owner, { ...details, ...bad }, context);
    await expect(refusal).rejects.toBeInstanceOf(ZodError);
    await expect(refusal).rejects.toThrow(message);
    expect(await practiceRow(staff.practice.id)).toEqual(before);
    expect(await eventsOf(staff.practice.id, SETTINGS_ACTIONS)).toHaveLength(0);
  });

  it("an owner of another practice changes only their own", async () => {
    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    await setPracticeDetails(staff.outsider, details, context);
    expect(await practiceRow(staff.practice.id)).toMatchObject({ timeZone: "Europe/London", currency: "GBP" });
    expect(await practiceRow(staff.outsider.practiceId)).toMatchObject({ timeZone: "Europe/Berlin", currency: "EUR" });
  });

  it("two owners saving at once leave a trail that matches the final values", async () => {
    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    const second = await createMember({ practice: staff.practice, role: "OWNER", tag: "owner2" });
    await Promise.all([
      setPracticeDetails(staff.owner, { ...details, name: staff.practice.name, currency: "EUR" }, context),
      setPracticeDetails(second, { ...details, name: staff.practice.name, currency: "CHF" }, context),
    ]);
    const changes = (await eventsOf(staff.practice.id, ["practice.conventions.changed"])).map((e) => e.details as { setting: string; from: string; to: string }).filter((d) => d.setting === "currency");
    const final = (await practiceRow(staff.practice.id)).currency;
    expect(changes.at(-1)!.to).toBe(final);
    expect(changes[0]!.from).toBe("GBP");
    if (changes.length === 2) expect(changes[1]!.from).toBe(changes[0]!.to);
    expect(await eventsOf(staff.practice.id, ["practice.conventions.confirmed"])).toHaveLength(1);
  });
});

describe("the first-run checklist", () => {
  let owner: TestMember;
  let practiceId: string;
  beforeEach(async () => {
    const practice = await createPractice({ name: "New practice" });
    practiceId = practice.id;
    owner = await createMember({ practice, role: "OWNER", tag: "new-owner" });
  });
  const stepsDone = async () => {
    const { setupChecklist } = await import("@/lib/practice/setup-checklist");
    const steps = await setupChecklist(owner);
    return steps && Object.fromEntries(steps.map((s) => [s.key, s.done]));
  };

  it("ticks each step from the practice's real data and is gone once all are done", async () => {
    expect(await stepsDone()).toEqual({ conventions: false, types: false, colleagues: false, clients: false, feed: false });

    const { setPracticeDetails } = await import("@/lib/practice/conventions");
    await setPracticeDetails(owner, { name: "New practice", timeZone: "Europe/Dublin", currency: "EUR", locale: "en-IE" }, context);
    // A type without a fee does not count; one with a fee does.
    await db.prisma.practiceAppointmentType.create({ data: { practiceId, name: "Intro call", category: "SESSION", durationMinutes: 15, feePence: 0, position: 8 } });
    expect(await stepsDone()).toMatchObject({ conventions: true, types: false });
    await db.prisma.practiceAppointmentType.create({ data: { practiceId, name: "Individual session 50", category: "SESSION", durationMinutes: 50, feePence: 7000, position: 9 } });
    await db.prisma.invitation.create({ data: { practiceId, email: `c-${randomBytes(3).toString("hex")}@example.org`, role: "THERAPIST", tokenHash: randomBytes(32), invitedById: owner.userId, expiresAt: new Date(Date.now() + 86_400_000) } });
    const { createClient } = await import("@/lib/clients/create-client");
    await createClient(owner, { label: "Monday 9am" }, context);
    expect(await stepsDone()).toEqual({ conventions: true, types: true, colleagues: true, clients: true, feed: false });

    await db.prisma.calendarFeed.create({ data: { membershipId: owner.membershipId, tokenHash: randomBytes(32) } });
    expect(await stepsDone()).toBeNull();
  });

  it("counts an expired or withdrawn invitation as no colleague", async () => {
    await db.prisma.invitation.create({ data: { practiceId, email: "late@example.org", role: "MANAGER", tokenHash: randomBytes(32), invitedById: owner.userId, expiresAt: new Date(Date.now() - 1000) } });
    await db.prisma.invitation.create({ data: { practiceId, email: "gone@example.org", role: "MANAGER", tokenHash: randomBytes(32), invitedById: owner.userId, expiresAt: new Date(Date.now() + 86_400_000), revokedAt: new Date() } });
    expect(await stepsDone()).toMatchObject({ colleagues: false });
  });

  it("is for owners only; an owner may hide it (recorded once), others may not", async () => {
    const { setupChecklist, hideSetupChecklist } = await import("@/lib/practice/setup-checklist");
    const therapist = await createMember({ practice: practiceId, role: "THERAPIST", tag: "new-t" });
    expect(await setupChecklist(therapist)).toBeNull();
    await expect(hideSetupChecklist(therapist, context)).rejects.toMatchObject({ status: 403 });
    expect((await practiceRow(practiceId)).setupChecklistDismissedAt).toBeNull();

    await hideSetupChecklist(owner, context);
    await hideSetupChecklist(owner, context);
    expect(await stepsDone()).toBeNull();
    expect(await eventsOf(practiceId, ["practice.checklist.hidden"])).toHaveLength(1);
  });
});

describe("the settings that moved to Practice settings", () => {
  it("stay owner-only and audited: lock time, retention policy", async () => {
    const { setIdleTimeout } = await import("@/lib/practice/settings");
    const { setRetentionPolicy } = await import("@/lib/retention/review");
    await expect(setIdleTimeout(staff.manager, { idleTimeoutMinutes: 30 }, context)).rejects.toMatchObject({ status: 403 });
    await expect(setRetentionPolicy(staff.therapist, { retentionYears: 8, retentionMinorUntilAge: 25, reason: "Professional body guidance" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(setIdleTimeout(staff.owner, { idleTimeoutMinutes: 500 }, context)).rejects.toThrow(/at most 60/);
    await setIdleTimeout(staff.owner, { idleTimeoutMinutes: "30" }, context);
    await setRetentionPolicy(staff.owner, { retentionYears: "8", retentionMinorUntilAge: "25", reason: "Professional body guidance" }, context);
    expect((await eventsOf(staff.practice.id, SETTINGS_ACTIONS)).map((e) => [e.action, e.details])).toEqual([
      ["practice.settings.changed", { setting: "idleTimeoutMinutes", from: 15, to: 30 }],
      ["retention.policy_changed", { fromYears: 7, toYears: 8, fromAge: 25, toAge: 25 }],
    ]);
  });
});

describe("the members screen's rules", () => {
  it("an owner cannot remove themselves, even with another owner present (409, nothing changes)", async () => {
    const { removeMember } = await import("@/lib/practice/remove-member");
    const { mayRemoveMember } = await import("@/lib/practice/member-rules");
    await createMember({ practice: staff.practice, role: "OWNER", tag: "owner-b" });
    expect(mayRemoveMember(staff.owner, { id: staff.owner.membershipId })).toBe(false);
    expect(mayRemoveMember(staff.owner, { id: staff.therapist.membershipId })).toBe(true);
    await expect(removeMember(staff.owner, staff.owner.membershipId, context)).rejects.toMatchObject({ status: 409, code: "remove_self" });
    expect((await db.prisma.membership.findUniqueOrThrow({ where: { id: staff.owner.membershipId } })).removedAt).toBeNull();
  });
});
