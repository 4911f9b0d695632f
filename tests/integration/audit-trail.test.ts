import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditTrail } from "@/lib/audit/verify";
import { threadedContentChecks } from "@/lib/audit/verify-threads";
import { chainHash } from "@/lib/audit/chain";
import { compareWithCheckpoint, createCheckpoint } from "@/lib/audit/checkpoint";
import type { AuditEventInput } from "@/lib/audit/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { sql } from "../support/sql";

const practiceId = randomUUID();
const event = (n: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput =>
  ({
    practiceId,
    actor: { type: "USER", id: randomUUID(), role: "THERAPIST" },
    action: "member.listed",
    target: { type: "practice", id: practiceId },
    outcome: "SUCCESS",
    details: { count: n },
    ...overrides,
  }) as AuditEventInput;

async function seededDatabase(events: number) {
  const database = await createTestDatabase();
  const prisma = createPrismaClient(database.appUrl, 2);
  await prisma.practice.create({ data: { id: practiceId, name: "Audit test practice" } });
  for (let i = 1; i <= events; i++) await recordAudit(prisma, event(i));
  await prisma.$disconnect();
  return database;
}

describe("writing the audit trail", () => {
  let database: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  beforeAll(async () => {
    database = await seededDatabase(0);
    prisma = createPrismaClient(database.appUrl, 10);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("commits an event with the change it records, and rolls both back together", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.practice.update({ where: { id: practiceId }, data: { name: "Renamed" } });
        await recordAudit(tx, event(0));
        throw new Error("the change failed after its event was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.auditEvent.count()).toBe(0);
    expect((await prisma.practice.findUniqueOrThrow({ where: { id: practiceId } })).name).toBe("Audit test practice");

    await prisma.$transaction(async (tx) => {
      await tx.practice.update({ where: { id: practiceId }, data: { name: "Renamed" } });
      await recordAudit(tx, event(1));
    });
    expect(await prisma.auditEvent.count()).toBe(1);
  });

  it("keeps one unbroken chain when eight writers record at once", async () => {
    const before = await prisma.auditEvent.count();
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 25; i++) await recordAudit(prisma, event(w * 100 + i));
        })(),
      ),
    );
    const seqs = (await prisma.auditEvent.findMany({ select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => Number(e.seq));
    expect(seqs).toEqual(Array.from({ length: before + 200 }, (_, i) => i + 1));
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: true, verified: before + 200, chains: 1 });
  });

  it("stores the hash the database finishes, equal to the one computed from the stored event", async () => {
    const awkward = event(7, {
      practiceId: practiceId.toUpperCase(),
      action: "appointment.created",
      // Every kind of value a detail can hold (text that is not an id or a code cannot be one).
      details: { client: "K7Q4MX2PB9XD", clinician: randomUUID(), type: "SESSION", appointmentType: randomUUID(), repeat: "WEEKLY", count: 3, series: null, fee: 6000, room: true, online: false },
      context: { requestId: "r\n1", ip: "2001:db8::1", userAgent: "Mozilla/5.0 \t 漢字 😀 \u0007" },
    });
    const { seq } = await recordAudit(prisma, awkward);
    await prisma.$transaction((tx) => recordAudit(tx, awkward));
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.practiceId)).toEqual([practiceId, practiceId]);
    for (const row of rows) expect(Buffer.from(row.hash)).toEqual(chainHash(Buffer.from(row.prevHash), { ...row, practiceId: row.practiceId }));
    expect((await verifyAuditTrail(database.appUrl)).ok).toBe(true);
  });

  it("commits a lone event at once, and a refused one does not sink the others written with it", async () => {
    const before = await prisma.auditEvent.count();
    // Twelve at once on one chain go out in few statements; the database refuses the NUL byte.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => recordAudit(prisma, event(i, { context: { requestId: i === 5 ? "bad\u0000" : `r${i}`, ip: null, userAgent: null } }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 5 ? "rejected" : "fulfilled")));
    expect(await prisma.auditEvent.count()).toBe(before + 11);
    expect(await verifyAuditTrail(database.appUrl)).toMatchObject({ ok: true, verified: before + 11 });
  });

  it("groups events of many chains, and a head held by an open transaction holds up only its own chain", async () => {
    const others = Array.from({ length: 5 }, () => randomUUID());
    for (const id of others) await prisma.practice.create({ data: { id, name: "Another practice" } });
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    // A change in progress on practiceId's chain: its head stays locked until this commits.
    const transaction = prisma.$transaction(async (tx) => {
      await recordAudit(tx, event(1));
      held();
      await new Promise<void>((r) => (release = r));
    });
    await holding;
    const blocked = recordAudit(prisma, event(2));
    const elsewhere = await Promise.all(others.flatMap((id) => [1, 2, 3].map((n) => recordAudit(prisma, event(n, { practiceId: id })))));
    // (Concurrent events of a chain take its sequence numbers in any order.)
    const perChain = others.map((_, c) => elsewhere.slice(3 * c, 3 * c + 3).map((e) => Number(e.seq)).sort());
    expect(perChain).toEqual(others.map(() => [1, 2, 3]));
    release();
    await transaction;
    const { seq } = await blocked;
    expect(await prisma.auditEvent.findFirst({ where: { chainId: practiceId }, orderBy: { seq: "desc" } })).toMatchObject({ seq });
    expect(await verifyAuditTrail(database.appUrl)).toMatchObject({ ok: true, chains: 6 });
  });

  it("verifies while writers append, without mistaking their new events for tampering", async () => {
    const writing = Promise.all(Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 30; i++) await recordAudit(prisma, event(w * 100 + i));
      })()));
    const checks = await Promise.all([verifyAuditTrail(database.appUrl), verifyAuditTrail(database.appUrl, practiceId)]);
    await writing;
    for (const result of checks) expect(result.ok).toBe(true);
  });

  it("refuses details that look like personal data or content", async () => {
    const before = await prisma.auditEvent.count();
    // None compiles (member.listed declares only a count); the guard refuses them all the same.
    await expect(recordAudit(prisma, event(1, { details: { clientName: "x" } as never }))).rejects.toThrow(/personal data/);
    await expect(recordAudit(prisma, event(1, { details: { noteText: "x" } as never }))).rejects.toThrow(/personal data/);
    await expect(recordAudit(prisma, event(1, { details: { count: 1, filter: "Jane Doe" } as never }))).rejects.toThrow(/member.listed/);
    await expect(recordAudit(prisma, event(1, { action: "made.up.action" as never }))).rejects.toThrow();
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("puts events with no practice on the platform chain", async () => {
    await recordAudit(prisma, event(1, { practiceId: null, actor: { type: "SYSTEM", id: null, role: null }, target: null, action: "auth.signin.failed", outcome: "FAILED", details: { reason: "unknown_account" } }));
    const result = await verifyAuditTrail(database.appUrl);
    expect(result.ok).toBe(true);
    expect(result.heads.map((h) => h.chainId)).toContain("platform");
  });
});

