-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "requireTwoFactor" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "twoFactorRelaxedReason" TEXT;

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "mfaVerifiedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "user_account" ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" BIGINT,
ADD COLUMN     "totpPendingSecretEnc" BYTEA,
ADD COLUMN     "totpSecretEnc" BYTEA;

-- CreateTable
CREATE TABLE "recovery_code" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" BYTEA NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "recovery_code_userId_codeHash_key" ON "recovery_code"("userId", "codeHash");

-- AddForeignKey
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "practice" ADD CONSTRAINT "practice_two_factor_relaxed_has_reason"
  CHECK ("requireTwoFactor" OR length(coalesce("twoFactorRelaxedReason", '')) >= 10);
GRANT SELECT, INSERT, UPDATE, DELETE ON "recovery_code" TO confide_runtime;
