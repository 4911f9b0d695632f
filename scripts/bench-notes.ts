// npm run bench:notes — figures for issue 5, not a test:
//   p50/p95 of saving a draft, signing, reading a note, opening a client with 300 notes and the
//   caseload of 500 clients, through the real code (access checks, audit events, versions, AES-256-GCM);
//   then what the encryption in those operations costs, measured on the cipher directly (the same
//   sealWith/openWith calls on the same note content), and AES-GCM throughput of lib/crypto against
//   Node's raw crypto.
// Runs against BENCH_DATABASE_URL (may create roles and databases), else the local server at
// 127.0.0.1:5432; database confide_bench_notes, dropped after. Under the react-server condition.
import { createCipheriv, randomBytes } from "node:crypto";
import type { Actor } from "../lib/auth/actor";
import { createPrismaClient } from "../lib/db/prisma";
import { benchContext, dropBenchDatabase, freshBenchDatabase, machineLine, pct, pointAppAtBenchDatabase, say } from "./lib/bench";

const DB = "confide_bench_notes";
const context = benchContext;
const SOAP_TEXT = {
  subjective: "Client reports sleeping better since the last session and fewer intrusive thoughts at work. ".repeat(4),
  objective: "Calm, good eye contact, affect congruent, speech normal in rate and volume. ".repeat(3),
  assessment: "Progressing towards the agreed goals; avoidance reduced; continue the current approach. ".repeat(3),
  plan: "Continue sleep diary, graded exposure step three, review in two weeks. ".repeat(2),
};

const urls = await freshBenchDatabase(DB);
pointAppAtBenchDatabase(urls);

const { createClient } = await import("../lib/clients/create-client");
const { listCaseload } = await import("../lib/clients/list-caseload");
const { findClientFor } = await import("../lib/clients/access");
const { createNote } = await import("../lib/notes/create-note");
const { saveDraft } = await import("../lib/notes/save-draft");
const { signNote } = await import("../lib/notes/sign-note");
const { readNote } = await import("../lib/notes/read-note");
const { listClientNotes } = await import("../lib/notes/list-client-notes");
const { recordAudit } = await import("../lib/audit/record");
const { memberActor } = await import("../lib/audit/actor");
const { newDataKey, openWith, sealWith } = await import("../lib/crypto/envelope");
const { encrypt } = await import("../lib/crypto/aead");
const { db } = await import("../lib/db/client");
const { closeVaultPool } = await import("../lib/vault/db");

