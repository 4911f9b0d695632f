-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "idleTimeoutMinutes" INTEGER NOT NULL DEFAULT 15;

ALTER TABLE "practice" ADD CONSTRAINT "practice_idle_timeout_range" CHECK ("idleTimeoutMinutes" BETWEEN 5 AND 60);
