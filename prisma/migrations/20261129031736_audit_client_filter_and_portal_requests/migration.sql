-- AlterEnum
ALTER TYPE "DataRequestStatus" ADD VALUE 'WITHDRAWN';

-- AlterTable
ALTER TABLE "appointment" ADD COLUMN     "cancelRequestedAt" TIMESTAMPTZ(3);

-- Which client an audit event is about, read from what the event's hash covers: a client target
-- (its code), the client code in the details, or the client acting in the portal. An expression,
-- not a column: it needs no write at append time, holds for every event ever written (no old row
-- is rewritten), and cannot be changed apart from the hashed content it is read from.
-- Events about a request name the request, not the client: lib/audit/client-events.ts joins
-- those through data_request."clientCode" (kept after erasure). See docs/audit-trail.md.
CREATE FUNCTION audit_event_client(target_type text, target_id text, details jsonb, actor_type "AuditActorType", actor_id text)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN COALESCE(
    CASE WHEN target_type = 'client' THEN target_id END,
    details ->> 'client',
    CASE WHEN actor_type = 'CLIENT' AND actor_id <> 'unknown' THEN actor_id END);

CREATE INDEX "audit_event_client_idx" ON "audit_event"
  ("practiceId", audit_event_client("targetType", "targetId", details, "actorType", "actorId"), "occurredAt" DESC, id DESC)
  WHERE audit_event_client("targetType", "targetId", details, "actorType", "actorId") IS NOT NULL;
