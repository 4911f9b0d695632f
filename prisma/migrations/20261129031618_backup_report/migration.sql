-- CreateTable
CREATE TABLE "backup_report" (
    "stanza" TEXT NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "statusCode" INTEGER,
    "problem" TEXT,
    "newestBackupAt" TIMESTAMPTZ(3),
    "newestBackupType" TEXT,

    CONSTRAINT "backup_report_pkey" PRIMARY KEY ("stanza")
);

-- The backup service records here (as the runtime role); the health check reads it.
GRANT SELECT, INSERT, UPDATE ON "backup_report" TO confide_runtime;
