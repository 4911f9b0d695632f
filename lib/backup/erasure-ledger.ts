// The erasure ledger: one line per erased client, appended at erasure and kept apart from the
// database and its backups (a directory beside the WAL archive, ERASURE_LEDGER_DIR). A restore
// brings back the database as it was, erased clients included; replaying the ledger's entries
// from after the restore point erases them again before anyone is served (replay-erasures.ts).
//
// Each line is JSON holding ids and the client's code only (never identity), and an HMAC over
// the rest of the line under a key derived from AUDIT_CHECKPOINT_KEY, which lives outside the
// database: an altered or forged line is detected, and a ledger with one is not replayed.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit/chain";

export const LEDGER_FILE = "erasures.jsonl";
/** A ledger this large is refused rather than read into memory (about two million erasures). */
const MAX_LEDGER_BYTES = 512 * 1024 * 1024;

const entrySchema = z.strictObject({
  v: z.literal(1),
  practiceId: z.uuid(),
  clientId: z.uuid(),
  clientCode: z.string().min(1).max(40),
  erasedAt: z.iso.datetime(),
  actorId: z.string().max(64),
  actorRole: z.string().max(32),
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type ErasureEntry = Omit<z.infer<typeof entrySchema>, "v" | "mac">;

/** The ledger's HMAC key, derived from the checkpoint key so no new secret is needed. */
export function ledgerKey(auditCheckpointKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", auditCheckpointKey, Buffer.alloc(0), "confide erasure ledger v1", 32));
}

function mac(body: Record<string, unknown>, key: Buffer): string {
  return createHmac("sha256", key).update(canonicalJson(body)).digest("base64url");
}

export function ledgerLine(entry: ErasureEntry, key: Buffer): string {
  const body = { v: 1 as const, ...entry };
  return `${JSON.stringify({ ...body, mac: mac(body, key) })}\n`;
}

/**
 * Appends one entry and waits until it is on disk. One write of one short line to a file opened
 * for appending: concurrent writers' lines never interleave.
 */
export async function appendErasure(dir: string, entry: ErasureEntry, key: Buffer): Promise<void> {
  const file = await open(path.join(dir, LEDGER_FILE), "a", 0o600);
  try {
    await file.write(ledgerLine(entry, key));
    await file.datasync();
  } finally {
    await file.close();
  }
}

export class LedgerTampered extends Error {
  constructor(readonly lines: number[]) {
    super(`The erasure ledger has ${lines.length} line(s) that are malformed or fail their HMAC (line ${lines.slice(0, 10).join(", ")}). Nothing was replayed: restore the ledger from its copy, or check the key.`);
  }
}

/** Every entry, oldest first. A missing ledger is empty; a tampered one throws LedgerTampered. */
export async function readLedger(dir: string, key: Buffer): Promise<ErasureEntry[]> {
  const file = path.join(dir, LEDGER_FILE);
  const size = await stat(file).then((s) => s.size, (e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? -1 : Promise.reject(e)));
  if (size < 0) return [];
  if (size > MAX_LEDGER_BYTES) throw new Error(`The erasure ledger is larger than ${MAX_LEDGER_BYTES} bytes; refusing to read it.`);
  const entries: ErasureEntry[] = [];
  const bad: number[] = [];
  (await readFile(file, "utf8")).split("\n").forEach((line, i) => {
    if (line === "") return;
    const parsed = line.length <= 1000 ? entrySchema.safeParse(tryJson(line)) : undefined;
    if (!parsed?.success) return void bad.push(i + 1);
    const { mac: given, ...body } = parsed.data;
    const expected = Buffer.from(mac(body, key));
    if (expected.length !== given.length || !timingSafeEqual(expected, Buffer.from(given))) return void bad.push(i + 1);
    entries.push({ practiceId: body.practiceId, clientId: body.clientId, clientCode: body.clientCode, erasedAt: body.erasedAt, actorId: body.actorId, actorRole: body.actorRole });
  });
  if (bad.length) throw new LedgerTampered(bad);
  return entries.sort((a, b) => a.erasedAt.localeCompare(b.erasedAt));
}

function tryJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
