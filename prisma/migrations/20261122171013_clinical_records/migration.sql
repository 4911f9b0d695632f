-- CreateEnum
CREATE TYPE "ClientStatus" AS ENUM ('ACTIVE', 'DISCHARGED');

-- CreateEnum
CREATE TYPE "NoteKind" AS ENUM ('CLINICAL', 'PROCESS');

-- CreateEnum
CREATE TYPE "NoteTemplate" AS ENUM ('FREE', 'SOAP', 'DAP', 'BIRP');

-- CreateEnum
CREATE TYPE "NoteStatus" AS ENUM ('DRAFT', 'SIGNED');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "managersMayRevealContact" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "client" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT,
    "status" "ClientStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dischargedAt" TIMESTAMPTZ(3),

    CONSTRAINT "client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_assignment" (
    "clientId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_assignment_pkey" PRIMARY KEY ("clientId","membershipId")
);

-- CreateTable
CREATE TABLE "client_notes_key" (
    "clientId" UUID NOT NULL,
    "masterKeyId" INTEGER NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rewrappedAt" TIMESTAMPTZ(3),

    CONSTRAINT "client_notes_key_pkey" PRIMARY KEY ("clientId")
);

-- CreateTable
CREATE TABLE "note" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "kind" "NoteKind" NOT NULL DEFAULT 'CLINICAL',
    "template" "NoteTemplate" NOT NULL,
    "sessionDate" DATE NOT NULL,
    "status" "NoteStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "contentEnc" BYTEA NOT NULL,
    "wordCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedAt" TIMESTAMPTZ(3),
    "signedById" UUID,
    "contentHash" BYTEA,

    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_version" (
    "id" UUID NOT NULL,
    "noteId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "savedById" UUID NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentEnc" BYTEA NOT NULL,
    "wordCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "note_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_addendum" (
    "id" UUID NOT NULL,
    "noteId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentEnc" BYTEA NOT NULL,
    "contentHash" BYTEA NOT NULL,

    CONSTRAINT "note_addendum_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "client_code_key" ON "client"("code");

-- CreateIndex
CREATE INDEX "client_practiceId_status_idx" ON "client"("practiceId", "status");

-- CreateIndex
CREATE INDEX "client_assignment_membershipId_idx" ON "client_assignment"("membershipId");

-- CreateIndex
CREATE INDEX "client_notes_key_masterKeyId_idx" ON "client_notes_key"("masterKeyId");

-- CreateIndex
CREATE INDEX "note_clientId_sessionDate_idx" ON "note"("clientId", "sessionDate" DESC);

-- CreateIndex
CREATE INDEX "note_authorId_status_idx" ON "note"("authorId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "note_version_noteId_number_key" ON "note_version"("noteId", "number");

-- CreateIndex
CREATE INDEX "note_addendum_noteId_idx" ON "note_addendum"("noteId");

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignment" ADD CONSTRAINT "client_assignment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignment" ADD CONSTRAINT "client_assignment_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_notes_key" ADD CONSTRAINT "client_notes_key_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_version" ADD CONSTRAINT "note_version_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_addendum" ADD CONSTRAINT "note_addendum_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below: rules Prisma cannot express.

-- Client codes are stored canonical: 12 symbols of the Crockford base-32 alphabet.
ALTER TABLE "client" ADD CONSTRAINT "client_code_format" CHECK ("code" ~ '^[0-9A-HJKMNP-TV-Z]{12}$');
ALTER TABLE "client" ADD CONSTRAINT "client_discharged_at" CHECK (("status" = 'DISCHARGED') = ("dischargedAt" IS NOT NULL));
ALTER TABLE "note" ADD CONSTRAINT "note_signed_complete" CHECK (
  ("status" = 'SIGNED') = ("signedAt" IS NOT NULL AND "signedById" IS NOT NULL AND "contentHash" IS NOT NULL));

-- A signed note is locked: its content, hash and signature never change (addenda are added
-- instead). Enforced here as well as in lib/notes, so no code path can get it wrong.
CREATE FUNCTION confide_note_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'SIGNED' AND (
       NEW."contentEnc" IS DISTINCT FROM OLD."contentEnc" OR NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."contentHash" IS DISTINCT FROM OLD."contentHash" OR NEW."signedAt" IS DISTINCT FROM OLD."signedAt"
    OR NEW."signedById" IS DISTINCT FROM OLD."signedById") THEN
    RAISE EXCEPTION 'note % is signed and cannot be changed', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "note_locked_when_signed" BEFORE UPDATE ON "note" FOR EACH ROW EXECUTE FUNCTION confide_note_locked();

-- Runtime privileges. Addenda are written once: no UPDATE. Deletes happen only through
-- erasure (a later issue) and discharge never deletes.
GRANT SELECT, INSERT, UPDATE, DELETE ON "client", "client_assignment", "client_notes_key", "note", "note_version" TO confide_runtime;
GRANT SELECT, INSERT, DELETE ON "note_addendum" TO confide_runtime;

-- The identity vault: its own schema, reached only through its own role. The role serving
-- clinical data (confide_runtime) has no privilege here, and the vault role has none on the
-- clinical tables. lib/vault writes and reads it; the app never joins the two in SQL.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'confide_vault_runtime') THEN
    CREATE ROLE confide_vault_runtime NOLOGIN;
  END IF;
END
$$;
CREATE SCHEMA IF NOT EXISTS vault;
REVOKE ALL ON SCHEMA vault FROM PUBLIC;
GRANT USAGE ON SCHEMA vault TO confide_vault_runtime;

-- One row per client: the identity (name, contact details, GP…) as one AES-256-GCM ciphertext
-- under the client's identity data key, which is itself wrapped by the identity master key.
-- name_tags are keyed HMACs of normalised name words (blind index), so a working label that
-- matches a name can be flagged without decrypting anyone.
CREATE TABLE vault.client_identity (
  client_id     UUID PRIMARY KEY,
  practice_id   UUID NOT NULL,
  master_key_id INTEGER NOT NULL,
  wrapped_key   BYTEA NOT NULL,
  data_enc      BYTEA NOT NULL,
  name_tags     BYTEA[] NOT NULL DEFAULT '{}',
  created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  rewrapped_at  TIMESTAMPTZ(3)
);
CREATE INDEX client_identity_practice ON vault.client_identity (practice_id);
CREATE INDEX client_identity_master_key ON vault.client_identity (master_key_id);
CREATE INDEX client_identity_name_tags ON vault.client_identity USING gin (name_tags);
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.client_identity TO confide_vault_runtime;
