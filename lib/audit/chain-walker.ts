import { GENESIS_HASH } from "./chain";
import { CHAIN, FIELDS, frameRow, HASH, PREV_HASH, readInt64, RowContent, SEQ, SIGNATURE } from "./row-content";

export { WALKED_COLUMNS } from "./row-content";

// Walks the audit trail as PostgreSQL's binary COPY sends it (row-content.ts checks each row).
//
// Rows may come in any order (a plain table scan is more than twice as fast as one in chain
// order): each row's own hash is checked against its stored previous hash, and the links
// between rows (seq n's previous hash is seq n-1's hash) are checked per chain as the sequence
// fills in, holding the few rows that arrive early. The break reported is the one a walk in
// chain order would meet first.

// In the order a walk in chain order checks them, so the same break wins at the same seq.
const ORDER = 0, LINK = 1, CONTENT = 2;
const NOT_FOLLOWING = "the event does not follow from the one before it";
const ALTERED = "the event was altered after it was written";

export interface ChainBreak {
  chainId: string;
  seq: string;
  reason: string;
}

export interface ChainEnd {
  chainId: string;
  /** The last sequence number of the unbroken run from 1, and its hash. */
  lastSeq: number;
  hash: Buffer;
}

/** Checks rows' content elsewhere (worker threads): see verify-threads.ts. */
export interface ContentChecks {
  /** Checks complete rows, one after another; resolves to those whose content does not hold. */
  failingRows(rows: Buffer): Promise<[latin1ChainId: string, seq: number][]>;
  /** How many checks may be in flight before the walker asks its reader to wait. */
  readonly capacity: number;
}

/** Thrown when rows come too far out of chain order to hold: read them in chain order instead. */
export class TooFarOutOfOrder extends Error {}

interface Chain {
  id: string;
  next: number;
  last: Buffer;
  early: Map<number, Buffer>; // seq → its previous hash ‖ its hash
  broken: { seq: number; rank: number; reason: string } | null;
}

export class ChainWalker {
  rows = 0;
  private pending: Buffer | null = null;
  private headerRead = false;
  private finished = false;
  private early = 0;
  private readonly chains = new Map<string, Chain>();
  private readonly content = new RowContent();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private firstRow = 0;

  /**
   * maxEarlyRows: rows held back for an earlier one (64 bytes each) before giving up on this
   * order. offload: where to check rows' content; here, by default.
   */
  constructor(private readonly options: { maxEarlyRows?: number; offload?: ContentChecks } = {}) {}

  /** Consumes the next chunk of the COPY; a promise when the reader should wait for it. */
  push(chunk: Buffer): Promise<void> | undefined {
    if (this.finished) return undefined;
    let from = 0;
    if (this.pending) {
      // Complete the row split across chunks from as little of this chunk as it needs.
      from = this.completePending(chunk);
      if (from < 0) return undefined;
    }
    const end = this.rowsIn(chunk, from, false, this.options.offload !== undefined);
    if (!this.finished) this.pending = end < chunk.length ? Buffer.from(chunk.subarray(end)) : null;
    if (this.options.offload && end > this.firstRow) return this.offload(this.options.offload, chunk.subarray(this.firstRow, end));
    return undefined;
  }

  /**
   * Once every check is in: calls `check` with each chain's end (in chain id order) until it
   * names a break; returns the first break, and how many events were found intact before it.
   */
  async finish(check: (end: ChainEnd) => ChainBreak | undefined): Promise<{ verified: number; broken?: ChainBreak }> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    if (!this.finished) throw new Error("the COPY ended without its end marker");
    let verified = 0;
    for (const chain of [...this.chains.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (chain.early.size > 0) mark(chain, chain.next, ORDER, "an event is missing");
      if (chain.broken) {
        verified += chain.broken.seq - 1;
        return { verified, broken: { chainId: chain.id, seq: String(chain.broken.seq), reason: chain.broken.reason } };
      }
      verified += chain.next - 1;
      const broken = check({ chainId: chain.id, lastSeq: chain.next - 1, hash: chain.last });
      if (broken) return { verified, broken };
    }
    return { verified };
  }

