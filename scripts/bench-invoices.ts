// npm run bench:invoices — figures for issue 17, not a test:
//   a month-end run issuing 2,000 invoices (one per client) for 20 clinicians through
//   issueInvoices (addressees sealed in the vault, numbers taken under the counter's lock, lines
//   and audit in one transaction); then p50/p95 of the invoice list (first page, and the
//   "unpaid" filter) and of the aged-debt view with those 2,000 invoices, a third part-paid.
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_invoices, dropped after. Under the react-server condition.
import { generateClientCode } from "../lib/clients/code";
import { createPrismaClient } from "../lib/db/prisma";
import { benchPracticeWithClinicians } from "./lib/bench-members";
import { benchContext, dropBenchDatabase, freshBenchDatabase, machineLine, pct, pointAppAtBenchDatabase, say } from "./lib/bench";

const DB = "confide_bench_invoices";
const context = benchContext;
const CLINICIANS = 20;
const CLIENTS_PER_CLINICIAN = 100; // 2,000 clients, so 2,000 invoices
const SESSIONS_PER_CLIENT = 2;
const MONTH = "2026-10";

const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);

const { issueInvoices } = await import("../lib/invoices/issue-invoices");
const { listInvoices } = await import("../lib/invoices/list-invoices");
const { agedDebt } = await import("../lib/invoices/money-views");
const { storeIdentities } = await import("../lib/vault/store-identities");
const { identitySchema } = await import("../lib/vault/schema");
const { closeVaultPool } = await import("../lib/vault/db");

const prisma = createPrismaClient(urls.appUrl, 2);
try {
  say(machineLine("Invoices benchmark"));
  const { practice, sessionType, owner, clinicians } = await benchPracticeWithClinicians(prisma, "invoices.test", CLINICIANS);
  await prisma.clinicianRegistration.createMany({ data: clinicians.map((c, i) => ({ membershipId: c.membershipId, practiceId: practice.id, body: "BACP", number: String(100000 + i) })) });

  const t = performance.now();
  for (const [ci, c] of clinicians.entries()) {
    const clients = await prisma.client.createManyAndReturn({
      data: Array.from({ length: CLIENTS_PER_CLINICIAN }, (_, k) => ({ practiceId: practice.id, code: generateClientCode(), label: `C${ci}-${k}` })),
      select: { id: true },
    });
    await prisma.clientAssignment.createMany({ data: clients.map((cl) => ({ clientId: cl.id, membershipId: c.membershipId })) });
    await storeIdentities(clients.map((cl, k) => ({ client: { id: cl.id, practiceId: practice.id }, identity: identitySchema.parse({ fullName: `Bench Person ${ci}-${k}`, address: `${k} Bench Street\nLeeds LS1 1AA` }) })));
    const rows = [];
    let slot = 0;
    for (const cl of clients) {
      for (let s = 0; s < SESSIONS_PER_CLIENT; s++, slot++) {
        const day = 1 + Math.floor(slot / 8);
        const startsAt = new Date(`${MONTH}-${String(day).padStart(2, "0")}T${String(8 + (slot % 8)).padStart(2, "0")}:00:00Z`);
        rows.push({ practiceId: practice.id, clientId: cl.id, clinicianId: c.membershipId, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), type: "SESSION" as const, practiceTypeId: sessionType.id, status: "ATTENDED" as const, feePence: 6500, createdById: c.membershipId });
      }
    }
    await prisma.appointment.createMany({ data: rows });
  }
  await prisma.$executeRawUnsafe("ANALYZE appointment");
  say(`Setup: ${CLINICIANS} clinicians, ${CLINICIANS * CLIENTS_PER_CLINICIAN} clients with identities, ${CLINICIANS * CLIENTS_PER_CLINICIAN * SESSIONS_PER_CLIENT} attended sessions in ${MONTH} in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

  const run = performance.now();
  const result = await issueInvoices(owner, { month: MONTH, grouping: "client" }, context);
  const runSeconds = (performance.now() - run) / 1000;
  say(`Month-end run: ${result.issued} invoices (numbers ${result.firstNumber}–${result.lastNumber}), ${(result.totalMinor / 100).toFixed(2)} in all, in ${runSeconds.toFixed(1)} s (${(result.issued / runSeconds).toFixed(0)} invoices/s).`);

  // A third of them part-paid, a sixth paid in full (payments written directly: the figure here is the reads).
  const invoices = await prisma.invoice.findMany({ where: { practiceId: practice.id }, select: { id: true, totalMinor: true }, orderBy: { number: "asc" } });
  await prisma.invoicePayment.createMany({
    data: invoices.flatMap((inv, i) => (i % 3 === 0 ? [{ practiceId: practice.id, invoiceId: inv.id, kind: "PAYMENT" as const, method: "BANK_TRANSFER" as const, amountMinor: i % 2 === 0 ? inv.totalMinor : 5000, receivedOn: new Date("2026-11-10T00:00:00Z"), receiptNumber: i + 1, recordedById: owner.membershipId }] : [])),
  });
  await prisma.$executeRawUnsafe("ANALYZE invoice; ANALYZE invoice_payment; ANALYZE invoice_line");

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
  const list = await time(100, async () => {
    const page = await listInvoices(owner, {});
    if (page.rows.length !== 50 || page.total !== 2000) throw new Error(`expected 50 of 2000, got ${page.rows.length} of ${page.total}`);
  });
  const unpaid = await time(50, () => listInvoices(owner, { status: "unpaid", page: "3" }));
  const debt = await time(100, async () => {
    const d = await agedDebt(owner, new Date("2026-12-15T12:00:00Z"));
    if (d.totalMinor <= 0) throw new Error("no debt");
  });
  say("\nmeasure                                             p50 / p95");
  for (const [name, xs] of [
    ["invoice list, first page of 2,000 (100)", list],
    ["invoice list, unpaid filter, page 3 (50)", unpaid],
    ["aged debt over 2,000 invoices (100)", debt],
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
