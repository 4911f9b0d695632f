-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "conventionsConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "setupChecklistDismissedAt" TIMESTAMPTZ(3);
