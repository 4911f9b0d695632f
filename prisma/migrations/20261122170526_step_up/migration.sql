-- AlterTable
ALTER TABLE "session" ADD COLUMN     "stepUpAt" TIMESTAMPTZ(3);
