-- AlterTable
ALTER TABLE "appointment_type" ADD COLUMN     "noteTemplate" "NoteTemplate",
ADD COLUMN     "noteTemplateId" UUID;

-- AlterTable
ALTER TABLE "note" ADD COLUMN     "discardedAt" TIMESTAMPTZ(3),
ADD COLUMN     "discardedById" UUID,
ADD COLUMN     "layout" JSONB,
ADD COLUMN     "practiceTemplateId" UUID;

-- CreateTable
CREATE TABLE "practice_note_template" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_note_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "home_marker" (
    "membershipId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "lookedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "home_marker_pkey" PRIMARY KEY ("membershipId")
);

-- CreateIndex
CREATE INDEX "practice_note_template_practiceId_idx" ON "practice_note_template"("practiceId");

-- CreateIndex
CREATE INDEX "home_marker_practiceId_idx" ON "home_marker"("practiceId");

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_practiceTemplateId_fkey" FOREIGN KEY ("practiceTemplateId") REFERENCES "practice_note_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment_type" ADD CONSTRAINT "appointment_type_noteTemplateId_fkey" FOREIGN KEY ("noteTemplateId") REFERENCES "practice_note_template"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_note_template" ADD CONSTRAINT "practice_note_template_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

GRANT SELECT, INSERT, UPDATE ON "practice_note_template" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE ON "home_marker" TO confide_runtime;

-- Hand-written: only a draft is discarded, and a discarded draft is never signed.
ALTER TABLE "note" ADD CONSTRAINT "note_discarded_draft" CHECK ("discardedAt" IS NULL OR "status" = 'DRAFT');
