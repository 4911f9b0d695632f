import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "@/lib/db/prisma";
import { canonicalContentAroundSeq, GENESIS_HASH } from "./chain";
import { auditEventInputSchema, PLATFORM_CHAIN, type AuditEventInput } from "./schema";

type Tx = Prisma.TransactionClient;
type Run = (sql: string, values: unknown[]) => Promise<string | undefined>;

/**
 * The one way to write to the audit trail. Call it with the transaction that makes the change
 * it records, so the change and its event commit (or roll back) together. Given the root
 * client (for events that record no change, such as reads), the event commits on its own
 * before this returns.
 *
 * Writers of one chain queue on its head row, so concurrent writers never fork the chain.
 */
export async function recordAudit(client: Tx | PrismaClient, input: AuditEventInput): Promise<{ seq: bigint }> {
  const event = appendedEvent(auditEventInputSchema.parse(input));
  if (isRoot(client)) return { seq: await groupCommit(client, event) };
  const [last] = await append(runner(client), event.chainId, [event]);
  return { seq: last! };
}

// One statement locks the chain's head row (FOR UPDATE: writers of the chain queue here until
// the holder commits), numbers the events after it, hashes each as SHA-256(previous hash ‖
// canonical content), appends them and moves the head. The caller sends each event's canonical
// content less its sequence number, in two parts either side of it (chain.ts), so the database
// finishes the hash and the head stays locked for this one statement, not several round trips
// (given a caller's transaction, it stays locked until that commits). No row if the chain has
// no head yet.
const APPEND_SQL = `
  WITH RECURSIVE head AS MATERIALIZED (
    SELECT seq, hash FROM audit_chain_head WHERE "chainId" = $1::text FOR UPDATE
  ), input AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS e(i int, pre text, post text, "occurredAt" timestamptz,
      "practiceId" uuid, "actorType" text, "actorId" text, "actorRole" text, action text, "targetType" text,
      "targetId" text, outcome text, "requestId" text, ip text, "userAgent" text, details jsonb)
  ), chained AS (
    SELECT 0 AS i, seq, hash AS prev, hash FROM head
    UNION ALL
    SELECT e.i, c.seq + 1, c.hash,
           sha256(c.hash || convert_to(e.pre, 'UTF8') || convert_to((c.seq + 1)::text, 'UTF8') || convert_to(e.post, 'UTF8'))
      FROM chained c JOIN input e ON e.i = c.i + 1
  ), appended AS (
    INSERT INTO audit_event ("chainId", seq, "occurredAt", "practiceId", "actorType", "actorId", "actorRole", action,
                             "targetType", "targetId", outcome, "requestId", ip, "userAgent", details, "prevHash", hash)
    SELECT $1::text, c.seq, e."occurredAt", e."practiceId", e."actorType"::"AuditActorType", e."actorId", e."actorRole",
           e.action, e."targetType", e."targetId", e.outcome::"AuditOutcome", e."requestId", e.ip, e."userAgent",
           e.details, c.prev, c.hash
      FROM chained c JOIN input e ON e.i = c.i
    RETURNING seq, hash
  )
  UPDATE audit_chain_head h SET seq = last.seq, hash = last.hash
    FROM (SELECT seq, hash FROM appended ORDER BY seq DESC LIMIT 1) last
   WHERE h."chainId" = $1::text
  RETURNING h.seq::text AS seq`;

const CREATE_HEAD_SQL = `
  INSERT INTO audit_chain_head ("chainId", seq, hash) VALUES ($1::text, 0, $2::bytea) ON CONFLICT ("chainId") DO NOTHING`;

interface AppendedEvent {
  chainId: string;
  row: Record<string, unknown>;
}

function appendedEvent(event: ReturnType<typeof auditEventInputSchema.parse>): AppendedEvent {
  // As PostgreSQL stores a uuid (lower case), so the hash is of what the verifier will read.
  const practiceId = event.practiceId?.toLowerCase() ?? null;
  const chainId = practiceId ?? PLATFORM_CHAIN;
  const content = {
    chainId,
    occurredAt: new Date(),
    practiceId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorRole: event.actor.role,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    outcome: event.outcome,
    requestId: event.context.requestId,
    ip: event.context.ip,
    userAgent: event.context.userAgent,
    details: event.details,
  };
  const [pre, post] = canonicalContentAroundSeq(content);
  return { chainId, row: { ...content, pre, post, occurredAt: content.occurredAt.toISOString() } };
}

/** Appends events to one chain in one statement; their sequence numbers, in order. */
async function append(run: Run, chainId: string, events: AppendedEvent[]): Promise<bigint[]> {
  const input = JSON.stringify(events.map((e, i) => ({ ...e.row, i: i + 1 })));
  let last = await run(APPEND_SQL, [chainId, input]);
  if (last === undefined) {
    // A chain's first event: create its head (racing writers agree on one), then append.
    await run(CREATE_HEAD_SQL, [chainId, GENESIS_HASH]);
    last = await run(APPEND_SQL, [chainId, input]);
  }
  const first = BigInt(last!) - BigInt(events.length) + 1n;
  return events.map((_, i) => first + BigInt(i));
}

const isRoot = (client: Tx | PrismaClient): client is PrismaClient => "$transaction" in client;

function runner(client: Tx | PrismaClient): Run {
  // The root client: no transaction to join, so skip Prisma's per-call cost and use its pool.
  const pool = isRoot(client) ? poolOf(client) : undefined;
  if (pool) {
    // Named, so each connection parses and plans the statement once.
    return async (sql, values) =>
      (await pool.query<{ seq: string }>({ name: sql === APPEND_SQL ? "audit_append" : "audit_create_head", text: sql, values })).rows[0]?.seq;
  }
  return async (sql, values) => (await client.$queryRawUnsafe<{ seq: string }[]>(sql, ...values))[0]?.seq;
}

// Group commit for events that are their own transaction. A chain's appends are serial anyway
// (its head row is locked until each commits, and a commit waits for the disk), so while one is
// in flight, later events for that chain wait here and then go together: one statement, one
// commit, one flush for all of them. Each caller still returns only once its event is durable.
// A lone writer sees no delay: with nothing in flight its event goes at once.
const MAX_GROUP = 100;
interface Waiting {
  event: AppendedEvent;
  resolve: (seq: bigint) => void;
  reject: (error: unknown) => void;
}
const inFlight = new WeakMap<object, Map<string, Waiting[]>>();

function groupCommit(client: PrismaClient, event: AppendedEvent): Promise<bigint> {
  let chains = inFlight.get(client);
  if (!chains) inFlight.set(client, (chains = new Map()));
  const queue = chains.get(event.chainId);
  return new Promise((resolve, reject) => {
    if (queue) return void queue.push({ event, resolve, reject });
    const started: Waiting[] = [{ event, resolve, reject }];
    chains.set(event.chainId, started);
    void drain(runner(client), chains, event.chainId, started);
  });
}

async function drain(run: Run, chains: Map<string, Waiting[]>, chainId: string, queue: Waiting[]) {
  while (queue.length > 0) {
    const group = queue.splice(0, MAX_GROUP);
    try {
      const seqs = await append(run, chainId, group.map((w) => w.event));
      group.forEach((w, i) => w.resolve(seqs[i]!));
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      // One bad event must not sink the others in its group: each goes again alone.
      else for (const w of group) await append(run, chainId, [w.event]).then(([seq]) => w.resolve(seq!), w.reject);
    }
  }
  chains.delete(chainId);
}
