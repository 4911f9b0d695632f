-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- CreateEnum
CREATE TYPE "DocumentSeries" AS ENUM ('INVOICE', 'CREDIT_NOTE', 'RECEIPT');

-- CreateEnum
CREATE TYPE "PaymentKind" AS ENUM ('PAYMENT', 'REFUND');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('BANK_TRANSFER', 'CARD', 'CASH', 'INSURER');

-- CreateTable
CREATE TABLE "invoice_settings" (
    "practiceId" UUID NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "vatExempt" BOOLEAN NOT NULL DEFAULT false,
    "vatExemptText" TEXT NOT NULL DEFAULT 'Exempt from VAT: medical care provided by a registered health professional (VAT Act 1994, Schedule 9, Group 7).',
    "paymentInstructions" TEXT NOT NULL DEFAULT '',
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 14,
    "retentionYears" INTEGER NOT NULL DEFAULT 6,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_settings_pkey" PRIMARY KEY ("practiceId")
);

-- CreateTable
CREATE TABLE "clinician_registration" (
    "membershipId" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "number" TEXT NOT NULL,

    CONSTRAINT "clinician_registration_pkey" PRIMARY KEY ("membershipId")
);

-- CreateTable
CREATE TABLE "document_counter" (
    "practiceId" UUID NOT NULL,
    "series" "DocumentSeries" NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "document_counter_pkey" PRIMARY KEY ("practiceId","series")
);

-- CreateTable
CREATE TABLE "invoice" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "clientId" UUID NOT NULL,
    "clientCode" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "practiceName" TEXT NOT NULL,
    "practiceAddress" TEXT NOT NULL,
    "vatNote" TEXT,
    "paymentInstructions" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "creditsInvoiceId" UUID,
    "creditReason" TEXT,
    "issuedById" UUID NOT NULL,
    "retainUntil" DATE NOT NULL,

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_line" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "appointmentId" UUID,
    "serviceDate" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "clinicianId" UUID NOT NULL,
    "clinicianName" TEXT NOT NULL,
    "registration" TEXT,
    "amountMinor" INTEGER NOT NULL,

    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_payment" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "kind" "PaymentKind" NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "receivedOn" DATE NOT NULL,
    "receiptNumber" INTEGER,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clinician_registration_practiceId_idx" ON "clinician_registration"("practiceId");

-- CreateIndex
CREATE INDEX "invoice_practiceId_issuedOn_idx" ON "invoice"("practiceId", "issuedOn");

-- CreateIndex
CREATE INDEX "invoice_practiceId_clientId_idx" ON "invoice"("practiceId", "clientId");

