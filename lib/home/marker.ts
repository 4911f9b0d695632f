import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/**
 * Records that the member looks at their home page now and returns when they last did (null on
 * the first visit). The row is locked while it is read and moved, so two tabs at once each get
 * the time before their own; the marker only ever moves forward.
 */
export async function takeHomeMarker(actor: Actor, now = new Date()): Promise<Date | null> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ lookedAt: Date }[]>`SELECT "lookedAt" FROM home_marker WHERE "membershipId" = ${actor.membershipId}::uuid FOR UPDATE`;
    await tx.$executeRaw`
      INSERT INTO home_marker ("membershipId", "practiceId", "lookedAt") VALUES (${actor.membershipId}::uuid, ${actor.practiceId}::uuid, ${now})
      ON CONFLICT ("membershipId") DO UPDATE SET "lookedAt" = GREATEST(home_marker."lookedAt", EXCLUDED."lookedAt")`;
    return rows[0]?.lookedAt ?? null;
  });
}
