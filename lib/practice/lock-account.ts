import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Locks the account's row for the rest of the transaction. Joining a practice and an owner's
 * 2FA reset both take it before anything else about the account, so they run one after the
 * other: a reset either sees a membership committed a moment earlier (and refuses), or
 * finishes before the join starts (when the account belonged to this practice alone).
 */
export async function lockAccount(tx: Prisma.TransactionClient, userId: string) {
  await tx.$queryRaw`SELECT id FROM user_account WHERE id = ${userId}::uuid FOR UPDATE`;
}
