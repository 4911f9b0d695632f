// npm run bench:schedule — figures for issue 7, not a test:
//   p95 of the practice week view (the calendar's one query, through lib/schedule with its
//   access filter) with 20 clinicians and 1,000 appointments that week, for an owner (whole
//   practice), a therapist (their assigned clients) and one clinician's column; and the rate of
//   booking through bookAppointments (lock, clash check, insert, audit).
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_schedule, dropped after. Under the react-server condition.
import { generateClientCode } from "../lib/clients/code";
import { createPrismaClient } from "../lib/db/prisma";
import { benchPracticeWithClinicians } from "./lib/bench-members";
import { benchContext, dropBenchDatabase, freshBenchDatabase, machineLine, pct, pointAppAtBenchDatabase, say } from "./lib/bench";

const DB = "confide_bench_schedule";
const context = benchContext;
const CLINICIANS = 20;
const PER_CLINICIAN = 50; // 20 × 50 = 1,000 appointments in the week
const WEEK = "2026-11-23";

const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);

const { listSchedule } = await import("../lib/schedule/list");
const { bookAppointments } = await import("../lib/schedule/book");
const { zonedToUtc, addDays } = await import("../lib/schedule/time");
const { closeVaultPool } = await import("../lib/vault/db");

const prisma = createPrismaClient(urls.appUrl, 2);
try {
  say(machineLine("Schedule benchmark"));
  const { practice, sessionType, owner, clinicians } = await benchPracticeWithClinicians(prisma, "schedule.test", CLINICIANS);

  // Each clinician: 25 clients, two appointments each this week (50 a week), plus the weeks
  // either side so the index has to pick the week out of more (3,000 appointments in all).
  const t = performance.now();
  for (const [ci, c] of clinicians.entries()) {
    const clients = await prisma.client.createManyAndReturn({
      data: Array.from({ length: 25 }, (_, k) => ({ practiceId: practice.id, code: generateClientCode(), label: `C${ci}-${k}` })),
      select: { id: true },
    });
    await prisma.clientAssignment.createMany({ data: clients.map((cl) => ({ clientId: cl.id, membershipId: c.membershipId })) });
    const rows = [];
    for (const week of [-7, 0, 7]) {
      for (let slot = 0; slot < PER_CLINICIAN; slot++) {
        const day = addDays(WEEK, week + (slot % 5));
        const hour = 8 + Math.floor(slot / 5);
        const startsAt = zonedToUtc(day, `${String(hour).padStart(2, "0")}:00`, "Europe/London");
        rows.push({
          practiceId: practice.id, clientId: clients[slot % 25]!.id, clinicianId: c.membershipId, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000),
          type: "SESSION" as const, practiceTypeId: sessionType.id, room: `Room ${ci}`, feePence: 6000, createdById: c.membershipId,
        });
      }
    }
    await prisma.appointment.createMany({ data: rows });
  }
  await prisma.$executeRawUnsafe("ANALYZE appointment");
  say(`Setup: ${CLINICIANS} clinicians, ${CLINICIANS * 25} clients, ${CLINICIANS * PER_CLINICIAN * 3} appointments (${CLINICIANS * PER_CLINICIAN} in the measured week) in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

  const time = async (n: number, op: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await op();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await op();
      out.push(performance.now() - s);
    }
    return out;
  };
  const week = { view: "week" as const, date: WEEK };
  const practiceWeek = await time(100, async () => {
    const rows = await listSchedule(owner, { ...week, clinicianId: null }, "Europe/London");
    if (rows.length !== CLINICIANS * PER_CLINICIAN) throw new Error(`expected ${CLINICIANS * PER_CLINICIAN}, got ${rows.length}`);
  });
  const therapistWeek = await time(100, () => listSchedule(clinicians[1]!, { ...week, clinicianId: null }, "Europe/London"));
  const oneColumn = await time(100, () => listSchedule(owner, { ...week, clinicianId: clinicians[2]!.membershipId }, "Europe/London"));
  await prisma.practiceRoom.create({ data: { practiceId: owner.practiceId, name: "Bench room" } });
  const bookingClient = await prisma.client.findFirstOrThrow({ where: { assignments: { some: { membershipId: owner.membershipId } } } });
  let n = 0;
  const bookings = await time(100, () =>
    bookAppointments(owner, { clientCode: bookingClient.code, clinicianId: owner.membershipId, date: addDays("2027-01-04", Math.floor(n / 10)), time: `${String(8 + (n++ % 10)).padStart(2, "0")}:00`, durationMinutes: 50, type: "SESSION", room: "Bench room", fee: "60" }, context),
  );

  say("\nmeasure                                             p50 / p95");
  for (const [name, xs] of [
    ["practice week view, 1,000 appointments (100)", practiceWeek],
    ["therapist's week view, 50 appointments (100)", therapistWeek],
    ["one clinician's week, owner's view (100)", oneColumn],
    ["book one appointment, clash check + audit (100)", bookings],
  ] as const) {
    say(`${name.padEnd(52)}${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)} ms`);
  }
} finally {
  await prisma.$disconnect();
  await closeVaultPool();
  const { db } = await import("../lib/db/client");
  await db().$disconnect();
  await dropBenchDatabase(DB);
}
