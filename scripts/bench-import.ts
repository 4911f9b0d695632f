// npm run bench:import — figures for issue 7, not a test: a 10,000-row client CSV (every row
// with a full identity) checked (preview) and imported (commit) through the real code (vault
// writes, notes keys, assignments, one audit event); a 10,000-row appointment CSV for those
// clients, checked and imported (codes, caseloads, types, double-booking, one audit event);
// then the practice export and its restore into an empty practice. Target: each 10,000-row
// import in under 30 s. BENCH_DB_SUFFIX names a private pair of databases.
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_import, dropped after. Under the react-server condition.
import type { Actor } from "../lib/auth/actor";
import { createPrismaClient } from "../lib/db/prisma";
import { benchContext, dropBenchDatabase, freshBenchDatabase, machineLine, pointAppAtBenchDatabase, say } from "./lib/bench";

const DB = `confide_bench_import${process.env.BENCH_DB_SUFFIX ?? ""}`;
const DB_B = `confide_bench_import_b${process.env.BENCH_DB_SUFFIX ?? ""}`;
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const context = benchContext;

const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);

const { previewClientImport, commitClientImport } = await import("../lib/transfer/import-clients");
const { previewAppointmentImport, commitAppointmentImport } = await import("../lib/transfer/import-appointments");
const { exportPractice } = await import("../lib/transfer/export-practice");
const { importPractice } = await import("../lib/transfer/import-practice");
const { db } = await import("../lib/db/client");
const { closeVaultPool, vaultPool } = await import("../lib/vault/db");

let prisma = createPrismaClient(urls.appUrl, 2);
async function owner(name: string, email: string, role: "OWNER" | "THERAPIST" = "OWNER"): Promise<Actor> {
  const practice = await prisma.practice.create({ data: { name } });
  const user = (await prisma.user.findUnique({ where: { email } })) ?? (await prisma.user.create({ data: { email, displayName: "Bench", passwordHash: "x" } }));
  const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role } });
  const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { sessionId: session.id, userId: user.id, displayName: "Bench", membershipId: membership.id, role, practiceId: practice.id, practiceName: name, stepUpAt: new Date() };
}
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

try {
  say(machineLine("Import benchmark"));
  const source = await owner("Bench source", "bench-owner@import.test");
  const lines = ["label,full_name,preferred_name,date_of_birth,email,phone,address,emergency_contact,gp,clinician_email"];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`Slot ${i},Bench Person ${i},Ben ${i},1980-01-${String((i % 28) + 1).padStart(2, "0")},person${i}@example.org,+44 7700 ${String(900000 + i).slice(-6)},"${i} Long Road, Bath BA1 1AA",Partner 0117 000 ${i},Dr Surgery ${i % 40},`);
  }
  const csv = lines.join("\n");
  say(`File: ${ROWS.toLocaleString("en-GB")} rows, ${(csv.length / 1024 / 1024).toFixed(2)} MB`);

  let t = performance.now();
  const preview = await previewClientImport(source, csv);
  say(`Preview (parse + validate, nothing written): ${seconds(t)}, ${preview.valid} valid, ${preview.errors.length} errors`);
  t = performance.now();
  const result = await commitClientImport(source, csv, context);
  const importTime = (performance.now() - t) / 1000;
  if (!result.ok) throw new Error(`import failed: ${result.errors.length} errors`);
  say(`Commit (validate again, codes, clients, notes keys, assignments, vault, audit): ${importTime.toFixed(2)} s = ${(ROWS / importTime).toFixed(0)} rows/s  [target < 30 s: ${importTime < 30 ? "met" : "NOT met"}]`);
  const vault = await vaultPool().query<{ n: string }>("SELECT count(*) AS n FROM vault.client_identity WHERE practice_id = $1", [source.practiceId]);
  say(`  in the database: ${await prisma.client.count({ where: { practiceId: source.practiceId } })} clients, ${vault.rows[0]!.n} identities`);

  // Appointments: one per client, ten a weekday (08:00–17:50 London, across clock changes),
  // rooms and links mixed, some attended and paid; lengths and fees from the types.
  const codes = (await prisma.client.findMany({ where: { practiceId: source.practiceId }, select: { code: true }, orderBy: { createdAt: "asc" } })).map((c) => c.code);
  const { addDays, weekdayOf } = await import("../lib/schedule/time");
  const appointmentLines = ["client_code,date,time,type,room,online_link,status,fee,payment"];
  let day = "2026-01-05";
  for (let i = 0; i < ROWS; i++) {
    if (i > 0 && i % 10 === 0) do day = addDays(day, 1); while (weekdayOf(day) > 5);
    const hour = String(8 + (i % 10)).padStart(2, "0");
    const place = i % 3 === 0 ? `Room ${i % 4},` : i % 3 === 1 ? `,https://meet.example/${i}` : ",";
    appointmentLines.push(`${codes[i % codes.length]},${day},${hour}:00,${i % 7 === 0 ? "Assessment" : "Session"},${place},${i % 5 === 0 ? "attended,60,paid" : ",,"}`);
  }
  const appointmentCsv = appointmentLines.join("\n");
  t = performance.now();
  const appointmentPreview = await previewAppointmentImport(source, appointmentCsv);
  say(`Appointments preview (${ROWS.toLocaleString("en-GB")} rows, ${day} last): ${seconds(t)}, ${appointmentPreview.valid} valid, ${appointmentPreview.errors.length} errors${appointmentPreview.errors[0] ? ` (first: row ${appointmentPreview.errors[0].row} ${appointmentPreview.errors[0].column}: ${appointmentPreview.errors[0].message})` : ""}`);
  t = performance.now();
  const appointments = await commitAppointmentImport(source, appointmentCsv, context);
  const appointmentTime = (performance.now() - t) / 1000;
  if (!appointments.ok) throw new Error(`appointment import failed: ${appointments.errors.length} errors`);
  say(`Appointments commit (lock, check again, insert, audit): ${appointmentTime.toFixed(2)} s = ${(ROWS / appointmentTime).toFixed(0)} rows/s  [target < 30 s: ${appointmentTime < 30 ? "met" : "NOT met"}]`);
  say(`  in the database: ${await prisma.appointment.count({ where: { practiceId: source.practiceId } })} appointments`);

  t = performance.now();
  const { zip } = await exportPractice(source, { reason: "move" }, context);
  say(`Practice export (${ROWS.toLocaleString("en-GB")} clients and identities, decrypted, zipped): ${seconds(t)}, ${(zip.byteLength / 1024 / 1024).toFixed(2)} MB`);
  // Restore on "another instance": a second database with its own keys (codes are kept, and
  // unique per instance).
  await prisma.$disconnect();
  await db().$disconnect();
  await closeVaultPool();
  (globalThis as { confidePrisma?: unknown }).confidePrisma = undefined;
  const { resetConfigForTests } = await import("../lib/config");
  const urlsB = await freshBenchDatabase(DB_B);
  pointAppAtBenchDatabase(urlsB);
  resetConfigForTests();
  prisma = createPrismaClient(urlsB.appUrl, 2);
  const target = await owner("Bench target", "bench-owner@import.test");
  t = performance.now();
  const restored = await importPractice(target, zip, context);
  if (!restored.ok) throw new Error(restored.problems.join("\n"));
  say(`Restore into an empty practice: ${seconds(t)}`);
} finally {
  await prisma.$disconnect();
  await db().$disconnect();
  await closeVaultPool();
  await dropBenchDatabase(DB);
  await dropBenchDatabase(DB_B);
}
