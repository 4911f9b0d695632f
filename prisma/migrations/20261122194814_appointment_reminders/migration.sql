-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('SENDING', 'SENT', 'FAILED', 'SKIPPED');

-- AlterTable
ALTER TABLE "client" ADD COLUMN     "remindersOptInById" UUID,
ADD COLUMN     "remindersOptedInAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "reminderHoursBefore" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "remindersEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "appointment_reminder" (
    "appointmentId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "status" "ReminderStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "failure" TEXT,

    CONSTRAINT "appointment_reminder_pkey" PRIMARY KEY ("appointmentId")
);

-- CreateIndex
CREATE INDEX "appointment_reminder_practiceId_claimedAt_idx" ON "appointment_reminder"("practiceId", "claimedAt");

-- AddForeignKey
ALTER TABLE "appointment_reminder" ADD CONSTRAINT "appointment_reminder_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "appointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: bounds, and runtime grants.
ALTER TABLE "practice" ADD CONSTRAINT "practice_reminder_hours" CHECK ("reminderHoursBefore" BETWEEN 1 AND 168);
ALTER TABLE "appointment_reminder" ADD CONSTRAINT "appointment_reminder_attempts" CHECK ("attempts" BETWEEN 1 AND 10);
ALTER TABLE "appointment_reminder" ADD CONSTRAINT "appointment_reminder_sent_at" CHECK (("status" = 'SENT') = ("sentAt" IS NOT NULL));
ALTER TABLE "appointment_reminder" ADD CONSTRAINT "appointment_reminder_failure" CHECK ("failure" IS NULL OR "failure" ~ '^[a-z_]{1,40}$');

GRANT SELECT, INSERT, UPDATE, DELETE ON "appointment_reminder" TO confide_runtime;
