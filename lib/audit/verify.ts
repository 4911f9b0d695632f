import pg from "pg";
import { chainHash, GENESIS_HASH, type ChainedContent } from "./chain";

export interface ChainBreak {
  chainId: string;
  seq: string;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  verified: number;
  chains: number;
  broken?: ChainBreak;
  heads: { chainId: string; seq: string; hash: string }[];
}

const BATCH = 20_000;

type Row = [string, string, Date, string | null, string, string | null, string | null, string, string | null,
  string | null, string, string | null, string | null, string | null, unknown, Buffer, Buffer];

/**
 * Walks every chain (or one) from its first event, recomputing each hash. Stops at the first
 * event that is missing, out of order, altered, or does not follow from its predecessor.
 * Reads with plain pg in batches: fast enough for millions of events.
 */
export async function verifyAuditTrail(connectionString: string, onlyChain?: string): Promise<VerifyResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    let verified = 0;
    const heads: VerifyResult["heads"] = [];
    let chainId: string | null = null;
    let expectedSeq = 1n;
    let prevHash: Buffer = GENESIS_HASH;
    let cursor: [string, string] = [onlyChain ?? "", "0"];

    const finishChain = async (): Promise<ChainBreak | undefined> => {
      if (chainId === null) return undefined;
      const head = await client.query<{ seq: string; hash: Buffer }>(
        'SELECT seq::text AS seq, hash FROM audit_chain_head WHERE "chainId" = $1',
        [chainId],
      );
      const h = head.rows[0];
      const lastSeq = (expectedSeq - 1n).toString();
      if (!h || h.seq !== lastSeq || !h.hash.equals(prevHash)) {
        return { chainId, seq: (BigInt(h?.seq ?? lastSeq) > expectedSeq - 1n ? expectedSeq : expectedSeq - 1n).toString(), reason: "the chain head does not match the last event (events removed from the end?)" };
      }
      heads.push({ chainId, seq: lastSeq, hash: prevHash.toString("hex") });
      return undefined;
    };

    for (;;) {
      const { rows } = await client.query<Row>({
        text: `SELECT "chainId", seq::text, "occurredAt", "practiceId"::text, "actorType"::text, "actorId", "actorRole",
                      action, "targetType", "targetId", outcome::text, "requestId", ip, "userAgent", details, "prevHash", hash
                 FROM audit_event
                WHERE ("chainId", seq) > ($1, $2::bigint) ${onlyChain ? 'AND "chainId" = $4' : ""}
                ORDER BY "chainId", audit_event.seq
                LIMIT $3`,
        values: onlyChain ? [cursor[0], cursor[1], BATCH, onlyChain] : [cursor[0], cursor[1], BATCH],
        rowMode: "array",
      });
      for (const r of rows) {
        if (r[0] !== chainId) {
          const broken = await finishChain();
          if (broken) return { ok: false, verified, chains: heads.length, broken, heads };
          chainId = r[0];
          expectedSeq = 1n;
          prevHash = GENESIS_HASH;
        }
        const seq = BigInt(r[1]);
        const fail = (reason: string) => ({
          ok: false,
          verified,
          chains: heads.length,
          broken: { chainId: chainId!, seq: expectedSeq.toString(), reason },
          heads,
        });
        if (seq !== expectedSeq) return fail(seq > expectedSeq ? "an event is missing" : "events are out of order");
        if (!r[15].equals(prevHash)) return fail("the event does not follow from the one before it");
        const content: ChainedContent = {
          chainId: r[0], seq, occurredAt: r[2], practiceId: r[3], actorType: r[4], actorId: r[5], actorRole: r[6],
          action: r[7], targetType: r[8], targetId: r[9], outcome: r[10], requestId: r[11], ip: r[12],
          userAgent: r[13], details: r[14],
        };
        const hash = chainHash(prevHash, content);
        if (!hash.equals(r[16])) return fail("the event was altered after it was written");
        prevHash = hash;
        expectedSeq++;
        verified++;
      }
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1]!;
      cursor = [last[0], last[1]];
    }
    const broken = await finishChain();
    if (broken) return { ok: false, verified, chains: heads.length, broken, heads };
    // A chain whose every event was deleted leaves only its head behind.
    const allHeads = await client.query<{ chainId: string; seq: string }>(
      `SELECT "chainId", seq::text AS seq FROM audit_chain_head WHERE seq > 0 ${onlyChain ? 'AND "chainId" = $1' : ""}`,
      onlyChain ? [onlyChain] : [],
    );
    const walked = new Set(heads.map((h) => h.chainId));
    const emptied = allHeads.rows.find((h) => !walked.has(h.chainId));
    if (emptied) {
      return { ok: false, verified, chains: heads.length, heads, broken: { chainId: emptied.chainId, seq: "1", reason: `all ${emptied.seq} events of this chain are missing` } };
    }
    return { ok: true, verified, chains: heads.length, heads };
  } finally {
    await client.end();
  }
}
