import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DocumentKind } from "./rules";

/**
 * Takes `count` consecutive numbers of a practice's series, inside the caller's transaction.
 * The UPDATE locks the practice's counter row until that transaction ends: a concurrent run
 * waits, then continues from where this one stopped; if this transaction rolls back, so does
 * the counter. So the numbers that exist are 1..n with no gap and no repeat.
 */
export async function takeNumbers(tx: Prisma.TransactionClient, practiceId: string, series: DocumentKind, count: number): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError("Take at least one number.");
  await tx.$executeRaw`INSERT INTO "document_counter" ("practiceId", "series", "next") VALUES (${practiceId}::uuid, ${series}::"DocumentSeries", 1) ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<{ first: number }[]>`
    UPDATE "document_counter" SET "next" = "next" + ${count}::int
    WHERE "practiceId" = ${practiceId}::uuid AND "series" = ${series}::"DocumentSeries"
    RETURNING "next" - ${count}::int AS first`;
  return Number(rows[0]!.first);
}
