import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendErasure, LEDGER_FILE, ledgerKey, LedgerTampered, readLedger, type ErasureEntry } from "./erasure-ledger";

const key = ledgerKey(randomBytes(32));
let dir: string;
const entry = (code: string, erasedAt = new Date().toISOString()): ErasureEntry => ({
  practiceId: randomUUID(), clientId: randomUUID(), clientCode: code, erasedAt, actorId: randomUUID(), actorRole: "OWNER",
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "confide-ledger-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the erasure ledger", () => {
  it("reads back what was appended, oldest first, and an absent ledger as empty", async () => {
    expect(await readLedger(dir, key)).toEqual([]);
    const later = entry("BBBB2222", "2026-11-02T10:00:00.000Z");
    const earlier = entry("AAAA1111", "2026-11-01T10:00:00.000Z");
    await Promise.all([appendErasure(dir, later, key), appendErasure(dir, earlier, key)]);
    expect(await readLedger(dir, key)).toEqual([earlier, later]);
  });

  it("holds ids, the code, the time and the actor only: one JSON line each, no identity", async () => {
    await appendErasure(dir, entry("CCCC3333"), key);
    const [line, rest] = (await readFile(path.join(dir, LEDGER_FILE), "utf8")).split("\n");
    expect(rest).toBe("");
    expect(Object.keys(JSON.parse(line!)).sort()).toEqual(["actorId", "actorRole", "clientCode", "clientId", "erasedAt", "mac", "practiceId", "v"]);
  });

  it("refuses a ledger with an altered, forged or foreign-key line, naming the line, and replays nothing", async () => {
    await appendErasure(dir, entry("DDDD4444"), key);
    await appendErasure(dir, entry("EEEE5555"), key);
    const file = path.join(dir, LEDGER_FILE);
    const lines = (await readFile(file, "utf8")).split("\n");
    const altered = JSON.parse(lines[1]!) as Record<string, string>;
    altered.clientId = randomUUID();
    await writeFile(file, [lines[0], JSON.stringify(altered), ""].join("\n"));
    await expect(readLedger(dir, key)).rejects.toMatchObject({ lines: [2] });
    await expect(readLedger(dir, key)).rejects.toBeInstanceOf(LedgerTampered);
    // A line signed under another key (not AUDIT_CHECKPOINT_KEY's) is a forgery too.
    await writeFile(file, lines[0] + "\n");
    await appendErasure(dir, entry("FFFF6666"), ledgerKey(randomBytes(32)));
    await expect(readLedger(dir, key)).rejects.toMatchObject({ lines: [2] });
    await writeFile(file, "not json\n");
    await expect(readLedger(dir, key)).rejects.toMatchObject({ lines: [1] });
  });
});
