-- CreateEnum
CREATE TYPE "SuspensionReason" AS ENUM ('BILLING', 'ABUSE', 'SECURITY', 'REQUESTED', 'OTHER');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "suspendedAt" TIMESTAMPTZ(3),
ADD COLUMN     "suspendedNote" TEXT,
ADD COLUMN     "suspendedReason" "SuspensionReason";
-- A suspension always says when and why; the note is short and only ever set with them.
ALTER TABLE "practice" ADD CONSTRAINT "practice_suspension_complete"
  CHECK (("suspendedAt" IS NULL) = ("suspendedReason" IS NULL) AND ("suspendedNote" IS NULL OR "suspendedAt" IS NOT NULL));
ALTER TABLE "practice" ADD CONSTRAINT "practice_suspended_note_length" CHECK (length("suspendedNote") <= 500);
-- No new tables: confide_runtime already has SELECT, INSERT, UPDATE on "practice".
