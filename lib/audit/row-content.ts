import { hash as digest } from "node:crypto";
import { canonicalJson } from "./chain";

// One audit event as PostgreSQL's binary COPY sends it, checked without turning it into an
// object: its canonical content (chain.ts) is written byte by byte into one reused buffer and
// hashed there. The bytes are exactly those canonicalContent gives; tests hold the two equal.

/** The columns, in this order, of the COPY read here. */
export const WALKED_COLUMNS = `"chainId", seq, "occurredAt", "practiceId", "actorType", "actorId", "actorRole", action,
  "targetType", "targetId", outcome, "requestId", ip, "userAgent", details, "prevHash", hash`;

export const FIELDS = 17;
export const [CHAIN, SEQ, OCCURRED, PRACTICE, ACTOR_TYPE, ACTOR_ID, ACTOR_ROLE, ACTION, TARGET_TYPE, TARGET_ID, OUTCOME,
  REQUEST, IP, USER_AGENT, DETAILS, PREV_HASH, HASH] = Array.from({ length: FIELDS }, (_, i) => i) as number[] as [
  number, number, number, number, number, number, number, number, number, number, number, number, number, number,
  number, number, number];
export const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const PG_EPOCH_MS = 946_684_800_000; // 2000-01-01T00:00:00Z, where PostgreSQL's timestamps count from
const HEX = Buffer.from("0123456789abcdef", "latin1");

// The canonical form: each field, in its (sorted) key order, after its key.
const text = (s: string) => Buffer.from(s, "latin1");
const LAYOUT = ([
  ['{"action":', ACTION], [',"actorId":', ACTOR_ID], [',"actorRole":', ACTOR_ROLE], [',"actorType":', ACTOR_TYPE],
  [',"chainId":', CHAIN], [',"details":', DETAILS], [',"ip":', IP], [',"occurredAt":', OCCURRED], [',"outcome":', OUTCOME],
  [',"practiceId":', PRACTICE], [',"requestId":', REQUEST], [',"seq":', SEQ], [',"targetId":', TARGET_ID],
  [',"targetType":', TARGET_TYPE], [',"userAgent":', USER_AGENT],
] as const).map(([key, field]) => ({ key: text(key), field }));
const END = text(',"v":1}'), NULL = text("null");

/**
 * Where the fields of the row whose field count is at `at` lie (into offsets and lengths);
 * returns the row's end, or -1 if buf holds only part of it.
 */
export function frameRow(buf: Buffer, at: number, offsets: Int32Array, lengths: Int32Array): number {
  let p = at + 2;
  for (let f = 0; f < FIELDS; f++) {
    if (buf.length - p < 4) return -1;
    const n = buf.readInt32BE(p);
    p += 4;
    offsets[f] = p;
    lengths[f] = n;
    if (n > 0) p += n;
    if (p > buf.length) return -1;
  }
  return p;
}

/** An int8 field (seq, or a timestamp's microseconds): exact up to 2^53, beyond any real value. */
export const readInt64 = (buf: Buffer, at: number) => buf.readInt32BE(at) * 4_294_967_296 + buf.readUInt32BE(at + 4);

export class RowContent {
  readonly at = new Int32Array(FIELDS);
  readonly len = new Int32Array(FIELDS);
  private out = Buffer.alloc(8192);
  private day = NaN;
  private dayText = Buffer.alloc(0);

  /** The rows (complete, one after another) whose content does not hold: [latin1 chain id, seq]. */
  failingRows(buf: Buffer): [string, number][] {
    const failed: [string, number][] = [];
    for (let at = 0; at < buf.length; ) {
      const end = frameRow(buf, at, this.at, this.len);
      if (end < 0) throw new Error("a partial row");
      if (!this.holds(buf, end - at)) {
        failed.push([buf.toString("latin1", this.at[CHAIN]!, this.at[CHAIN]! + this.len[CHAIN]!), readInt64(buf, this.at[SEQ]!)]);
      }
      at = end;
    }
    return failed;
  }

  /** JSON of Date#toISOString of ms since 1970, written at p; a row's day is usually the last row's. */
  private isoTime(ms: number, out: Buffer, p: number): number {
    const day = Math.floor(ms / 86_400_000);
    if (day !== this.day) {
      // Years outside 0000–9999 need Date's longer form; none we write, but a tamperer's might.
      if (ms < -62_167_219_200_000 || ms > 253_402_300_799_999) return p + out.write(JSON.stringify(new Date(ms)), p, "latin1");
      this.day = day;
      this.dayText = Buffer.from(`"${new Date(day * 86_400_000).toISOString().slice(0, 11)}`, "latin1");
    }
    p = put(this.dayText, out, p);
    let t = ms - day * 86_400_000;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    const sec = t % 60;
    t = (t - sec) / 60;
    const min = t % 60;
    const hour = (t - min) / 60;
    out[p] = 0x30 + ((hour / 10) | 0);
    out[p + 1] = 0x30 + (hour % 10);
    out[p + 2] = 0x3a;
    out[p + 3] = 0x30 + ((min / 10) | 0);
    out[p + 4] = 0x30 + (min % 10);
    out[p + 5] = 0x3a;
    out[p + 6] = 0x30 + ((sec / 10) | 0);
    out[p + 7] = 0x30 + (sec % 10);
    out[p + 8] = 0x2e;
    out[p + 9] = 0x30 + ((milli / 100) | 0);
    out[p + 10] = 0x30 + (((milli / 10) | 0) % 10);
    out[p + 11] = 0x30 + (milli % 10);
    out[p + 12] = 0x5a;
    out[p + 13] = 0x22;
    return p + 14;
  }

