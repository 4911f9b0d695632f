import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH, type ChainedContent } from "./chain";
import { ChainWalker, TooFarOutOfOrder, type ChainEnd, type ContentChecks } from "./chain-walker";
import { RowContent } from "./row-content";

// Writes events as PostgreSQL's binary COPY does, so the walker can be tested without a database
// (the integration tests walk real COPY output).
const PG_EPOCH_MS = 946_684_800_000;

interface Row extends ChainedContent {
  prevHash: Buffer;
  hash: Buffer;
}

function field(value: Buffer | null): Buffer {
  const len = Buffer.alloc(4);
  len.writeInt32BE(value === null ? -1 : value.length);
  return value === null ? len : Buffer.concat([len, value]);
}
const textField = (s: string | null) => field(s === null ? null : Buffer.from(s, "utf8"));
const int8 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

function copyStream(rows: Row[]): Buffer {
  const header = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
  const count = Buffer.alloc(2);
  count.writeInt16BE(17);
  const body = rows.map((r) =>
    Buffer.concat([
      count,
      textField(r.chainId),
      field(int8(r.seq)),
      field(int8(BigInt(r.occurredAt.getTime() - PG_EPOCH_MS) * 1000n)),
      field(r.practiceId === null ? null : Buffer.from(r.practiceId.replaceAll("-", ""), "hex")),
      textField(r.actorType), textField(r.actorId), textField(r.actorRole), textField(r.action),
      textField(r.targetType), textField(r.targetId), textField(r.outcome), textField(r.requestId),
      textField(r.ip), textField(r.userAgent),
      // jsonb: a version byte, then PostgreSQL's text form (keys by length, spaces after colons).
      field(Buffer.concat([Buffer.from([1]), Buffer.from(JSON.stringify(r.details).replaceAll(":", ": "), "utf8")])),
      field(r.prevHash), field(r.hash),
    ]),
  );
  return Buffer.concat([header, ...body, Buffer.from([0xff, 0xff])]);
}

