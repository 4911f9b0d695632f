-- CreateTable
CREATE TABLE "practice_form" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "practice_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practice_form_version" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "formId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" UUID,
    "contentHash" BYTEA,

    CONSTRAINT "practice_form_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_form" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "formId" UUID NOT NULL,
    "formVersionId" UUID NOT NULL,
    "sentById" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "answersEnc" BYTEA,

    CONSTRAINT "client_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "form_consent" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientFormId" UUID NOT NULL,
    "formVersionId" UUID NOT NULL,
    "fieldId" TEXT NOT NULL,
    "statementHash" BYTEA NOT NULL,
    "agreed" BOOLEAN NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "form_consent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "practice_form_practiceId_createdAt_idx" ON "practice_form"("practiceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "practice_form_id_practiceId_key" ON "practice_form"("id", "practiceId");

-- CreateIndex
CREATE INDEX "practice_form_version_practiceId_idx" ON "practice_form_version"("practiceId");

-- CreateIndex
CREATE UNIQUE INDEX "practice_form_version_id_practiceId_key" ON "practice_form_version"("id", "practiceId");

-- CreateIndex
CREATE UNIQUE INDEX "practice_form_version_formId_number_key" ON "practice_form_version"("formId", "number");

-- CreateIndex
CREATE INDEX "client_form_practiceId_sentAt_idx" ON "client_form"("practiceId", "sentAt");

-- CreateIndex
CREATE INDEX "client_form_formVersionId_idx" ON "client_form"("formVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "client_form_id_practiceId_key" ON "client_form"("id", "practiceId");

-- CreateIndex
CREATE UNIQUE INDEX "client_form_clientId_formId_key" ON "client_form"("clientId", "formId");

-- CreateIndex
CREATE INDEX "form_consent_practiceId_idx" ON "form_consent"("practiceId");

-- CreateIndex
CREATE UNIQUE INDEX "form_consent_clientFormId_fieldId_key" ON "form_consent"("clientFormId", "fieldId");

-- CreateIndex
CREATE UNIQUE INDEX "client_id_practiceId_key" ON "client"("id", "practiceId");

-- AddForeignKey
ALTER TABLE "practice_form" ADD CONSTRAINT "practice_form_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_form_version" ADD CONSTRAINT "practice_form_version_formId_practiceId_fkey" FOREIGN KEY ("formId", "practiceId") REFERENCES "practice_form"("id", "practiceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_form" ADD CONSTRAINT "client_form_clientId_practiceId_fkey" FOREIGN KEY ("clientId", "practiceId") REFERENCES "client"("id", "practiceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_form" ADD CONSTRAINT "client_form_formId_practiceId_fkey" FOREIGN KEY ("formId", "practiceId") REFERENCES "practice_form"("id", "practiceId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_form" ADD CONSTRAINT "client_form_formVersionId_practiceId_fkey" FOREIGN KEY ("formVersionId", "practiceId") REFERENCES "practice_form_version"("id", "practiceId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "form_consent" ADD CONSTRAINT "form_consent_clientFormId_practiceId_fkey" FOREIGN KEY ("clientFormId", "practiceId") REFERENCES "client_form"("id", "practiceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written. The runtime role works with forms; a published version never changes (its
-- answers and consents point at it), nor is it deleted.
GRANT SELECT, INSERT, UPDATE, DELETE ON "practice_form", "practice_form_version", "client_form", "form_consent" TO confide_runtime;

CREATE FUNCTION practice_form_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."publishedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'a published form version never changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER practice_form_version_frozen BEFORE UPDATE OR DELETE ON "practice_form_version"
  FOR EACH ROW EXECUTE FUNCTION practice_form_version_frozen();

-- A form's answers that are identity (name, date of birth, contact, GP, emergency contact) and
-- the names typed as consent signatures: in the vault, under their own data key wrapped by the
-- identity master key; the clinical side keeps only the sent form and its consent flags.
CREATE TABLE vault.form_identity_answer (
  client_form_id UUID PRIMARY KEY,
  client_id      UUID NOT NULL,
  practice_id    UUID NOT NULL,
  master_key_id  INTEGER NOT NULL,
  wrapped_key    BYTEA NOT NULL,
  data_enc       BYTEA NOT NULL,
  updated_at     TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX form_identity_answer_client ON vault.form_identity_answer (client_id);
CREATE INDEX form_identity_answer_practice ON vault.form_identity_answer (practice_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.form_identity_answer TO confide_vault_runtime;