const prisma = createPrismaClient(urls.appUrl, 2);
try {
  say(machineLine("Notes benchmark"));
  const practice = await prisma.practice.create({ data: { name: "Bench practice" } });
  const user = await prisma.user.create({ data: { email: "bench@notes.test", displayName: "Bench Therapist", passwordHash: "x" } });
  const membership = await prisma.membership.create({ data: { practiceId: practice.id, userId: user.id, role: "THERAPIST" } });
  const session = await prisma.session.create({ data: { userId: user.id, membershipId: membership.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const actor: Actor = { sessionId: session.id, userId: user.id, displayName: user.displayName, membershipId: membership.id, role: "THERAPIST", practiceId: practice.id, practiceName: practice.name, stepUpAt: new Date() };

  // Data: 500 clients (each with a vault identity), one of them with 300 notes.
  const t = performance.now();
  const codes: string[] = [];
  for (let i = 0; i < 500; i++) {
    const { client } = await createClient(actor, { label: `Slot ${i}`, identity: { fullName: `Bench Person ${i}` } }, context);
    codes.push(client.code);
  }
  const big = codes[0]!;
  for (let i = 0; i < 300; i++) {
    const note = await createNote(actor, big, { template: "SOAP", sessionDate: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) }, context);
    await saveDraft(actor, big, note.id, { baseRevision: 0, sections: SOAP_TEXT }, context);
  }
  say(`Setup: 500 clients with identities and 300 notes for one client in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

  // Each operation runs through the real code path, AES-256-GCM included.
  async function timed(n: number, op: (i: number) => Promise<unknown>) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await op(i);
      out.push(performance.now() - s);
    }
    return out;
  }
  const target = codes[1]!;
  const d = await createNote(actor, target, { template: "SOAP", sessionDate: "2026-11-20" }, context);
  const draft = { id: d.id, revision: 0 };
  const toSign: { id: string; revision: number }[] = [];
  for (let i = 0; i < 60; i++) {
    const n = await createNote(actor, target, { template: "SOAP", sessionDate: "2026-11-21" }, context);
    const r = await saveDraft(actor, target, n.id, { baseRevision: 0, sections: SOAP_TEXT }, context);
    if (r.ok) toSign.push({ id: n.id, revision: r.revision });
  }
  const results = {
    saves: await timed(200, async (i) => {
      const r = await saveDraft(actor, target, draft.id, { baseRevision: draft.revision, sections: { ...SOAP_TEXT, plan: `${SOAP_TEXT.plan} ${i}` } }, context);
      if (!r.ok) throw new Error("conflict in benchmark");
      draft.revision = r.revision;
    }),
    signs: await timed(60, (i) => signNote(actor, target, toSign[i]!.id, { baseRevision: toSign[i]!.revision }, context)),
    reads: await timed(100, (i) => readNote(actor, target, toSign[i % 60]!.id, context)),
    opens: await timed(50, async () => {
      const access = await findClientFor(actor, big, context);
      const notes = await listClientNotes(actor, access);
      await recordAudit(db(), { practiceId: actor.practiceId, actor: memberActor(actor), action: "client.viewed", target: { type: "client", id: access.client.code }, outcome: "SUCCESS", details: { entries: notes.length }, context });
      if (notes.length < 300) throw new Error("expected 300 notes");
    }),
    caseloads: await timed(50, async () => {
      const rows = await listCaseload(actor, {});
      if (rows.length !== 500) throw new Error(`expected 500 clients, got ${rows.length}`);
    }),
  };

  // The encryption inside those operations, measured on the cipher itself: the same calls on the
  // same note content (a save seals the note and its version; signing and reading open the note;
  // opening a client and the caseload decrypt nothing).
  const noteKey = newDataKey();
  const noteJson = JSON.stringify({ sections: SOAP_TEXT });
  const sealed = sealWith(noteKey, noteJson, "note:bench");
  const micro = (fn: () => void) => {
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = performance.now();
      fn();
      out.push(performance.now() - s);
    }
    return pct(out, 50);
  };
  const sealMs = micro(() => sealWith(noteKey, noteJson, "note:bench"));
  const openMs = micro(() => openWith(noteKey, sealed, "note:bench"));
  const cipherMs = { saves: 2 * sealMs, signs: openMs, reads: openMs, opens: 0, caseloads: 0 };
  say(`\nOne note (${Buffer.byteLength(noteJson)} bytes of JSON): seal p50 ${(sealMs * 1000).toFixed(1)} µs, open p50 ${(openMs * 1000).toFixed(1)} µs.`);

  say("\noperation                          p50 / p95 (real path)    of which encryption (p50)");
  for (const [name, key] of [
    ["save a draft (200)", "saves"],
    ["sign a note (60)", "signs"],
    ["read a note (100)", "reads"],
    ["open client with 300 notes (50)", "opens"],
    ["caseload of 500 clients (50)", "caseloads"],
  ] as const) {
    const a = results[key];
    const c = cipherMs[key];
    say(`${name.padEnd(35)}${`${pct(a, 50).toFixed(1)} / ${pct(a, 95).toFixed(1)} ms`.padEnd(25)}${(c * 1000).toFixed(1)} µs (${((c / pct(a, 50)) * 100).toFixed(2)}%)`);
  }

  // AES-256-GCM throughput: lib/crypto (envelope header, AAD, one copy) against raw node:crypto
  // on the same bytes; and sealWith, which notes use, including the UTF-8 encoding of the text.
  say("\nAES-256-GCM encrypt throughput (1 s each)   lib/crypto encrypt   raw node:crypto   sealWith (from text)");
  const key = randomBytes(32);
  for (const size of [1024, 16 * 1024, 256 * 1024]) {
    const text = "Session note text, plain ASCII like most notes. ".repeat(Math.ceil(size / 48)).slice(0, size);
    const buf = Buffer.from(text, "utf8");
    const rate = (fn: () => void) => {
      let bytes = 0;
      const start = performance.now();
      while (performance.now() - start < 1000) {
        fn();
        bytes += size;
      }
      return bytes / ((performance.now() - start) / 1000) / 1024 / 1024;
    };
    const ours = rate(() => encrypt(key, buf, "note:bench", 1));
    const raw = rate(() => {
      const c = createCipheriv("aes-256-gcm", key, randomBytes(12));
      c.setAAD(Buffer.from("note:bench"));
      Buffer.concat([c.update(buf), c.final()]);
      c.getAuthTag();
    });
    const fromText = rate(() => sealWith(key, text, "note:bench"));
    say(`  ${`${size / 1024} KiB messages`.padEnd(42)}${`${ours.toFixed(0)} MiB/s`.padEnd(21)}${`${raw.toFixed(0)} MiB/s`.padEnd(18)}${fromText.toFixed(0)} MiB/s`);
  }
} finally {
  await prisma.$disconnect();
  await db().$disconnect();
  await closeVaultPool();
  await dropBenchDatabase(DB);
}
