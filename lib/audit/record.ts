import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { poolOf } from "@/lib/db/prisma";
import { canonicalContentAroundSeq, GENESIS_HASH } from "./chain";
import { auditEventInputSchema, PLATFORM_CHAIN, type AuditEventInput } from "./schema";
import { sealSubjectContext } from "./subject-context";

type Tx = Prisma.TransactionClient;
type Run = (sql: string, values: unknown[]) => Promise<{ chainId: string; seq: string }[]>;

/**
 * The one way to write to the audit trail. Call it with the transaction that makes the change
 * it records, so the change and its event commit (or roll back) together. Given the root
 * client (for events that record no change, such as reads), the event commits on its own
 * before this returns.
 *
 * Writers of one chain queue on its head row, so concurrent writers never fork the chain. In a
 * transaction, the head stays locked from this call until the commit: make it the last
 * statement, so other writers of the practice (and Prisma's 5 s transaction limit, which
 * counts their wait) are held up for as little as possible.
 */
export async function recordAudit(client: Tx | PrismaClient, input: AuditEventInput): Promise<{ seq: bigint }> {
  const parsed = auditEventInputSchema.parse(input);
  // A data subject's own IP and browser are stored sealed under their key (subject-context.ts),
  // read here, before the chain's head is locked; the hash is over the sealed text.
  const row = {
    practiceId: parsed.practiceId?.toLowerCase() ?? null, actorType: parsed.actor.type, actorId: parsed.actor.id,
    actorRole: parsed.actor.role, targetType: parsed.target?.type ?? null, targetId: parsed.target?.id ?? null,
  };
  const event = appendedEvent({ ...parsed, context: await sealSubjectContext(client, row, parsed.context) });
  if (isRoot(client)) return { seq: await groupCommit(client, event) };
  return { seq: await appendOne(runner(client), event) };
}

// One statement locks the head rows of the chains it appends to (FOR UPDATE, in chain order:
// writers of a chain queue here until the holder commits), numbers each chain's events after
// its head, hashes each as SHA-256(previous hash ‖ canonical content), appends them and moves
// the heads. The caller sends each event's canonical content less its sequence number, in two
// parts either side of it (chain.ts), so the database finishes the hash and the heads stay
// locked for this one statement, not several round trips (in a caller's transaction, until it
// commits). A chain with no head yet gets no row back; with SKIP LOCKED, neither does one whose
// head another transaction holds.
const appendSql = (lock: "FOR UPDATE" | "FOR UPDATE SKIP LOCKED") => `
  WITH RECURSIVE input AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS e("chainId" text, i int, pre text, post text, "occurredAt" timestamptz,
      "practiceId" uuid, "actorType" text, "actorId" text, "actorRole" text, action text, "targetType" text,
      "targetId" text, outcome text, "requestId" text, ip text, "userAgent" text, details jsonb)
  ), heads AS MATERIALIZED (
    SELECT "chainId", seq, hash FROM audit_chain_head
     WHERE "chainId" IN (SELECT "chainId" FROM input) ORDER BY "chainId" ${lock}
  ), chained AS (
    SELECT "chainId", 0 AS i, seq, hash AS prev, hash FROM heads
    UNION ALL
    SELECT c."chainId", e.i, c.seq + 1, c.hash,
           sha256(c.hash || convert_to(e.pre, 'UTF8') || convert_to((c.seq + 1)::text, 'UTF8') || convert_to(e.post, 'UTF8'))
      FROM chained c JOIN input e ON e."chainId" = c."chainId" AND e.i = c.i + 1
  ), appended AS (
    INSERT INTO audit_event ("chainId", seq, "occurredAt", "practiceId", "actorType", "actorId", "actorRole", action,
                             "targetType", "targetId", outcome, "requestId", ip, "userAgent", details, "prevHash", hash)
    SELECT c."chainId", c.seq, e."occurredAt", e."practiceId", e."actorType"::"AuditActorType", e."actorId", e."actorRole",
           e.action, e."targetType", e."targetId", e.outcome::"AuditOutcome", e."requestId", e.ip, e."userAgent",
           e.details, c.prev, c.hash
      FROM chained c JOIN input e ON e."chainId" = c."chainId" AND e.i = c.i
    RETURNING "chainId", seq, hash
  )
  UPDATE audit_chain_head h SET seq = last.seq, hash = last.hash
    FROM (SELECT DISTINCT ON ("chainId") "chainId", seq, hash FROM appended ORDER BY "chainId", seq DESC) last
   WHERE h."chainId" = last."chainId"
  RETURNING h."chainId", h.seq::text AS seq`;
