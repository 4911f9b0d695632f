-- CreateEnum
CREATE TYPE "DataRequestKind" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'OBJECTION');

-- CreateEnum
CREATE TYPE "DataRequestStatus" AS ENUM ('OPEN', 'COMPLETED', 'REFUSED', 'PARTLY_REFUSED');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "retentionMinorUntilAge" INTEGER NOT NULL DEFAULT 25,
ADD COLUMN     "retentionYears" INTEGER NOT NULL DEFAULT 7;

-- CreateTable
CREATE TABLE "portal_access" (
    "clientId" UUID NOT NULL,
    "pinHash" TEXT NOT NULL,
    "mustChangePin" BOOLEAN NOT NULL DEFAULT true,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" UUID NOT NULL,
    "pinChangedAt" TIMESTAMPTZ(3),

    CONSTRAINT "portal_access_pkey" PRIMARY KEY ("clientId")
);

-- CreateTable
CREATE TABLE "portal_session" (
    "id" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "portal_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_request" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "clientId" UUID,
    "clientCode" TEXT NOT NULL,
    "kind" "DataRequestKind" NOT NULL,
    "status" "DataRequestStatus" NOT NULL DEFAULT 'OPEN',
    "source" TEXT NOT NULL DEFAULT 'portal',
    "detailsEnc" BYTEA,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clockStartedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueOn" DATE NOT NULL,
    "extendedDueOn" DATE,
    "extensionReason" TEXT,
    "identityVerified" BOOLEAN NOT NULL DEFAULT false,
    "assigneeId" UUID,
    "harmReviewById" UUID,
    "harmReviewAt" TIMESTAMPTZ(3),
    "harmReviewOpinion" TEXT,
    "harmReviewWithheld" TEXT,
    "outcome" TEXT,
    "legalGround" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,

    CONSTRAINT "data_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_export" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "downloadedAt" TIMESTAMPTZ(3),

    CONSTRAINT "data_export_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reflection" (
    "id" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bodyEnc" BYTEA NOT NULL,
    "sharedAt" TIMESTAMPTZ(3),

    CONSTRAINT "reflection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "portal_session_tokenHash_key" ON "portal_session"("tokenHash");

-- CreateIndex
CREATE INDEX "portal_session_clientId_idx" ON "portal_session"("clientId");

-- CreateIndex
CREATE INDEX "data_request_practiceId_status_dueOn_idx" ON "data_request"("practiceId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "data_request_clientId_idx" ON "data_request"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "data_export_tokenHash_key" ON "data_export"("tokenHash");

-- CreateIndex
CREATE INDEX "data_export_clientId_idx" ON "data_export"("clientId");

-- CreateIndex
CREATE INDEX "reflection_clientId_createdAt_idx" ON "reflection"("clientId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "portal_access" ADD CONSTRAINT "portal_access_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_session" ADD CONSTRAINT "portal_session_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "portal_access"("clientId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "data_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reflection" ADD CONSTRAINT "reflection_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below.
ALTER TABLE "practice" ADD CONSTRAINT "practice_retention_range" CHECK ("retentionYears" BETWEEN 1 AND 100 AND "retentionMinorUntilAge" BETWEEN 18 AND 100);
ALTER TABLE "data_request" ADD CONSTRAINT "data_request_closed" CHECK (("status" = 'OPEN') = ("closedAt" IS NULL));
ALTER TABLE "data_request" ADD CONSTRAINT "data_request_extension_reason" CHECK ("extendedDueOn" IS NULL OR "extensionReason" IS NOT NULL);

GRANT SELECT, INSERT, UPDATE, DELETE ON "portal_access", "portal_session", "data_export", "reflection" TO confide_runtime;
-- Requests are the practice's record of compliance: never deleted by the app.
GRANT SELECT, INSERT, UPDATE ON "data_request" TO confide_runtime;
