-- CreateTable
CREATE TABLE "rate_limit_bucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "rate_limit_bucket_windowStart_idx" ON "rate_limit_bucket"("windowStart");

ALTER TABLE "rate_limit_bucket" ADD CONSTRAINT "rate_limit_bucket_count_positive" CHECK ("count" >= 0);
GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limit_bucket" TO confide_runtime;