const APPEND_WAITING = appendSql("FOR UPDATE");
const APPEND_SKIPPING = appendSql("FOR UPDATE SKIP LOCKED");

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

/**
 * Appends events (of any chains) in one statement; each event's sequence number, or undefined
 * for events of a chain that has no head yet or (with APPEND_SKIPPING) is locked elsewhere.
 */
async function append(run: Run, sql: string, events: AppendedEvent[]): Promise<(bigint | undefined)[]> {
  const counts = new Map<string, number>();
  const numbered = events.map((e) => {
    const i = (counts.get(e.chainId) ?? 0) + 1;
    counts.set(e.chainId, i);
    return { i, json: { ...e.row, chainId: e.chainId, i } };
  });
  const last = new Map((await run(sql, [JSON.stringify(numbered.map((n) => n.json))])).map((r) => [r.chainId, BigInt(r.seq)]));
  return events.map((e, k) => {
    const end = last.get(e.chainId);
    return end === undefined ? undefined : end - BigInt(counts.get(e.chainId)!) + BigInt(numbered[k]!.i);
  });
}

/** Appends one event, waiting for its chain's head (and creating the head of a new chain). */
async function appendOne(run: Run, event: AppendedEvent): Promise<bigint> {
  const [seq] = await append(run, APPEND_WAITING, [event]);
  if (seq !== undefined) return seq;
  // A chain's first event: create its head (racing writers agree on one), then append.
  await run(CREATE_HEAD_SQL, [event.chainId, GENESIS_HASH]);
  return (await append(run, APPEND_WAITING, [event]))[0]!;
}

const isRoot = (client: Tx | PrismaClient): client is PrismaClient => "$transaction" in client;

function runner(client: Tx | PrismaClient): Run {
  // The root client: no transaction to join, so skip Prisma's per-call cost and use its pool.
  const pool = isRoot(client) ? poolOf(client) : undefined;
  const names = new Map([[APPEND_WAITING, "audit_append"], [APPEND_SKIPPING, "audit_append_skipping"], [CREATE_HEAD_SQL, "audit_create_head"]]);
  // Named, so each connection parses and plans each statement once.
  if (pool) return async (sql, values) => (await pool.query<{ chainId: string; seq: string }>({ name: names.get(sql), text: sql, values })).rows;
  return (sql, values) => client.$queryRawUnsafe<{ chainId: string; seq: string }[]>(sql, ...values);
}

// Group commit for events that are their own transaction. Appends to a chain are serial (its
// head is locked until each commits, and a commit waits for the disk), and every commit waits
// for a flush; so while one group is in flight, later events wait here and then go together:
// one statement, one commit, one flush for all of them, whatever their chains. Each caller
// still returns only once its event is durable; a lone writer goes at once. A group never waits
// for a head held elsewhere (SKIP LOCKED): those events, and a new chain's first, go on their own.
const MAX_GROUP = 200;
interface Waiting {
  event: AppendedEvent;
  resolve: (seq: bigint) => void;
  reject: (error: unknown) => void;
}
const queues = new WeakMap<object, Waiting[]>();

function groupCommit(client: PrismaClient, event: AppendedEvent): Promise<bigint> {
  const queue = queues.get(client);
  return new Promise((resolve, reject) => {
    if (queue) return void queue.push({ event, resolve, reject });
    const started: Waiting[] = [{ event, resolve, reject }];
    queues.set(client, started);
    void drain(runner(client), client, started);
  });
}

async function drain(run: Run, client: PrismaClient, queue: Waiting[]) {
  while (queue.length > 0) {
    const group = queue.splice(0, MAX_GROUP);
    let seqs: (bigint | undefined)[];
    try {
      seqs = await append(run, APPEND_SKIPPING, group.map((w) => w.event));
    } catch {
      // One bad event must not sink the others in its group: each goes again alone.
      seqs = group.map(() => undefined);
    }
    group.forEach((w, i) => {
      const seq = seqs[i];
      if (seq !== undefined) w.resolve(seq);
      else appendOne(run, w.event).then(w.resolve, w.reject);
    });
  }
  queues.delete(client);
}
