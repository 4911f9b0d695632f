// npm run bench:measures — figures for issue 16, not a test:
//   p50/p95 of the caseload with latest scores and change (500 clients, 20 completed measures
//   each), of one client's chart page (its series, change, latest answers decrypted, audit
//   event, chart geometry), of the practice outcomes summary; and the time to score and classify
//   change for 10,000 responses, through lib/measures.
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_measures, dropped after. Under the react-server condition.
import { randomUUID } from "node:crypto";
import type { Actor } from "../lib/auth/actor";
import { createPrismaClient } from "../lib/db/prisma";
import { benchContext, dropBenchDatabase, freshBenchDatabase, machineLine, pct, pointAppAtBenchDatabase, say } from "./lib/bench";

const DB = "confide_bench_measures";
const context = benchContext;
const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);

const { createClient } = await import("../lib/clients/create-client");
const { listCaseload } = await import("../lib/clients/list-caseload");
const { findClientFor } = await import("../lib/clients/access");
const { notesDataKey } = await import("../lib/notes/keys");
const { sealAnswers } = await import("../lib/measures/answers");
const { MEASURES } = await import("../lib/measures/definitions");
const { scoreAnswers } = await import("../lib/measures/score");
const { changeOver } = await import("../lib/measures/change");
const { chartGeometry } = await import("../lib/measures/chart");
const { caseloadMeasures, sortCaseloadByMeasure } = await import("../lib/measures/caseload");
const { readClientMeasures } = await import("../lib/measures/read-client-measures");
const { practiceOutcomes } = await import("../lib/measures/outcomes");
const { db } = await import("../lib/db/client");
const { closeVaultPool } = await import("../lib/vault/db");

