-- CreateEnum
CREATE TYPE "ImportedEventState" AS ENUM ('PENDING', 'BUSY', 'BOOKED', 'DISMISSED');

-- CreateTable
CREATE TABLE "calendar_import" (
    "membershipId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "urlEnc" BYTEA NOT NULL,
    "host" TEXT NOT NULL,
    "scheduled" BOOLEAN NOT NULL DEFAULT false,
    "connectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastFailure" TEXT,

    CONSTRAINT "calendar_import_pkey" PRIMARY KEY ("membershipId")
);

-- CreateTable
CREATE TABLE "imported_event" (
    "id" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "uidHash" BYTEA NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "summaryEnc" BYTEA NOT NULL,
    "state" "ImportedEventState" NOT NULL DEFAULT 'PENDING',
    "appointmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "imported_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "calendar_import_scheduled_lastAttemptAt_idx" ON "calendar_import"("scheduled", "lastAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "imported_event_appointmentId_key" ON "imported_event"("appointmentId");

-- CreateIndex
CREATE INDEX "imported_event_membershipId_startsAt_idx" ON "imported_event"("membershipId", "startsAt");

-- CreateIndex
CREATE INDEX "imported_event_practiceId_state_startsAt_idx" ON "imported_event"("practiceId", "state", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "imported_event_membershipId_uidHash_key" ON "imported_event"("membershipId", "uidHash");

-- AddForeignKey
ALTER TABLE "calendar_import" ADD CONSTRAINT "calendar_import_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imported_event" ADD CONSTRAINT "imported_event_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "calendar_import"("membershipId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imported_event" ADD CONSTRAINT "imported_event_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: checks and runtime grants.
ALTER TABLE "calendar_import" ADD CONSTRAINT "calendar_import_host" CHECK (length("host") BETWEEN 1 AND 120);
ALTER TABLE "imported_event" ADD CONSTRAINT "imported_event_times" CHECK ("endsAt" >= "startsAt");
ALTER TABLE "imported_event" ADD CONSTRAINT "imported_event_booked" CHECK ("appointmentId" IS NULL OR "state" = 'BOOKED');

GRANT SELECT, INSERT, UPDATE, DELETE ON "calendar_import" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON "imported_event" TO confide_runtime;
