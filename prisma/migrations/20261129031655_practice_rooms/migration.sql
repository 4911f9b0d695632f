-- CreateTable
CREATE TABLE "practice_room" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_room_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "practice_room_practiceId_name_key" ON "practice_room"("practiceId", "name");

-- AddForeignKey
ALTER TABLE "practice_room" ADD CONSTRAINT "practice_room_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rooms appointments already name become the practice's list, so existing bookings keep
-- their room and it can be chosen again.
INSERT INTO "practice_room" ("id", "practiceId", "name")
SELECT gen_random_uuid(), "practiceId", "room"
FROM "appointment"
WHERE "room" IS NOT NULL AND btrim("room") <> ''
GROUP BY "practiceId", "room"
ON CONFLICT ("practiceId", "name") DO NOTHING;

GRANT SELECT, INSERT, UPDATE ON "practice_room" TO confide_runtime;