describe("the audit table is append-only for the app's database role", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await seededDatabase(3);
  });
  afterAll(async () => database?.drop());

  it.each([
    ["UPDATE", `UPDATE audit_event SET action = 'auth.signout'`],
    ["DELETE", `DELETE FROM audit_event`],
    ["TRUNCATE", `TRUNCATE audit_event`],
    ["DISABLE TRIGGER", `ALTER TABLE audit_event DISABLE TRIGGER ALL`],
    ["replica mode", `SET session_replication_role = replica`],
    ["DROP TABLE", `DROP TABLE audit_event`],
  ])("refuses %s", async (_label, statement) => {
    await expect(sql(database.appUrl, statement)).rejects.toThrow(/append-only|permission denied|must be owner/);
    expect((await sql<{ n: string }>(database.appUrl, "SELECT count(*)::text AS n FROM audit_event"))[0]!.n).toBe("3");
  });

  it("refuses UPDATE and DELETE even from the table's owner", async () => {
    await expect(sql(database.ownerUrl, `DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(sql(database.ownerUrl, `UPDATE audit_event SET ip = '1.2.3.4'`)).rejects.toThrow(/append-only/);
  });
});

describe("tampering by someone with superuser access is detected", () => {
  // A superuser can switch the triggers off; the hash chain still gives them away.
  const tamper = async (database: TestDatabase, statement: string) =>
    sql(
      database.superuserUrl,
      `BEGIN; ALTER TABLE audit_event DISABLE TRIGGER USER; ${statement};
       ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_delete;
       ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate; COMMIT;`,
    );

  it("verifies an untouched trail", async () => {
    const database = await seededDatabase(10);
    const r = await verifyAuditTrail(database.appUrl);
    expect(r).toMatchObject({ ok: true, verified: 10 });
    await database.drop();
  });

  it("names the first altered event", async () => {
    const database = await seededDatabase(10);
    await tamper(database, `UPDATE audit_event SET details = '{"n": 99}' WHERE seq = 4`);
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: false, broken: { seq: "4", reason: expect.stringMatching(/altered/) } });
    await database.drop();
  });

  it("names the same event when hashing on worker threads", async () => {
    const database = await seededDatabase(10);
    await tamper(database, `UPDATE audit_event SET "userAgent" = 'changed' WHERE seq = 8`);
    const threads = threadedContentChecks(2);
    try {
      const result = await verifyAuditTrail(database.appUrl, undefined, { contentChecks: threads });
      expect(result).toMatchObject({ ok: false, broken: { seq: "8", reason: expect.stringMatching(/altered/) } });
    } finally {
      await threads.close();
    }
    await database.drop();
  });

  it("verifies rows stored out of chain order, falling back to reading in chain order", async () => {
    const database = await seededDatabase(10);
    // Newest first on disk: every row arrives before the one it follows.
    await sql(database.superuserUrl, `CLUSTER audit_event USING "audit_event_practiceId_occurredAt_id_idx"`);
    expect(await verifyAuditTrail(database.appUrl)).toMatchObject({ ok: true, verified: 10 });
    expect(await verifyAuditTrail(database.appUrl, undefined, { maxEarlyRows: 2 })).toMatchObject({ ok: true, verified: 10 });
    await tamper(database, `UPDATE audit_event SET outcome = 'DENIED' WHERE seq = 3`);
    for (const maxEarlyRows of [undefined, 2]) {
      expect(await verifyAuditTrail(database.appUrl, undefined, { maxEarlyRows })).toMatchObject({ ok: false, broken: { seq: "3" } });
    }
    await database.drop();
  });

  it("names the first removed event", async () => {
    const database = await seededDatabase(10);
    await tamper(database, `DELETE FROM audit_event WHERE seq = 6`);
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: false, broken: { seq: "6", reason: expect.stringMatching(/missing/) } });
    await database.drop();
  });

  it("names an event inserted out of order", async () => {
    const database = await seededDatabase(10);
    // Renumber 7..10 up by one and slip a forged event in at 7.
    await tamper(
      database,
      `UPDATE audit_event SET seq = seq + 100 WHERE seq >= 7;
       UPDATE audit_event SET seq = seq - 99 WHERE seq >= 107;
       INSERT INTO audit_event ("chainId", seq, "occurredAt", "practiceId", "actorType", action, outcome, details, "prevHash", hash)
       SELECT "chainId", 7, now(), "practiceId", 'SYSTEM', 'auth.signout', 'SUCCESS', '{}', hash, sha256('forged')
         FROM audit_event WHERE seq = 6`,
    );
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: false, broken: { seq: "7" } });
    await database.drop();
  });

  it("notices a chain whose every event was deleted", async () => {
    const database = await seededDatabase(4);
    await tamper(database, `DELETE FROM audit_event`);
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: false, broken: { seq: "1", reason: expect.stringMatching(/all 4 events/) } });
    expect((await verifyAuditTrail(database.appUrl, practiceId)).ok).toBe(false);
    await database.drop();
  });

  it("names a removal from the end, which only the chain head reveals", async () => {
    const database = await seededDatabase(10);
    await tamper(database, `DELETE FROM audit_event WHERE seq = 10`);
    const result = await verifyAuditTrail(database.appUrl);
    expect(result).toMatchObject({ ok: false, broken: { seq: "10" } });
    await database.drop();
  });

  it("a signed checkpoint exposes a trail rewritten with consistent new hashes", async () => {
    const database = await seededDatabase(5);
    const key = Buffer.alloc(32, 9);
    const before = await verifyAuditTrail(database.appUrl);
    const checkpoint = createCheckpoint(before.heads, key);

    // A careful attacker rewrites event 2 and recomputes every later hash and the head.
    const prisma = createPrismaClient(database.superuserUrl, 1);
    const rows = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    let prev: Buffer = Buffer.from(rows[0]!.hash);
    const rewritten: string[] = [];
    for (const row of rows.slice(1)) {
      const details = row.seq === 2n ? { n: 1234 } : row.details;
      const hash = chainHash(prev, { ...row, details });
      rewritten.push(`UPDATE audit_event SET details = '${JSON.stringify(details)}', "prevHash" = '\\x${prev.toString("hex")}', hash = '\\x${hash.toString("hex")}' WHERE seq = ${row.seq}`);
      prev = hash;
    }
    rewritten.push(`UPDATE audit_chain_head SET hash = '\\x${prev.toString("hex")}'`);
    await prisma.$disconnect();
    await tamper(database, rewritten.join(";\n"));

    const after = await verifyAuditTrail(database.appUrl);
    expect(after.ok).toBe(true); // the chain alone cannot tell...
    const hashAt = (chainId: string, seq: string) => after.heads.find((h) => h.chainId === chainId && h.seq === seq)?.hash;
    expect(compareWithCheckpoint(checkpoint, key, hashAt)).toEqual({ ok: false, reason: expect.stringMatching(/no longer matches/) });
    // ...and a forged checkpoint needs the key, which is not in the database.
    const forged = { ...createCheckpoint(after.heads, Buffer.alloc(32, 1)), createdAt: checkpoint.createdAt };
    expect(compareWithCheckpoint(forged, key, hashAt)).toEqual({ ok: false, reason: expect.stringMatching(/signature/) });
    expect(compareWithCheckpoint(createCheckpoint(before.heads, key), key, (c, s) => before.heads.find((h) => h.chainId === c && h.seq === s)?.hash)).toEqual({ ok: true });
    await database.drop();
  });
});
