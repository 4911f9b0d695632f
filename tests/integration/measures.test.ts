import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { PortalClient } from "@/lib/portal/session";
import { createMember, createStaffedPractice, setUpTestDatabase } from "../support/factory";

// Measures against a real database: assigning, answering in the portal (progress kept, scoring
// by the measure's rule), recording in session, risk answers reaching the assigned clinicians
// only, audited reads, the access copy, erasure, other practices, and outcomes counts that never
// show a small group.

const context = { requestId: null, ip: "198.51.100.41", userAgent: "measures-test" };
const db = setUpTestDatabase();
let staff: Awaited<ReturnType<typeof createStaffedPractice>>;

beforeAll(async () => {
  staff = await createStaffedPractice("Measures");
});

const portalOf = (client: { id: string; code: string; practiceId: string }): PortalClient => ({ sessionId: "00000000-0000-4000-8000-000000000000", clientId: client.id, code: client.code, practiceId: client.practiceId, mustChangePin: false });
/** Form fields item1..itemN from a list of option indexes (null: left out). */
const fields = (answers: (number | null)[], extra: Record<string, string> = {}) => ({ ...extra, ...Object.fromEntries(answers.flatMap((a, i) => (a === null ? [] : [[`item${i + 1}`, String(a)]]))) });

async function newClient(actor: Actor = staff.therapist, label = "Tuesday") {
  const { createClient } = await import("@/lib/clients/create-client");
  return (await createClient(actor, { label }, context)).client;
}

async function appointmentIn(client: { id: string; practiceId: string }, clinician: Actor, hours: number) {
  const type = await db.prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: client.practiceId, category: "SESSION" } });
  const startsAt = new Date(Date.now() + hours * 3_600_000);
  return db.prisma.appointment.create({ data: { practiceId: client.practiceId, clientId: client.id, clinicianId: clinician.membershipId, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), type: "SESSION", practiceTypeId: type.id, createdById: clinician.membershipId } });
}

const actions = async (practiceId: string, prefix = "measure.") => (await db.prisma.auditEvent.findMany({ where: { practiceId, action: { startsWith: prefix } }, orderBy: { seq: "asc" } })).map((e) => e.action);

describe("answering in the portal", () => {
  it("keeps progress sealed under the client's notes key, asks for every answer, scores once", async () => {
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { listPendingMeasures, openPendingMeasure, answerPendingMeasure } = await import("@/lib/measures/portal-measures");
    const client = await newClient();
    const portal = portalOf(client);
    await assignMeasure(staff.therapist, client.code, { measure: "GAD7", schedule: "ONCE" }, context);
    await expect(assignMeasure(staff.therapist, client.code, { measure: "GAD7", schedule: "EVERY_SESSION" }, context)).rejects.toMatchObject({ status: 409 });
    const [pending] = await listPendingMeasures(portal);
    expect(pending).toMatchObject({ name: "GAD-7", answered: 0, items: 7 });

    await answerPendingMeasure(portal, pending!.id, fields([2, 3, null, null, null, null, null]), false, context);
    const stored = await db.prisma.measureResponse.findUniqueOrThrow({ where: { id: pending!.id } });
    expect(stored).toMatchObject({ answered: 2, completedAt: null, score: null });
    expect(Buffer.from(stored.answersEnc).toString("latin1")).not.toContain("answers");
    expect((await openPendingMeasure(portal, pending!.id)).answers).toEqual([2, 3, null, null, null, null, null]);

    await expect(answerPendingMeasure(portal, pending!.id, fields([2, 3, 1, null, null, null, null]), true, context)).rejects.toMatchObject({ status: 400, userMessage: expect.stringContaining("4, 5, 6, 7") });
    expect((await openPendingMeasure(portal, pending!.id)).answers).toEqual([2, 3, 1, null, null, null, null]);
    await expect(answerPendingMeasure(portal, pending!.id, fields([9, 3, 1, 1, 1, 1, 1]), true, context)).rejects.toThrow();

    const done = await answerPendingMeasure(portal, pending!.id, fields([2, 3, 1, 1, 1, 1, 1]), true, context);
    expect(done).toMatchObject({ completed: true, risk: false });
    expect(await db.prisma.measureResponse.findUniqueOrThrow({ where: { id: pending!.id } })).toMatchObject({ score: 10, answered: 7, risk: false, recordedById: null });
    await expect(answerPendingMeasure(portal, pending!.id, fields([0, 0, 0, 0, 0, 0, 0]), true, context)).rejects.toMatchObject({ status: 409 });
    expect(await listPendingMeasures(portal)).toEqual([]);
    const events = await db.prisma.auditEvent.findMany({ where: { practiceId: client.practiceId, targetId: client.code, action: { startsWith: "measure." } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorType])).toEqual([["measure.assigned", "USER"], ["measure.progress_saved", "CLIENT"], ["measure.completed", "CLIENT"]]);
  });

  it("asks an every-session measure before each appointment in turn, and only within three days of it", async () => {
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { listPendingMeasures, answerPendingMeasure } = await import("@/lib/measures/portal-measures");
    const client = await newClient();
    const portal = portalOf(client);
    await assignMeasure(staff.therapist, client.code, { measure: "PHQ9", schedule: "EVERY_SESSION" }, context);
    expect(await listPendingMeasures(portal)).toEqual([]);
    const far = await appointmentIn(client, staff.therapist, 24 * 5);
    expect(await listPendingMeasures(portal)).toEqual([]);
    const first = await appointmentIn(client, staff.therapist, 20);
    const second = await appointmentIn(client, staff.therapist, 44);
    const [a] = await Promise.all([listPendingMeasures(portal), listPendingMeasures(portal)]);
    expect(a).toHaveLength(1);
    expect(a![0]!.appointmentStartsAt).toEqual(first.startsAt);
    await answerPendingMeasure(portal, a![0]!.id, fields([3, 3, 3, 3, 3, 3, 0, 0, 0]), true, context);
    const [b] = await listPendingMeasures(portal);
    expect(b!.appointmentStartsAt).toEqual(second.startsAt);
    expect(await db.prisma.measureResponse.count({ where: { clientId: client.id, appointmentId: far.id } })).toBe(0);
    expect(await db.prisma.measureResponse.findFirstOrThrow({ where: { clientId: client.id, completedAt: { not: null } } })).toMatchObject({ score: 18, appointmentId: first.id });
  });
});

