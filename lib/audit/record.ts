import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { chainHash, GENESIS_HASH, type ChainedContent } from "./chain";
import { auditEventInputSchema, PLATFORM_CHAIN, type AuditEventInput } from "./schema";

type Tx = Prisma.TransactionClient;

/**
 * The one way to write to the audit trail. Call it with the transaction that makes the change
 * it records, so the change and its event commit (or roll back) together. Given the root
 * client, it opens its own transaction (for events that record no change, such as reads).
 *
 * Writers of one chain queue on its head row, so concurrent writers never fork the chain.
 */
export async function recordAudit(client: Tx | PrismaClient, input: AuditEventInput): Promise<{ seq: bigint }> {
  const event = auditEventInputSchema.parse(input);
  if ("$transaction" in client) return client.$transaction((tx) => append(tx, event));
  return append(client, event);
}

async function lockHead(tx: Tx, chainId: string) {
  const lock = () => tx.$queryRaw<{ seq: bigint; hash: Uint8Array }[]>`
    SELECT seq, hash FROM audit_chain_head WHERE "chainId" = ${chainId} FOR UPDATE`;
  const [head] = await lock();
  if (head) return head;
  // A chain's first event: create its head (racing writers agree on one), then lock it.
  await tx.$executeRaw`
    INSERT INTO audit_chain_head ("chainId", seq, hash) VALUES (${chainId}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainId") DO NOTHING`;
  return (await lock())[0]!;
}

async function append(tx: Tx, event: ReturnType<typeof auditEventInputSchema.parse>) {
  const chainId = event.practiceId ?? PLATFORM_CHAIN;
  // Writers of one chain queue here until the holder commits, so the chain never forks.
  const head = await lockHead(tx, chainId);
  const content: ChainedContent = {
    chainId,
    seq: head.seq + 1n,
    occurredAt: new Date(),
    practiceId: event.practiceId,
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
  const prevHash = new Uint8Array(head.hash);
  const hash = new Uint8Array(chainHash(prevHash, content));
  // One round trip appends the event and moves the head, keeping the lock short.
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO audit_event ("chainId", seq, "occurredAt", "practiceId", "actorType", "actorId", "actorRole", action,
                               "targetType", "targetId", outcome, "requestId", ip, "userAgent", details, "prevHash", hash)
      VALUES (${chainId}, ${content.seq}, ${content.occurredAt}, ${content.practiceId}::uuid,
              ${content.actorType}::"AuditActorType", ${content.actorId}, ${content.actorRole}, ${content.action},
              ${content.targetType}, ${content.targetId}, ${content.outcome}::"AuditOutcome", ${content.requestId},
              ${content.ip}, ${content.userAgent}, ${JSON.stringify(content.details)}::jsonb, ${prevHash}, ${hash})
    )
    UPDATE audit_chain_head SET seq = ${content.seq}, hash = ${hash} WHERE "chainId" = ${chainId}`;
  return { seq: content.seq };
}