-- CreateIndex
CREATE INDEX "invoice_creditsInvoiceId_idx" ON "invoice"("creditsInvoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_practiceId_kind_number_key" ON "invoice"("practiceId", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_id_practiceId_key" ON "invoice"("id", "practiceId");

-- CreateIndex
CREATE INDEX "invoice_line_invoiceId_idx" ON "invoice_line"("invoiceId");

-- CreateIndex
CREATE INDEX "invoice_line_practiceId_appointmentId_idx" ON "invoice_line"("practiceId", "appointmentId");

-- CreateIndex
CREATE INDEX "invoice_payment_invoiceId_idx" ON "invoice_payment"("invoiceId");

-- CreateIndex
CREATE INDEX "invoice_payment_practiceId_receivedOn_idx" ON "invoice_payment"("practiceId", "receivedOn");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_payment_practiceId_receiptNumber_key" ON "invoice_payment"("practiceId", "receiptNumber");

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_creditsInvoiceId_practiceId_fkey" FOREIGN KEY ("creditsInvoiceId", "practiceId") REFERENCES "invoice"("id", "practiceId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_invoiceId_practiceId_fkey" FOREIGN KEY ("invoiceId", "practiceId") REFERENCES "invoice"("id", "practiceId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_payment" ADD CONSTRAINT "invoice_payment_invoiceId_practiceId_fkey" FOREIGN KEY ("invoiceId", "practiceId") REFERENCES "invoice"("id", "practiceId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written. Amounts: an invoice's total is positive, a credit note's negative (and points at
-- its invoice); payments are positive amounts (a refund's direction is its kind).
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_total_sign" CHECK (
  ("kind" = 'INVOICE' AND "totalMinor" >= 0 AND "creditsInvoiceId" IS NULL)
  OR ("kind" = 'CREDIT_NOTE' AND "totalMinor" < 0 AND "creditsInvoiceId" IS NOT NULL));
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_number_positive" CHECK ("number" > 0);
ALTER TABLE "invoice_payment" ADD CONSTRAINT "invoice_payment_amount_positive" CHECK ("amountMinor" > 0);
ALTER TABLE "invoice_payment" ADD CONSTRAINT "invoice_payment_receipt" CHECK (("kind" = 'PAYMENT') = ("receiptNumber" IS NOT NULL));
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_terms" CHECK ("paymentTermsDays" BETWEEN 0 AND 365 AND "retentionYears" BETWEEN 6 AND 100);
ALTER TABLE "document_counter" ADD CONSTRAINT "document_counter_next_positive" CHECK ("next" > 0);

-- Issued documents never change. Every UPDATE of an invoice, its lines or its payments is
-- refused, for every role (status is derived from payments and credit notes, never stored). A
-- DELETE is refused too, except by the retention path (lib/invoices/retention.ts), which sets
-- confide.invoice_retention in its transaction, and then only for a document past its
-- retainUntil day: within the legal period not even that path can remove one.
CREATE FUNCTION confide_invoice_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  retain DATE;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'issued invoices never change: % on % refused (issue a credit note)', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF coalesce(current_setting('confide.invoice_retention', true), '') <> 'on' THEN
    RAISE EXCEPTION 'issued invoices are removed only by the retention job: DELETE on % refused', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_TABLE_NAME = 'invoice' THEN
    retain := OLD."retainUntil";
  ELSE
    SELECT "retainUntil" INTO retain FROM "invoice" WHERE "id" = OLD."invoiceId";
  END IF;
  IF retain IS NOT NULL AND retain >= current_date THEN
    RAISE EXCEPTION 'invoice within its legal retention period: DELETE on % refused', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER invoice_immutable BEFORE UPDATE OR DELETE ON "invoice" FOR EACH ROW EXECUTE FUNCTION confide_invoice_immutable();
CREATE TRIGGER invoice_line_immutable BEFORE UPDATE OR DELETE ON "invoice_line" FOR EACH ROW EXECUTE FUNCTION confide_invoice_immutable();
CREATE TRIGGER invoice_payment_immutable BEFORE UPDATE OR DELETE ON "invoice_payment" FOR EACH ROW EXECUTE FUNCTION confide_invoice_immutable();
CREATE FUNCTION confide_invoice_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued invoices are removed only by the retention job: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER invoice_no_truncate BEFORE TRUNCATE ON "invoice" FOR EACH STATEMENT EXECUTE FUNCTION confide_invoice_no_truncate();
ALTER TABLE "invoice" ENABLE ALWAYS TRIGGER invoice_immutable;
ALTER TABLE "invoice_line" ENABLE ALWAYS TRIGGER invoice_line_immutable;
ALTER TABLE "invoice_payment" ENABLE ALWAYS TRIGGER invoice_payment_immutable;

GRANT SELECT, INSERT, UPDATE, DELETE ON "invoice_settings" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON "clinician_registration" TO confide_runtime;
GRANT SELECT, INSERT, UPDATE ON "document_counter" TO confide_runtime;
GRANT SELECT, INSERT, DELETE ON "invoice" TO confide_runtime;
GRANT SELECT, INSERT, DELETE ON "invoice_line" TO confide_runtime;
GRANT SELECT, INSERT, DELETE ON "invoice_payment" TO confide_runtime;

-- The addressee of each invoice (name and postal address at issue), sealed under the client's
-- identity data key; the row keeps its own copy of that key, wrapped by the identity master key,
-- so an invoice kept by law after the client's erasure stays readable until the retention job
-- deletes this row (and with it the last copy of the key).
CREATE TABLE vault.invoice_addressee (
  invoice_id    UUID PRIMARY KEY,
  client_id     UUID NOT NULL,
  practice_id   UUID NOT NULL,
  master_key_id INTEGER NOT NULL,
  wrapped_key   BYTEA NOT NULL,
  data_enc      BYTEA NOT NULL,
  created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX invoice_addressee_practice ON vault.invoice_addressee (practice_id, client_id);
-- UPDATE only for key rotation (lib/vault/invoice-addressee.ts: rewrapInvoiceAddressees).
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.invoice_addressee TO confide_vault_runtime;