describe("risk answers", () => {
  it("reach the assigned clinicians at once, with the time, and nobody else", async () => {
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { listPendingMeasures, answerPendingMeasure } = await import("@/lib/measures/portal-measures");
    const { listRiskAnswers } = await import("@/lib/measures/list-risk-answers");
    const client = await newClient();
    await assignMeasure(staff.therapist, client.code, { measure: "PHQ9", schedule: "ONCE" }, context);
    const [p] = await listPendingMeasures(portalOf(client));
    const done = await answerPendingMeasure(portalOf(client), p!.id, fields([0, 0, 0, 0, 0, 0, 0, 0, 1]), true, context);
    expect(done.risk).toBe(true);
    const seen = await listRiskAnswers(staff.therapist, context);
    expect(seen).toContainEqual(expect.objectContaining({ clientCode: client.code, measure: "PHQ-9", item: 9, completedAt: expect.any(Date) }));
    for (const other of [staff.colleague, staff.owner, staff.manager, staff.outsider]) {
      expect((await listRiskAnswers(other, context)).map((r) => r.clientCode)).not.toContain(client.code);
    }
    const listed = await db.prisma.auditEvent.findFirstOrThrow({ where: { practiceId: client.practiceId, action: "measure.risks_listed" }, orderBy: { seq: "desc" } });
    expect(listed.actorId).toBe(staff.therapist.userId);
  });

  it("counts the CORE-10 risk item recorded in session, and shows the practice's crisis text or the UK default", async () => {
    const { recordMeasureInSession } = await import("@/lib/measures/record-in-session");
    const { listRiskAnswers } = await import("@/lib/measures/list-risk-answers");
    const { crisisText, setCrisisText, DEFAULT_CRISIS_TEXT } = await import("@/lib/measures/crisis");
    const client = await newClient();
    const done = await recordMeasureInSession(staff.therapist, client.code, fields([1, 3, 3, 1, 1, 2, 1, 1, 1, null], { measure: "CORE10" }), context);
    expect(done).toMatchObject({ risk: true, prorated: true, score: 11.1 });
    expect((await listRiskAnswers(staff.therapist, context)).find((r) => r.clientCode === client.code)).toMatchObject({ measure: "CORE-10", item: 6, inSession: true });

    expect(DEFAULT_CRISIS_TEXT).toMatch(/999/);
    expect(DEFAULT_CRISIS_TEXT).toMatch(/116 123/);
    expect(await crisisText(client.practiceId)).toEqual({ text: DEFAULT_CRISIS_TEXT, isDefault: true });
    await expect(setCrisisText(staff.therapist, { text: "Call me" }, context)).rejects.toMatchObject({ status: 403 });
    await expect(setCrisisText(staff.owner, { text: "x".repeat(2001) }, context)).rejects.toThrow();
    await setCrisisText(staff.owner, { text: "Call the clinic line: 0113 496 0000." }, context);
    expect(await crisisText(client.practiceId)).toEqual({ text: "Call the clinic line: 0113 496 0000.", isDefault: false });
    await setCrisisText(staff.owner, { text: "  " }, context);
    expect((await crisisText(client.practiceId)).isDefault).toBe(true);
  });
});

