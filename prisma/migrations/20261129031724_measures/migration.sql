-- CreateEnum
CREATE TYPE "MeasureSchedule" AS ENUM ('ONCE', 'EVERY_SESSION');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "crisisText" TEXT;

-- CreateTable
CREATE TABLE "measure_assignment" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "measure" TEXT NOT NULL,
    "schedule" "MeasureSchedule" NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "measure_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "measure_response" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "measure" TEXT NOT NULL,
    "assignmentId" UUID,
    "appointmentId" UUID,
    "answersEnc" BYTEA NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "score" DOUBLE PRECISION,
    "risk" BOOLEAN NOT NULL DEFAULT false,
    "takenOn" DATE,
    "completedAt" TIMESTAMPTZ(3),
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "measure_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "measure_assignment_clientId_idx" ON "measure_assignment"("clientId");

-- CreateIndex
CREATE INDEX "measure_response_clientId_measure_completedAt_idx" ON "measure_response"("clientId", "measure", "completedAt");

-- CreateIndex
CREATE INDEX "measure_response_practiceId_risk_completedAt_idx" ON "measure_response"("practiceId", "risk", "completedAt");

-- CreateIndex
CREATE INDEX "measure_response_appointmentId_idx" ON "measure_response"("appointmentId");

-- CreateIndex
CREATE UNIQUE INDEX "measure_response_assignmentId_appointmentId_key" ON "measure_response"("assignmentId", "appointmentId");

-- AddForeignKey
ALTER TABLE "measure_assignment" ADD CONSTRAINT "measure_assignment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "measure_assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only measures defined in lib/measures/definitions.ts.
ALTER TABLE "measure_assignment" ADD CONSTRAINT "measure_assignment_measure_known" CHECK ("measure" IN ('PHQ9', 'GAD7', 'CORE10'));
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_measure_known" CHECK ("measure" IN ('PHQ9', 'GAD7', 'CORE10'));
ALTER TABLE "practice" ADD CONSTRAINT "practice_crisis_text_length" CHECK (char_length("crisisText") <= 2000);

GRANT SELECT, INSERT, UPDATE, DELETE ON "measure_assignment" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON "measure_response" TO confide_runtime;
