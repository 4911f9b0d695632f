-- CreateEnum
CREATE TYPE "AuditActorType" AS ENUM ('USER', 'CLIENT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'DENIED', 'FAILED');

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "chainId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "practiceId" UUID,
    "actorType" "AuditActorType" NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "requestId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" JSONB NOT NULL,
    "prevHash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "chainId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("chainId")
);

-- CreateIndex
CREATE INDEX "audit_event_practiceId_occurredAt_id_idx" ON "audit_event"("practiceId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_event_practiceId_actorId_occurredAt_idx" ON "audit_event"("practiceId", "actorId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "audit_event_practiceId_targetId_idx" ON "audit_event"("practiceId", "targetId");

-- CreateIndex
CREATE INDEX "audit_event_practiceId_action_occurredAt_idx" ON "audit_event"("practiceId", "action", "occurredAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_chainId_seq_key" ON "audit_event"("chainId", "seq");

-- ---------------------------------------------------------------------------------------------
-- Append-only, enforced by the database (hand-written; Prisma cannot express it).
-- Row and statement triggers refuse UPDATE, DELETE and TRUNCATE for everyone, the owner
-- included; the runtime role may only SELECT and INSERT, owns nothing (so cannot ALTER TABLE …
-- DISABLE TRIGGER) and is no superuser (so cannot SET session_replication_role = replica).
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- Fire even when a session sets session_replication_role = replica.
ALTER TABLE "audit_event" ENABLE ALWAYS TRIGGER audit_event_no_update_delete;
ALTER TABLE "audit_event" ENABLE ALWAYS TRIGGER audit_event_no_truncate;

ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_hashes_are_sha256"
  CHECK (octet_length("hash") = 32 AND octet_length("prevHash") = 32);
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_seq_positive" CHECK ("seq" >= 1);
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_details_small"
  CHECK (pg_column_size("details") <= 4096);

REVOKE ALL ON "audit_event" FROM PUBLIC;
GRANT SELECT, INSERT ON "audit_event" TO confide_runtime;
GRANT USAGE ON SEQUENCE "audit_event_id_seq" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE ON "audit_chain_head" TO confide_runtime;
