-- CreateEnum
CREATE TYPE "EmailTokenPurpose" AS ENUM ('SIGN_UP', 'PASSWORD_RESET');

-- CreateTable
CREATE TABLE "email_token" (
    "id" UUID NOT NULL,
    "purpose" "EmailTokenPurpose" NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "email" TEXT NOT NULL,
    "userId" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_token_tokenHash_key" ON "email_token"("tokenHash");

-- CreateIndex
CREATE INDEX "email_token_email_idx" ON "email_token"("email");

ALTER TABLE "email_token" ADD CONSTRAINT "email_token_email_lowercase" CHECK ("email" = lower("email"));
GRANT SELECT, INSERT, UPDATE ON "email_token" TO confide_runtime;