describe("reading, change and the caseload", () => {
  it("shows the assigned clinician the series, its change and the answers, audited; refuses everyone else", async () => {
    const { findClientFor } = await import("@/lib/clients/access");
    const { recordMeasureInSession } = await import("@/lib/measures/record-in-session");
    const { readClientMeasures } = await import("@/lib/measures/read-client-measures");
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { caseloadMeasures, sortCaseloadByMeasure } = await import("@/lib/measures/caseload");
    const client = await newClient(staff.therapist, "Series");
    for (const a of [[3, 3, 2, 2, 2, 2, 2, 2, 0], [2, 2, 2, 2, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 0, 0, 0]]) {
      await recordMeasureInSession(staff.therapist, client.code, fields(a, { measure: "PHQ9" }), context);
    }
    const view = await readClientMeasures(staff.therapist, await findClientFor(staff.therapist, client.code, context), context);
    const phq = view!.series.find((s) => s.definition.id === "PHQ9")!;
    expect(phq.points.map((p) => p.score)).toEqual([18, 12, 6]);
    expect(phq.change).toMatchObject({ first: 18, latest: 6, category: "recovered" });
    expect(phq.latestAnswers).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(await db.prisma.auditEvent.findFirst({ where: { practiceId: client.practiceId, action: "measure.read", targetId: client.code } })).toMatchObject({ details: { client: client.code, responses: 3 } });

    // The owner sees the client but not their measures; the colleague, the manager and another practice get a 404.
    expect(await readClientMeasures(staff.owner, await findClientFor(staff.owner, client.code, context), context)).toBeNull();
    for (const other of [staff.colleague, staff.manager, staff.outsider, staff.owner]) {
      await expect(recordMeasureInSession(other, client.code, fields([0, 0, 0, 0, 0, 0, 0, 0, 0], { measure: "PHQ9" }), context)).rejects.toMatchObject({ status: 404 });
      await expect(assignMeasure(other, client.code, { measure: "PHQ9", schedule: "ONCE" }, context)).rejects.toMatchObject({ status: 404 });
    }
    expect(await db.prisma.measureResponse.count({ where: { clientId: client.id } })).toBe(3);

    const scores = await caseloadMeasures(staff.therapist, [client.id], "PHQ9");
    expect(scores.get(client.id)).toEqual({ latest: 6, change: "recovered", scores: 3 });
    expect((await caseloadMeasures(staff.owner, [client.id], "PHQ9")).size).toBe(0);
    const rows = [
      { code: "A", label: "a", measure: { latest: 20, change: "reliable deterioration" as const, scores: 2 } },
      { code: "B", label: "b", measure: null },
      { code: "C", label: "c", measure: { latest: 6, change: "recovered" as const, scores: 3 } },
    ];
    expect(sortCaseloadByMeasure([...rows], { measure: "PHQ9", sort: "score", change: "any" }).map((r) => r.code)).toEqual(["A", "C", "B"]);
    expect(sortCaseloadByMeasure([...rows], { measure: "PHQ9", sort: "change", change: "any" }).map((r) => r.code)).toEqual(["A", "C", "B"]);
    expect(sortCaseloadByMeasure([...rows], { measure: "PHQ9", sort: "label", change: "recovered" }).map((r) => r.code)).toEqual(["C"]);
  });

  it("keeps a portal client to their own responses", async () => {
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { listPendingMeasures, openPendingMeasure, answerPendingMeasure } = await import("@/lib/measures/portal-measures");
    const mine = await newClient();
    const theirs = await newClient();
    await assignMeasure(staff.therapist, theirs.code, { measure: "GAD7", schedule: "ONCE" }, context);
    const [p] = await listPendingMeasures(portalOf(theirs));
    await expect(openPendingMeasure(portalOf(mine), p!.id)).rejects.toMatchObject({ status: 404 });
    await expect(answerPendingMeasure(portalOf(mine), p!.id, fields([0, 0, 0, 0, 0, 0, 0]), true, context)).rejects.toMatchObject({ status: 404 });
    await expect(openPendingMeasure(portalOf(mine), "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    expect(await db.prisma.measureResponse.findUniqueOrThrow({ where: { id: p!.id } })).toMatchObject({ completedAt: null });
  });
});

describe("the client's rights", () => {
  it("puts the answers in the access copy, and erasure leaves no response, assignment or key", async () => {
    const { assignMeasure } = await import("@/lib/measures/assign-measure");
    const { recordMeasureInSession } = await import("@/lib/measures/record-in-session");
    const { buildClientExport } = await import("@/lib/requests/export");
    const { eraseClient } = await import("@/lib/clients/erase");
    const client = await newClient();
    await assignMeasure(staff.therapist, client.code, { measure: "CORE10", schedule: "ONCE" }, context);
    await recordMeasureInSession(staff.therapist, client.code, fields([4, 0, 0, 3, 3, 0, 2, 3, 4, 1], { measure: "CORE10" }), context);
    const files = unzipSync((await buildClientExport(client.id)).zip);
    const json = JSON.parse(strFromU8(files["export.json"]!));
    expect(json.questionnaires).toEqual([expect.objectContaining({ measure: "CORE-10", score: 28, by: "your therapist, in session" })]);
    expect(json.questionnaires[0].answers[0]).toEqual({ item: "I have felt tense, anxious or nervous", answer: "Most or all of the time" });
    expect(strFromU8(files["export.html"]!)).toContain("Unwanted images or memories have been distressing me: <strong>Only occasionally</strong>");
    expect(strFromU8(files["export.html"]!)).toContain("CORE System Trust");

    const row = await db.prisma.client.findUniqueOrThrow({ where: { id: client.id } });
    await eraseClient(staff.owner, row, "erasure_request", context);
    expect(await db.prisma.measureResponse.count({ where: { clientId: client.id } })).toBe(0);
    expect(await db.prisma.measureAssignment.count({ where: { clientId: client.id } })).toBe(0);
    expect(await db.prisma.clientNotesKey.count({ where: { clientId: client.id } })).toBe(0);
  });
});

describe("outcomes summary", () => {
  it("counts clients by change, never shows a group of 4, and is for owners and managers only", async () => {
    const { createPractice } = await import("../support/factory");
    const { recordMeasureInSession } = await import("@/lib/measures/record-in-session");
    const { practiceOutcomes } = await import("@/lib/measures/outcomes");
    const practice = await createPractice({ name: "Outcomes" });
    const owner = await createMember({ practice, role: "OWNER", tag: "oo" });
    const manager = await createMember({ practice, role: "MANAGER", tag: "om" });
    const therapist = await createMember({ practice, role: "THERAPIST", tag: "ot" });
    // Five clients recover on the GAD-7 (12 -> 3), four deteriorate (2 -> 9).
    const gad = (n: number) => fields([Math.min(3, n), Math.min(3, Math.max(0, n - 3)), Math.min(3, Math.max(0, n - 6)), Math.min(3, Math.max(0, n - 9)), 0, 0, 0], { measure: "GAD7" });
    for (const [from, to, count] of [[12, 3, 5], [2, 9, 4]] as const) {
      for (let i = 0; i < count; i++) {
        const client = await newClient(owner, `g${from}-${i}`);
        await recordMeasureInSession(owner, client.code, gad(from), context);
        await recordMeasureInSession(owner, client.code, gad(to), context);
      }
    }
    const outcomes = await practiceOutcomes(manager, context);
    const g = outcomes.find((o) => o.measure === "GAD7")!;
    expect(g.byChange.recovered).toEqual({ count: 5 });
    expect(g.byChange["reliable deterioration"]).toEqual({ suppressed: "small" });
    expect(g.byChange["no reliable change"]).toEqual({ count: 0 });
    // With one cell hidden, the total would give it away by subtraction: hidden too.
    expect(g.total).toEqual({ suppressed: "derivable" });
    expect(JSON.stringify(outcomes)).not.toContain('"count":4');
    expect((await practiceOutcomes(owner, context)).find((o) => o.measure === "PHQ9")).toMatchObject({ total: { count: 0 } });
    await expect(practiceOutcomes(therapist, context)).rejects.toMatchObject({ status: 403 });
    expect(await actions(practice.id, "measure.outcomes")).toEqual(["measure.outcomes_viewed", "measure.outcomes_viewed"]);
  });
});
