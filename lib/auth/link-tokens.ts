import "server-only";
import { hashSecretToken as hashToken, newSecretToken as newToken } from "@/lib/crypto/tokens";
import type { AuditContext } from "@/lib/audit/schema";
import { db } from "@/lib/db/client";
import type { EmailTokenPurpose, Prisma } from "@/lib/generated/prisma/client";
import { hitLimit, limitKey, LIMITS } from "@/lib/rate-limit";

// What every emailed link shares: a random token in the link, only its hash in the database,
// and limits on how many links one address or one IP can cause to be sent.

export { hashToken, newToken };

/** Counts a link sent to `address`; false once that address or the IP is past its limit (then send nothing). */
export async function mayEmailLink(address: string, context: AuditContext): Promise<boolean> {
  const prisma = db();
  const [perAddress, perIp] = await Promise.all([
    hitLimit(prisma, LIMITS.emailLinkAddress, limitKey(LIMITS.emailLinkAddress, address)),
    hitLimit(prisma, LIMITS.emailLinkIp, limitKey(LIMITS.emailLinkIp, context.ip ?? "unknown")),
  ]);
  return perAddress <= LIMITS.emailLinkAddress.max && perIp <= LIMITS.emailLinkIp.max;
}

/**
 * Uses up an account's emailed link inside `tx`: the row for `token` must have this purpose, an
 * account, be unused and unexpired, and is marked used atomically (of two racing presses, one
 * wins). Returns the row with its account id, or null.
 */
export async function redeemAccountLink(tx: Prisma.TransactionClient, token: string, purpose: EmailTokenPurpose) {
  const row = await tx.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= new Date() || !row.userId) return null;
  const { count } = await tx.emailToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1 ? { ...row, userId: row.userId } : null;
}
