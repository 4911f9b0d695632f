import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/**
 * Records that the member looks at their home page now and returns when they last did (null on
 * the first visit). One statement, so two tabs at once never lose a visit: each gets the time
 * before its own.
 */
export async function takeHomeMarker(actor: Actor, now = new Date()): Promise<Date | null> {
  const rows = await db().$queryRaw<{ previous: Date | null }[]>`
    WITH previous AS (SELECT "lookedAt" FROM home_marker WHERE "membershipId" = ${actor.membershipId}::uuid FOR UPDATE)
    INSERT INTO home_marker ("membershipId", "practiceId", "lookedAt") VALUES (${actor.membershipId}::uuid, ${actor.practiceId}::uuid, ${now})
    ON CONFLICT ("membershipId") DO UPDATE SET "lookedAt" = GREATEST(home_marker."lookedAt", EXCLUDED."lookedAt")
    RETURNING (SELECT "lookedAt" FROM previous) AS previous`;
  return rows[0]?.previous ?? null;
}
