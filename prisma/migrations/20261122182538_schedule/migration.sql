-- CreateEnum
CREATE TYPE "AppointmentType" AS ENUM ('ASSESSMENT', 'SESSION', 'REVIEW', 'SUPERVISION');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('SCHEDULED', 'ATTENDED', 'CANCELLED_BY_CLIENT', 'CANCELLED_LATE', 'DID_NOT_ATTEND', 'CANCELLED_BY_PRACTICE');

-- CreateEnum
CREATE TYPE "PaymentState" AS ENUM ('UNPAID', 'PAID', 'WAIVED');

-- AlterTable
ALTER TABLE "note" ADD COLUMN     "appointmentId" UUID;

-- CreateTable
CREATE TABLE "appointment" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "clinicianId" UUID NOT NULL,
    "seriesId" UUID,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "type" "AppointmentType" NOT NULL,
    "room" TEXT,
    "onlineLink" TEXT,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'SCHEDULED',
    "feePence" INTEGER NOT NULL DEFAULT 0,
    "paymentState" "PaymentState" NOT NULL DEFAULT 'UNPAID',
    "paidAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_feed" (
    "membershipId" UUID NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastReadAt" TIMESTAMPTZ(3),

    CONSTRAINT "calendar_feed_pkey" PRIMARY KEY ("membershipId")
);

-- CreateIndex
CREATE INDEX "appointment_practiceId_startsAt_idx" ON "appointment"("practiceId", "startsAt");

-- CreateIndex
CREATE INDEX "appointment_clinicianId_startsAt_idx" ON "appointment"("clinicianId", "startsAt");

-- CreateIndex
CREATE INDEX "appointment_clientId_startsAt_idx" ON "appointment"("clientId", "startsAt");

-- CreateIndex
CREATE INDEX "appointment_seriesId_startsAt_idx" ON "appointment"("seriesId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_tokenHash_key" ON "calendar_feed"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "note_appointmentId_key" ON "note"("appointmentId");

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "appointment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_clinicianId_fkey" FOREIGN KEY ("clinicianId") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: checks, the no-double-booking rule in the database, and runtime grants.
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_times" CHECK ("endsAt" > "startsAt" AND "endsAt" - "startsAt" <= interval '12 hours');
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_fee" CHECK ("feePence" >= 0 AND "feePence" <= 10000000);
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_one_location" CHECK ("room" IS NULL OR "onlineLink" IS NULL);
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_paid_at" CHECK (("paymentState" = 'PAID') = ("paidAt" IS NOT NULL));

-- No two live (not cancelled) appointments of one clinician, or in one room of a practice,
-- overlap. btree_gist is a trusted extension (PostgreSQL 13+), so the database owner may
-- create it; where it cannot be created the rule is still enforced by lib/schedule, which
-- checks under a per-practice lock in the booking transaction.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gist;
  EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE 'btree_gist unavailable: double-booking is enforced by the application only';
  END;
  IF EXISTS (SELECT FROM pg_extension WHERE extname = 'btree_gist') THEN
    ALTER TABLE "appointment" ADD CONSTRAINT "appointment_no_clinician_overlap" EXCLUDE USING gist (
      "clinicianId" WITH =, tstzrange("startsAt", "endsAt") WITH &&)
      WHERE ("status" IN ('SCHEDULED', 'ATTENDED', 'DID_NOT_ATTEND'));
    ALTER TABLE "appointment" ADD CONSTRAINT "appointment_no_room_overlap" EXCLUDE USING gist (
      "practiceId" WITH =, "room" WITH =, tstzrange("startsAt", "endsAt") WITH &&)
      WHERE ("room" IS NOT NULL AND "status" IN ('SCHEDULED', 'ATTENDED', 'DID_NOT_ATTEND'));
  END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON "appointment" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON "calendar_feed" TO confide_runtime;
