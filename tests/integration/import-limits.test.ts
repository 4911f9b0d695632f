import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { ARCHIVE_LIMITS, openBoundedZip } from "@/lib/transfer/read-zip";
import { createMember, createPractice, setUpTestDatabase } from "../support/factory";
import { craftZip, deflatedZeros } from "../support/zip-bomb";

// A small upload must not make the server allocate out of proportion: a restore archive is
// refused on its directory (too many files, declared sizes over the limits) before anything is
// inflated, and an entry that inflates past what it declares stops within one small step.
// CSV imports are bounded by size (413), rows and cell length. Nothing is written either way.

const context = { requestId: null, ip: "198.51.100.45", userAgent: "import-limits-test" };
const MB = 1024 * 1024;
/** What one 4 KB slice of deflate input can produce at most (ratio ~1,032:1), plus fflate's window. */
const ONE_STEP = 4096 * 1032 + 32 * 1024;
const db = setUpTestDatabase();
let owner: Actor;
let bomb: Uint8Array;

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const manifest = (counts: Record<string, number>) =>
  encode({ format: "confide-practice-export", formatVersion: 1, exportedAt: new Date().toISOString(), source: { practiceId: randomUUID(), practiceName: "Bomb", timeZone: "Europe/London", appVersion: "test" }, counts, sha256: {} });

beforeAll(async () => {
  const practice = await createPractice({ name: "Limits" });
  owner = await createMember({ practice, role: "OWNER", tag: "limits-owner" });
  bomb = deflatedZeros(200 * MB);
});

async function expectNothingWritten() {
  expect(await db.prisma.client.count({ where: { practiceId: owner.practiceId } })).toBe(0);
  expect(await db.prisma.auditEvent.count({ where: { practiceId: owner.practiceId, action: "practice.imported" } })).toBe(0);
}

describe("a practice archive over the limits", () => {
  it("the bomb is small: 200 MB of zeros in about 200 KB", () => {
    expect(bomb.length).toBeLessThan(300 * 1024);
  });

  it("is refused with a 422 before anything is inflated when an entry declares its true, huge size", async () => {
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const zip = craftZip([
      { name: "manifest.json", method: 0, data: manifest({ notes: 1 }), declared: manifest({ notes: 1 }).length },
      { name: "notes.json", method: 8, data: bomb, declared: 200 * MB },
    ]);
    expect(() => openBoundedZip(zip)).toThrow(expect.objectContaining({ status: 422, code: "archive_over_limits" }));
    await expect(importPractice(owner, zip, context)).rejects.toMatchObject({ status: 422, userMessage: expect.stringMatching(/unpacks to 200 MB/) });
    await expectNothingWritten();
  });

  it("stops inflating an entry that lies about its size as soon as it passes what it declared", async () => {
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const m = manifest({ notes: 1 });
    const zip = craftZip([
      { name: "manifest.json", method: 0, data: m, declared: m.length },
      { name: "notes.json", method: 8, data: bomb, declared: 1000 },
    ]);
    const opened = openBoundedZip(zip);
    expect(opened.read("manifest.json")).toEqual(m);
    expect(() => opened.read("notes.json")).toThrow(expect.objectContaining({ status: 422, userMessage: expect.stringMatching(/more than the 1,000 bytes it declares/) }));
    // 200 MB would have come out; the inflater stopped within one 4 KB step of input.
    expect(opened.inflatedBytes - m.length).toBeLessThanOrEqual(1000 + ONE_STEP);
    await expect(importPractice(owner, zip, context)).rejects.toMatchObject({ status: 422, code: "archive_over_limits" });
    await expectNothingWritten();
  });

  it("stops at the archive's budget when a lying entry declares just under it", () => {
    const budget = Math.max(ARCHIVE_LIMITS.ratioFloor, ARCHIVE_LIMITS.ratio * bomb.length);
    expect(budget).toBeLessThan(200 * MB);
    // Each of two entries declares half the budget, and each would unpack to 200 MB.
    const zip = craftZip([
      { name: "a.json", method: 8, data: bomb, declared: Math.floor(budget / 2) },
      { name: "b.json", method: 8, data: bomb, declared: Math.floor(budget / 2) },
    ]);
    const opened = openBoundedZip(zip);
    expect(() => opened.read("a.json")).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => opened.read("b.json")).toThrow(expect.objectContaining({ status: 422 }));
    expect(opened.inflatedBytes).toBeLessThanOrEqual(budget + 2 * ONE_STEP);
  });

  it("is refused with a 422 when it holds too many files, before any is inflated", async () => {
    const { importPractice } = await import("@/lib/transfer/import-practice");
    const files = Array.from({ length: ARCHIVE_LIMITS.entries + 1 }, (_, i) => ({ name: `f${i}.json`, method: 0, data: encode([]), declared: 2 }));
    const zip = craftZip([{ name: "manifest.json", method: 0, data: manifest({}), declared: manifest({}).length }, ...files]);
    await expect(importPractice(owner, zip, context)).rejects.toMatchObject({ status: 422, userMessage: expect.stringMatching(/holds 102 files \(at most 100\)/) });
    await expectNothingWritten();
  });

  it("is refused with a 422 when an entry is corrupt or shorter than it declares", () => {
    const corrupt = craftZip([{ name: "notes.json", method: 8, data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declared: 10 }]);
    expect(() => openBoundedZip(corrupt).read("notes.json")).toThrow(expect.objectContaining({ status: 422, code: "archive_malformed" }));
    const short = craftZip([{ name: "notes.json", method: 0, data: encode([]), declared: 10 }]);
    expect(() => openBoundedZip(short).read("notes.json")).toThrow(expect.objectContaining({ status: 422, code: "archive_malformed" }));
  });
});

