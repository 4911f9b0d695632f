-- AlterTable
ALTER TABLE "membership" ADD COLUMN     "removedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "invitation" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "tokenHash" BYTEA NOT NULL,
    "invitedById" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitation_tokenHash_key" ON "invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "invitation_practiceId_idx" ON "invitation"("practiceId");

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "invitation" ADD CONSTRAINT "invitation_email_lowercase" CHECK ("email" = lower("email"));
GRANT SELECT, INSERT, UPDATE ON "invitation" TO confide_runtime;
