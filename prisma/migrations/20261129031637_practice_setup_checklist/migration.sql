-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "conventionsConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "setupChecklistDismissedAt" TIMESTAMPTZ(3);

-- The first-run checklist is for practices created from now on: those already running have
-- long since set themselves up.
UPDATE "practice" SET "setupChecklistDismissedAt" = now();