  private offload(offload: ContentChecks, rows: Buffer): Promise<void> | undefined {
    const check: Promise<void> = offload.failingRows(rows).then(
      (failed) => {
        for (const [key, seq] of failed) mark(this.chains.get(key)!, seq, CONTENT, ALTERED);
      },
      (error: unknown) => void (this.failure ??= error),
    ).finally(() => this.inFlight.delete(check));
    this.inFlight.add(check);
    return this.inFlight.size >= offload.capacity ? Promise.race(this.inFlight) : undefined;
  }

  private completePending(chunk: Buffer): number {
    let held = this.pending!;
    this.pending = null;
    for (let take = Math.min(chunk.length, 4096); ; take = Math.min(chunk.length, take * 4)) {
      const joined = Buffer.concat([held, chunk.subarray(0, take)]);
      const end = this.rowsIn(joined, 0, true, false);
      if (this.finished) return -1;
      if (end >= held.length) return end - held.length; // the split row is done: go on in chunk from here
      if (take === chunk.length) {
        this.pending = Buffer.from(joined.subarray(end));
        return -1;
      }
      held = joined.subarray(end, held.length);
    }
  }

  /** Walks the whole rows in buf from `at` (at most one if `one`) up to the end marker; where they end. */
  private rowsIn(buf: Buffer, at: number, one: boolean, offloaded: boolean): number {
    if (!this.headerRead) {
      if (buf.length - at < 19) return at;
      if (buf.compare(SIGNATURE, 0, 11, at, at + 11) !== 0) throw new Error("not a binary COPY stream");
      at += 19 + buf.readInt32BE(at + 15);
      this.headerRead = true;
    }
    this.firstRow = at;
    while (buf.length - at >= 2) {
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        this.finished = true;
        break;
      }
      if (fields !== FIELDS) throw new Error(`expected ${FIELDS} columns, got ${fields}`);
      const end = frameRow(buf, at, this.content.at, this.content.len);
      if (end < 0) break;
      this.row(buf, end - at, offloaded);
      at = end;
      if (one) break;
    }
    return at;
  }

  private row(buf: Buffer, rowLength: number, offloaded: boolean) {
    this.rows++;
    const at = this.content.at;
    const len = this.content.len;
    const key = buf.toString("latin1", at[CHAIN]!, at[CHAIN]! + len[CHAIN]!);
    let chain = this.chains.get(key);
    if (!chain) {
      const id = buf.toString("utf8", at[CHAIN]!, at[CHAIN]! + len[CHAIN]!);
      chain = { id, next: 1, last: Buffer.from(GENESIS_HASH), early: new Map(), broken: null };
      this.chains.set(key, chain);
    }
    const seq = readInt64(buf, at[SEQ]!);
    if (!offloaded && !this.content.holds(buf, rowLength)) mark(chain, seq, CONTENT, ALTERED);
    if (len[PREV_HASH] !== 32 || len[HASH] !== 32) return mark(chain, seq, CONTENT, ALTERED);
    const prevAt = at[PREV_HASH]!;
    const hashAt = at[HASH]!;

    if (seq === chain.next) {
      if (chain.last.compare(buf, prevAt, prevAt + 32) !== 0) mark(chain, seq, LINK, NOT_FOLLOWING);
      buf.copy(chain.last, 0, hashAt, hashAt + 32);
      chain.next++;
      // Rows that arrived early may follow now.
      for (let held = chain.early.get(chain.next); held; held = chain.early.get(chain.next)) {
        chain.early.delete(chain.next);
        this.early--;
        if (chain.last.compare(held, 0, 32) !== 0) mark(chain, chain.next, LINK, NOT_FOLLOWING);
        held.copy(chain.last, 0, 32, 64);
        chain.next++;
      }
    } else if (seq > chain.next && !chain.early.has(seq) && Number.isSafeInteger(seq)) {
      const held = Buffer.allocUnsafe(64);
      buf.copy(held, 0, prevAt, prevAt + 32);
      buf.copy(held, 32, hashAt, hashAt + 32);
      chain.early.set(seq, held);
      if (++this.early > (this.options.maxEarlyRows ?? 1_000_000)) throw new TooFarOutOfOrder();
    } else {
      // A second event at a sequence number already seen (or one below 1).
      mark(chain, Math.max(1, seq + 1), ORDER, "events are out of order");
    }
  }
}

function mark(chain: Chain, seq: number, rank: number, reason: string) {
  const b = chain.broken;
  if (!b || seq < b.seq || (seq === b.seq && rank < b.rank)) chain.broken = { seq, rank, reason };
}
