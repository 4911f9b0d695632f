import "server-only";
import { db } from "@/lib/db/client";

// Every event about one client, found through the index on audit_event_client(...) (the
// migration 20261129031736 defines it: the client target, the client code in the details, or the
// client acting in the portal, all read from what the hash covers), plus the events whose target
// is one of the client's data requests (request.viewed, .extended, .completed...), which name the
// request and not the client; data_request keeps the client's code after erasure, so those are
// still found. docs/audit-trail.md ("Finding everything about a client") explains the choice.

/** The query: $1 the practice, $2 the client's canonical code. Exported for the test that checks its plan uses the index. */
export const CLIENT_EVENTS_SQL = `
    SELECT id FROM audit_event
     WHERE "practiceId" = $1::uuid
       AND audit_event_client("targetType", "targetId", details, "actorType", "actorId") = $2
    UNION
    SELECT e.id FROM data_request r
      JOIN audit_event e ON e."practiceId" = r."practiceId" AND e."targetId" = r.id::text AND e."targetType" = 'request'
     WHERE r."practiceId" = $1::uuid AND r."clientCode" = $2`;

/** Ids of the practice's events about the client with this (canonical) code. */
export async function clientEventIds(practiceId: string, code: string): Promise<bigint[]> {
  const rows = await db().$queryRawUnsafe<{ id: bigint }[]>(CLIENT_EVENTS_SQL, practiceId, code);
  return rows.map((r) => r.id);
}