  /**
   * Whether the row just framed into at/len has 32-byte hashes, and its hash is SHA-256(its
   * stored previous hash ‖ its canonical content).
   */
  holds(buf: Buffer, rowLength: number): boolean {
    const at = this.at;
    const len = this.len;
    if (len[PREV_HASH] !== 32 || len[HASH] !== 32) return false;
    // Worst case: every byte escaped as \u00XX (6 bytes), plus the fixed text.
    if (this.out.length < 6 * rowLength + 512) this.out = Buffer.alloc(12 * rowLength + 1024);
    const out = this.out;
    buf.copy(out, 0, at[PREV_HASH]!, at[PREV_HASH]! + 32);
    let p = 32;
    try {
      for (const { key, field } of LAYOUT) {
        p = put(key, out, p);
        const f = at[field]!;
        if (field === DETAILS) p = canonicalDetails(buf, f, len[field]!, out, p);
        else if (field === OCCURRED) p = this.isoTime(readMillis(buf, f) + PG_EPOCH_MS, out, p);
        else if (field === PRACTICE) p = uuidString(buf, f, len[field]!, out, p);
        else if (field === SEQ) p = seqString(buf, f, out, p);
        else p = jsonString(buf, f, len[field]!, out, p);
      }
      p = put(END, out, p);
    } catch {
      return false; // content no writer could have hashed, e.g. a timestamp no Date can hold
    }
    return digest("sha256", out.subarray(0, p), "buffer").compare(buf, at[HASH]!, at[HASH]! + 32) === 0;
  }
}

/** A timestamp's milliseconds since 2000 (its microseconds leave a double's exact range after 2285). */
function readMillis(buf: Buffer, at: number): number {
  const micros = readInt64(buf, at);
  return Number.isSafeInteger(micros) ? Math.floor(micros / 1000) : Number(buf.readBigInt64BE(at) / 1000n);
}

/** A sequence number as canonicalContent writes it: a quoted decimal string. */
function seqString(buf: Buffer, at: number, out: Buffer, p: number): number {
  const seq = readInt64(buf, at);
  return p + out.write(`"${Number.isSafeInteger(seq) ? seq : buf.readBigInt64BE(at)}"`, p, "latin1");
}

/** Copies a short run of bytes (a loop beats Buffer#copy's call cost at these sizes). */
function put(bytes: Uint8Array, out: Buffer, p: number): number {
  for (let i = 0; i < bytes.length; i++) out[p + i] = bytes[i]!;
  return p + bytes.length;
}

/** JSON.stringify of a UTF-8 text field (or null), written at p; returns the new end. */
function jsonString(buf: Buffer, at: number, len: number, out: Buffer, p: number): number {
  if (len < 0) return put(NULL, out, p);
  const end = at + len;
  out[p] = 0x22;
  let q = p + 1;
  for (let i = at; i < end; i++) {
    const c = buf[i]!;
    // JSON.stringify escapes only ", \ and control characters; other bytes pass through as UTF-8.
    if (c < 0x20 || c === 0x22 || c === 0x5c) return p + out.write(JSON.stringify(buf.toString("utf8", at, end)), p, "utf8");
    out[q++] = c;
  }
  out[q] = 0x22;
  return q + 1;
}

/** A uuid (16 bytes) as PostgreSQL writes it: lower-case hex, 8-4-4-4-12, quoted; or null. */
function uuidString(buf: Buffer, at: number, len: number, out: Buffer, p: number): number {
  if (len < 0) return put(NULL, out, p);
  if (len !== 16) throw new Error("not a uuid");
  out[p++] = 0x22;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[p++] = 0x2d;
    const b = buf[at + i]!;
    out[p++] = HEX[b >> 4]!;
    out[p++] = HEX[b & 15]!;
  }
  out[p++] = 0x22;
  return p;
}

/** canonicalJson of a binary jsonb value (a version byte, then its text). */
function canonicalDetails(buf: Buffer, at: number, len: number, out: Buffer, p: number): number {
  if (len < 1 || buf[at] !== 1) throw new Error("not jsonb");
  // Most events carry no details: skip the parse.
  if (len === 3 && buf[at + 1] === 0x7b && buf[at + 2] === 0x7d) {
    out[p] = 0x7b;
    out[p + 1] = 0x7d;
    return p + 2;
  }
  const json = canonicalJson(JSON.parse(buf.toString("utf8", at + 1, at + len)));
  if (Buffer.byteLength(json) > out.length - p - 512) throw new Error("details longer than the room made for them");
  return p + out.write(json, p, "utf8");
}
