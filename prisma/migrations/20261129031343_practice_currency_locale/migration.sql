-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'GBP',
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en-GB';