type Id = keyof typeof MEASURES;
const prisma = createPrismaClient(urls.appUrl, 2);
try {
  say(machineLine("Measures benchmark"));
  const practice = await prisma.practice.create({ data: { name: "Bench practice" } });
  const member = async (email: string, role: "OWNER" | "THERAPIST"): Promise<Actor> => {
    const user = await prisma.user.create({ data: { email, displayName: `Bench ${role}`, passwordHash: "x" } });
    const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
    const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    return { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role, practiceId: practice.id, practiceName: practice.name, stepUpAt: new Date() };
  };
  const actor = await member("therapist@measures.test", "THERAPIST");
  const owner = await member("owner@measures.test", "OWNER");
  const type = (await prisma.practiceAppointmentType.findFirst({ where: { practiceId: practice.id, category: "SESSION" } })) ?? (await prisma.practiceAppointmentType.create({ data: { practiceId: practice.id, name: "Session", category: "SESSION", durationMinutes: 50, feePence: 0, position: 0 } }));

  // Data: 500 clients, each with 20 completed measures (7 PHQ-9, 7 GAD-7, 6 CORE-10) over 20
  // sessions, answers sealed under the client's key as the app seals them.
  const t = performance.now();
  const plan: Id[] = [...Array(7).fill("PHQ9"), ...Array(7).fill("GAD7"), ...Array(6).fill("CORE10")];
  const start = Date.UTC(2026, 0, 5, 9);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const answersFor = (m: Id, level: number) => MEASURES[m].items.map((_, i) => {
    const max = MEASURES[m].options.length - 1;
    const v = Math.max(0, Math.min(max, Math.round(level * max + (rand() - 0.5) * 1.5)));
    return MEASURES[m].reversed.includes(i + 1) ? max - v : v;
  });
  const codes: string[] = [];
  for (let c = 0; c < 500; c++) {
    const { client } = await createClient(actor, { label: `Slot ${c}` }, context);
    codes.push(client.code);
    const key = await notesDataKey(client.id);
    const trend = rand() < 0.6 ? -0.5 : rand() < 0.5 ? 0 : 0.3;
    const first = 0.3 + rand() * 0.5;
    // One clinician: each client's sessions in their own hour (no overlaps), about three weeks apart.
    const at = (w: number) => start + (w * 500 + c) * 3_600_000;
    const appointments = plan.map((_, w) => ({ id: randomUUID(), practiceId: practice.id, clientId: client.id, clinicianId: actor.membershipId, startsAt: new Date(at(w)), endsAt: new Date(at(w) + 50 * 60_000), type: "SESSION" as const, practiceTypeId: type.id, status: "ATTENDED" as const, createdById: actor.membershipId }));
    await prisma.appointment.createMany({ data: appointments });
    await prisma.measureResponse.createMany({
      data: plan.map((m, w) => {
        const id = randomUUID();
        const answers = answersFor(m, Math.max(0, Math.min(1, first + (trend * w) / 19)));
        const s = scoreAnswers(m, answers);
        const at = appointments[w]!.startsAt;
        return { id, practiceId: practice.id, clientId: client.id, measure: m, appointmentId: appointments[w]!.id, answersEnc: sealAnswers(key, id, answers), answered: s.answered, score: s.score, risk: s.risk, takenOn: new Date(at.toISOString().slice(0, 10)), completedAt: new Date(at.getTime() - 3_600_000), createdAt: at, updatedAt: at };
      }),
    });
  }
  say(`Setup: 500 clients, 10,000 completed measures and 10,000 appointments in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

  async function timed(n: number, op: (i: number) => Promise<unknown>) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await op(i);
      out.push(performance.now() - s);
    }
    return out;
  }
  const results = {
    caseload: await timed(50, async (i) => {
      const listed = await listCaseload(actor, {});
      const measure = (["PHQ9", "GAD7", "CORE10"] as const)[i % 3]!;
      const scores = await caseloadMeasures(actor, listed.map((c) => c.id), measure);
      const rows = sortCaseloadByMeasure(listed.map((c) => ({ ...c, measure: scores.get(c.id) ?? null })), { measure, sort: "change", change: "any" });
      if (rows.length !== 500 || scores.size !== 500) throw new Error(`expected 500 clients with scores, got ${rows.length} / ${scores.size}`);
    }),
    chart: await timed(50, async (i) => {
      const access = await findClientFor(actor, codes[i % codes.length]!, context);
      const view = await readClientMeasures(actor, access, context);
      if (!view || view.series.length !== 3) throw new Error("expected three series");
      for (const s of view.series) chartGeometry(s.definition, s.points.flatMap((p) => (p.score === null ? [] : [{ takenOn: p.takenOn, score: p.score }])), view.sessionDays);
    }),
    outcomes: await timed(30, () => practiceOutcomes(owner, context)),
  };

  // Scoring and change for 10,000 responses, pure (no database): 500 series of 20.
  const responses = codes.flatMap(() => plan.map((m) => ({ m, answers: answersFor(m, rand()) })));
  const runs: number[] = [];
  for (let r = 0; r < 20; r++) {
    const s = performance.now();
    const byClient: number[][] = [];
    responses.forEach((x, i) => {
      const scored = scoreAnswers(x.m, x.answers);
      (byClient[Math.floor(i / 20)] ??= []).push(scored.score ?? 0);
    });
    for (const series of byClient) changeOver("PHQ9", series.slice(0, 7));
    runs.push(performance.now() - s);
  }

  say("\noperation                                            p50 / p95 (server time, real path)");
  for (const [name, key] of [
    ["caseload: 500 clients, latest score and change (50)", "caseload"],
    ["one client's chart page: 20 measures, 3 charts (50)", "chart"],
    ["practice outcomes summary, 500 clients (30)", "outcomes"],
  ] as const) {
    say(`${name.padEnd(53)}${pct(results[key], 50).toFixed(1)} / ${pct(results[key], 95).toFixed(1)} ms`);
  }
  say(`${"score + RCI for 10,000 responses (20 runs)".padEnd(53)}${pct(runs, 50).toFixed(1)} / ${pct(runs, 95).toFixed(1)} ms (${((pct(runs, 50) / 10_000) * 1000).toFixed(2)} µs per response)`);
} finally {
  await prisma.$disconnect();
  await db().$disconnect();
  await closeVaultPool();
  await dropBenchDatabase(DB);
}
