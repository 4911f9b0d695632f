-- AlterTable
ALTER TABLE "data_export" ADD COLUMN     "contentEnc" BYTEA;

-- AlterTable
ALTER TABLE "data_request" ADD COLUMN     "harmReviewReason" TEXT,
ADD COLUMN     "harmReviewWithheldNotes" JSONB NOT NULL DEFAULT '[]';

-- Hand-written: copies prepared before this migration hold no content (they were rebuilt at
-- download time, drafts and withheld items included). A pending one is withdrawn and its
-- request reopened, so the practice prepares it again under the new rules; where the reviewer
-- wrote that something was withheld, the review is asked for again, now item by item.
UPDATE "data_request" SET "status" = 'OPEN', "closedAt" = NULL, "closedById" = NULL, "outcome" = NULL
  WHERE "id" IN (SELECT "requestId" FROM "data_export" WHERE "contentEnc" IS NULL AND "downloadedAt" IS NULL AND "expiresAt" > now());
UPDATE "data_request" SET "harmReviewAt" = NULL
  WHERE "status" = 'OPEN' AND "kind" = 'ACCESS' AND "harmReviewWithheld" IS NOT NULL;
DELETE FROM "data_export" WHERE "contentEnc" IS NULL AND "downloadedAt" IS NULL;
