// The scheduler's jobs record each run (started, finished, outcome) in job_run, so the health
// check can say when each last succeeded. One row per job; no counts, no details, no errors'
// text (those go to the job's own output and, where they concern records, the audit trail).
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The jobs the Compose scheduler runs (docker-compose.yml), and how often each should succeed. */
export const SCHEDULED_JOBS = {
  "reminders:send": { everyMinutes: 10 },
  "calendar:sync": { everyMinutes: 10 },
  "retention:run": { everyMinutes: 24 * 60 },
} as const;
export type ScheduledJob = keyof typeof SCHEDULED_JOBS;

/**
 * Runs `work` as one run of `job`: marks it started, then finished with "success" or "failure"
 * (a thrown error, or `work` returning false). The job's own error still propagates. A failure to
 * record never hides the job's outcome: recording is best effort around it.
 */
export async function recordJobRun<T>(client: PrismaClient, job: ScheduledJob, work: () => Promise<T>, succeeded: (result: T) => boolean = () => true): Promise<T> {
  const startedAt = new Date();
  await client.jobRun
    .upsert({ where: { job }, create: { job, lastStartedAt: startedAt }, update: { lastStartedAt: startedAt, lastFinishedAt: null } })
    .catch(() => {});
  let ok = false;
  try {
    const result = await work();
    ok = succeeded(result);
    return result;
  } finally {
    const finishedAt = new Date();
    await client.jobRun
      .update({ where: { job }, data: { lastFinishedAt: finishedAt, lastOutcome: ok ? "success" : "failure", ...(ok ? { lastSucceededAt: finishedAt } : {}) } })
      .catch(() => {});
  }
}
