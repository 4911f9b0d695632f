-- CreateTable
CREATE TABLE "appointment_type" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "category" "AppointmentType" NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "feePence" INTEGER NOT NULL DEFAULT 0,
    "position" INTEGER NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointment_type_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "appointment_type_practiceId_position_idx" ON "appointment_type"("practiceId", "position");

-- AddForeignKey
ALTER TABLE "appointment_type" ADD CONSTRAINT "appointment_type_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: checks, one name per practice ignoring case, the built-ins for every practice
-- (existing ones now, new ones by trigger), and the backfill of existing appointments.
ALTER TABLE "appointment_type" ADD CONSTRAINT "appointment_type_name" CHECK (length(btrim("name")) BETWEEN 1 AND 60);
ALTER TABLE "appointment_type" ADD CONSTRAINT "appointment_type_duration" CHECK ("durationMinutes" BETWEEN 5 AND 720);
ALTER TABLE "appointment_type" ADD CONSTRAINT "appointment_type_fee" CHECK ("feePence" >= 0 AND "feePence" <= 10000000);
CREATE UNIQUE INDEX "appointment_type_practice_name_key" ON "appointment_type" ("practiceId", lower("name"));

CREATE FUNCTION confide_builtin_appointment_types() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "appointment_type" ("id", "practiceId", "name", "category", "durationMinutes", "feePence", "position") VALUES
    (gen_random_uuid(), NEW."id", 'Assessment', 'ASSESSMENT', 60, 0, 1),
    (gen_random_uuid(), NEW."id", 'Session', 'SESSION', 50, 0, 2),
    (gen_random_uuid(), NEW."id", 'Review', 'REVIEW', 50, 0, 3),
    (gen_random_uuid(), NEW."id", 'Supervision', 'SUPERVISION', 60, 0, 4);
  RETURN NULL;
END
$$;
CREATE TRIGGER "practice_builtin_appointment_types" AFTER INSERT ON "practice"
  FOR EACH ROW EXECUTE FUNCTION confide_builtin_appointment_types();

INSERT INTO "appointment_type" ("id", "practiceId", "name", "category", "durationMinutes", "feePence", "position")
SELECT gen_random_uuid(), p."id", b.name, b.category::"AppointmentType", b.minutes, 0, b.position
FROM "practice" p
CROSS JOIN (VALUES ('Assessment', 'ASSESSMENT', 60, 1), ('Session', 'SESSION', 50, 2), ('Review', 'REVIEW', 50, 3), ('Supervision', 'SUPERVISION', 60, 4))
  AS b(name, category, minutes, position);

-- AlterTable: add the reference, point every appointment at its practice's built-in of its category, then require it.
ALTER TABLE "appointment" ADD COLUMN     "practiceTypeId" UUID;
UPDATE "appointment" a SET "practiceTypeId" = t."id"
FROM "appointment_type" t WHERE t."practiceId" = a."practiceId" AND t."category" = a."type";
ALTER TABLE "appointment" ALTER COLUMN "practiceTypeId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "appointment_practiceTypeId_idx" ON "appointment"("practiceTypeId");

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_practiceTypeId_fkey" FOREIGN KEY ("practiceTypeId") REFERENCES "appointment_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

GRANT SELECT, INSERT, UPDATE, DELETE ON "appointment_type" TO confide_runtime;
