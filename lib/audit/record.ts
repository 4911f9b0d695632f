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

async function append(tx: Tx, event: ReturnType<typeof auditEventInputSchema.parse>) {
  const chainId = event.practiceId ?? PLATFORM_CHAIN;
  // Creates the head on a chain's first event; either way locks it until commit.
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: Uint8Array }[]>`
    INSERT INTO audit_chain_head ("chainId", seq, hash) VALUES (${chainId}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainId") DO UPDATE SET "chainId" = EXCLUDED."chainId"
    RETURNING seq, hash`;
  const content: ChainedContent = {
    chainId,
    seq: head!.seq + 1n,
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
  const prevHash = new Uint8Array(head!.hash);
  const hash = new Uint8Array(chainHash(prevHash, content));
  await tx.auditEvent.create({
    data: {
      ...content,
      actorType: event.actor.type,
      outcome: event.outcome,
      details: content.details as Prisma.InputJsonValue,
      prevHash,
      hash,
    },
    select: { id: true },
  });
  await tx.auditChainHead.update({ where: { chainId }, data: { seq: content.seq, hash } });
  return { seq: content.seq };
}
