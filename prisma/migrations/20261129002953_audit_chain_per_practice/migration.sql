-- Each practice's audit events form their own chain, named by the practice id; events of no
-- practice go on the platform chain (lib/audit/record.ts). Enforced here, so a chain never mixes
-- practices and stays whole on one shard when the database is sharded by practice
-- (docs/scaling.md).
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_chain_is_practice"
  CHECK ("chainId" = COALESCE("practiceId"::text, 'platform'));
