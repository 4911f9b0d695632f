-- AlterTable
ALTER TABLE "client" ADD COLUMN     "legalHoldReason" TEXT,
ADD COLUMN     "legalHoldUntil" DATE,
ADD COLUMN     "retentionDueAt" TIMESTAMPTZ(3);

-- Hand-written: a hold always carries its reason.
ALTER TABLE "client" ADD CONSTRAINT "client_legal_hold_reason" CHECK ("legalHoldUntil" IS NULL OR "legalHoldReason" IS NOT NULL);
