-- CreateTable
CREATE TABLE "job_run" (
    "job" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastFinishedAt" TIMESTAMPTZ(3),
    "lastOutcome" TEXT,
    "lastSucceededAt" TIMESTAMPTZ(3),

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("job")
);

-- The scheduler's jobs run as the runtime role and record their runs; the health check reads them.
GRANT SELECT, INSERT, UPDATE ON "job_run" TO confide_runtime;