const practiceId = "6c1f0e2a-1b7e-4f60-9c5d-3f1c9b0a2d11";
function chain(id: string, n: number, vary: (i: number) => Partial<ChainedContent> = () => ({})): Row[] {
  let prev: Buffer = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const content: ChainedContent = {
      chainId: id, seq: BigInt(i + 1), occurredAt: new Date(Date.UTC(2026, 4, 3, 9, 15, 0, i * 7)),
      practiceId: id === "platform" ? null : id, actorType: "USER", actorId: "a1", actorRole: "OWNER",
      action: "member.listed", targetType: null, targetId: null, outcome: "SUCCESS", requestId: "req",
      ip: "203.0.113.7", userAgent: "Mozilla/5.0", details: {}, ...vary(i),
    };
    const hash = chainHash(prev, content);
    const row = { ...content, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

async function walk(bytes: Buffer, chunkSize = bytes.length, offload?: ContentChecks) {
  const walker = new ChainWalker({ offload });
  for (let at = 0; at < bytes.length; at += chunkSize) await walker.push(bytes.subarray(at, at + chunkSize));
  const ends: ChainEnd[] = [];
  const { verified, broken } = await walker.finish((end) => void ends.push({ ...end, hash: Buffer.from(end.hash) }));
  return { verified, broken, ends };
}

/** The same rows in a fixed shuffled order, as a table scan might return them. */
function shuffled<T>(rows: T[]): T[] {
  let state = 42;
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const awkward = (i: number): Partial<ChainedContent> => [
  {},
  { userAgent: 'Quote " backslash \\ tab \t newline \n bell \u0007 é 漢字 😀', actorId: null, requestId: null },
  { details: { reason: "wrong_password", attempts: 3, locked: false, extra: null, "ü key": "ω" } },
  { details: { z: 1, a: { y: true, b: null }, list: [2, "x"] }, targetType: "client", targetId: "K7Q-4MX-2PB" },
  { occurredAt: new Date("1999-12-31T23:59:59.999Z"), actorType: "SYSTEM", actorRole: null, ip: null, userAgent: null },
  { userAgent: "", details: { s: "" } },
][i % 6]!;

describe("walking a binary COPY of the audit trail", () => {
  it("recomputes exactly the hashes the writer made, whatever the content", async () => {
    const rows = [...chain(practiceId, 12, awkward), ...chain("platform", 5, awkward)];
    const { verified, broken, ends } = await walk(copyStream(rows));
    expect(broken).toBeUndefined();
    expect(verified).toBe(17);
    expect(ends).toEqual([
      { chainId: practiceId, lastSeq: 12, hash: rows[11]!.hash },
      { chainId: "platform", lastSeq: 5, hash: rows[16]!.hash },
    ]);
  });

  it("writes every instant as Date#toISOString does, from year 0 to 9999 and beyond", async () => {
    const extremes = [-62_167_219_200_000, -1, 0, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001];
    const instants = [...extremes, ...Array.from({ length: 300 }, (_, i) => Math.round(-62_167_219_200_000 + ((i * 7_919) % 300) * 1_052_000_000_000 + i * 86_399_999))];
    const rows = chain(practiceId, instants.length, (i) => ({ occurredAt: new Date(instants[i]!) }));
    expect(await walk(copyStream(rows))).toMatchObject({ verified: instants.length, broken: undefined });
  });

  it("reads rows split across chunks at any byte", async () => {
    const bytes = copyStream(chain(practiceId, 6, awkward));
    for (const size of [1, 2, 3, 7, 19, 20, 64, 333]) expect(await walk(bytes, size)).toMatchObject({ verified: 6, broken: undefined });
  });

  it("ends an empty walk with no chains", async () => {
    expect(await walk(copyStream([]))).toEqual({ verified: 0, broken: undefined, ends: [] });
  });

  it("names the first altered event", async () => {
    const rows = chain(practiceId, 8, awkward);
    rows[4] = { ...rows[4]!, ip: "198.51.100.1" };
    expect(await walk(copyStream(rows), 50)).toMatchObject({ verified: 4, broken: { seq: "5", reason: expect.stringMatching(/altered/) } });
  });

  it("names a missing event, events out of order and a broken link", async () => {
    const rows = chain(practiceId, 8);
    expect((await walk(copyStream(rows.filter((r) => r.seq !== 3n)))).broken).toMatchObject({ seq: "3", reason: expect.stringMatching(/missing/) });
    expect((await walk(copyStream([rows[0]!, rows[1]!, rows[1]!]))).broken).toMatchObject({ seq: "3", reason: expect.stringMatching(/out of order/) });
    const relinked = rows.map((r) => (r.seq === 6n ? { ...r, prevHash: Buffer.alloc(32, 7) } : r));
    expect((await walk(copyStream(relinked))).broken).toMatchObject({ seq: "6", reason: expect.stringMatching(/does not follow/) });
  });

  it("finds the same breaks when rows are hashed elsewhere (as by worker threads)", async () => {
    const elsewhere = new RowContent();
    const offload: ContentChecks = { capacity: 2, failingRows: async (rows) => elsewhere.failingRows(Buffer.from(rows)) };
    const rows = [...chain(practiceId, 30, awkward), ...chain("platform", 20, awkward)];
    expect(await walk(copyStream(shuffled(rows)), 300, offload)).toMatchObject({ verified: 50, broken: undefined });
    const tampered = rows.map((r) => (r.seq === 17n && r.chainId === "platform" ? { ...r, actorRole: "OWNER!" } : r));
    expect((await walk(copyStream(tampered), 300, offload)).broken).toEqual({ chainId: "platform", seq: "17", reason: expect.stringMatching(/altered/) });
  });

  it("checks rows that come in any order, and names the same first break as a walk in order", async () => {
    const rows = [...chain(practiceId, 40, awkward), ...chain("platform", 30, awkward)];
    expect(await walk(copyStream(shuffled(rows)), 97)).toMatchObject({ verified: 70, broken: undefined, ends: [
      { chainId: practiceId, lastSeq: 40, hash: rows[39]!.hash }, { chainId: "platform", lastSeq: 30, hash: rows[69]!.hash },
    ] });
    const tampered = rows.map((r) => (r.seq === 31n ? { ...r, details: { n: 1 } } : r.seq === 12n && r.chainId === practiceId ? { ...r, ip: "x" } : r));
    expect((await walk(copyStream(shuffled(tampered)))).broken).toEqual({ chainId: practiceId, seq: "12", reason: expect.stringMatching(/altered/) });
    expect((await walk(copyStream(shuffled(rows.filter((r) => r.seq !== 25n))))).broken).toMatchObject({ chainId: practiceId, seq: "25", reason: expect.stringMatching(/missing/) });
  });

  it("gives up on rows too far out of order, to be read again in chain order", async () => {
    const rows = chain(practiceId, 10).reverse();
    expect(() => new ChainWalker({ maxEarlyRows: 5 }).push(copyStream(rows))).toThrow(TooFarOutOfOrder);
    expect(await walk(copyStream(rows))).toMatchObject({ verified: 10, broken: undefined });
  });

  it("stops where the chain-end check says the chain is broken", async () => {
    const walker = new ChainWalker();
    walker.push(copyStream([...chain(practiceId, 3), ...chain("platform", 3)]));
    const checked: string[] = [];
    const result = await walker.finish((end) => {
      checked.push(end.chainId);
      return end.chainId === practiceId ? { chainId: end.chainId, seq: "4", reason: "head" } : undefined;
    });
    expect(result).toEqual({ verified: 3, broken: { chainId: practiceId, seq: "4", reason: "head" } });
    expect(checked).toEqual([practiceId]);
  });
});
