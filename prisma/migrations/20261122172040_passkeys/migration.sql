-- CreateEnum
CREATE TYPE "WebAuthnChallengePurpose" AS ENUM ('REGISTRATION', 'AUTHENTICATION');

-- CreateTable
CREATE TABLE "passkey" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "deviceType" TEXT NOT NULL,
    "backedUp" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "passkey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webauthn_challenge" (
    "challenge" TEXT NOT NULL,
    "purpose" "WebAuthnChallengePurpose" NOT NULL,
    "userId" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webauthn_challenge_pkey" PRIMARY KEY ("challenge")
);

-- CreateIndex
CREATE UNIQUE INDEX "passkey_credentialId_key" ON "passkey"("credentialId");

-- CreateIndex
CREATE INDEX "passkey_userId_idx" ON "passkey"("userId");

-- CreateIndex
CREATE INDEX "webauthn_challenge_expiresAt_idx" ON "webauthn_challenge"("expiresAt");

-- AddForeignKey
ALTER TABLE "passkey" ADD CONSTRAINT "passkey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "passkey" ADD CONSTRAINT "passkey_name_length" CHECK (length("name") BETWEEN 1 AND 60);
ALTER TABLE "passkey" ADD CONSTRAINT "passkey_counter_uint32" CHECK ("counter" BETWEEN 0 AND 4294967295);
ALTER TABLE "webauthn_challenge" ADD CONSTRAINT "webauthn_challenge_registration_has_user"
  CHECK ("purpose" <> 'REGISTRATION' OR "userId" IS NOT NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON "passkey" TO confide_runtime;
-- Challenges are written once and deleted when used: never updated.
GRANT SELECT, INSERT, DELETE ON "webauthn_challenge" TO confide_runtime;