describe("a CSV import over the limits", () => {
  const header = "label,full_name";

  it("refuses more rows than a file may hold, naming the first row over", async () => {
    const { commitClientImport } = await import("@/lib/transfer/import-clients");
    const rows = Array.from({ length: 10_001 }, (_, i) => `L${i},`);
    const result = await commitClientImport(owner, [header, ...rows].join("\n"), context);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 10_002, column: null, message: expect.stringMatching(/up to 10,000 clients/) }] });
    await expectNothingWritten();
  });

  it("refuses a cell longer than any column takes, and a header wider than the known columns", async () => {
    const { commitClientImport } = await import("@/lib/transfer/import-clients");
    const { previewAppointmentImport } = await import("@/lib/transfer/import-appointments");
    expect(await commitClientImport(owner, `${header}\nA,${"x".repeat(1001)}`, context)).toMatchObject({ ok: false, errors: [{ row: 2, message: expect.stringMatching(/longer than 1,000 characters/) }] });
    expect((await previewAppointmentImport(owner, `${Array.from({ length: 40 }, (_, i) => `c${i}`).join(",")}\n`)).errors).toEqual([{ row: 1, column: null, message: expect.stringMatching(/header row has 40 columns/) }]);
    await expectNothingWritten();
  });

  it("answers an upload over 10 MB with a 413, however the body is sent", async () => {
    const { readUpload } = await import("@/lib/http/upload");
    const { MAX_IMPORT_BYTES } = await import("@/lib/transfer/csv-file");
    const body = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    const stream = new ReadableStream({ start: (c) => (c.enqueue(body), c.close()) });
    // A streamed body without Content-Length: the limit holds while it is read.
    const request = new Request("http://localhost/api/import/clients?mode=preview", { method: "POST", headers: { "content-type": "text/csv" }, body: stream, duplex: "half" } as RequestInit);
    await expect(readUpload(request, "csv", MAX_IMPORT_BYTES)).rejects.toMatchObject({ status: 413, userMessage: expect.stringMatching(/larger than 10 MB/) });
  });
});
