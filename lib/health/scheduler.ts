// The scheduler's last runs for the health check (rows written by lib/jobs/runs.ts).
import { SCHEDULED_JOBS, type ScheduledJob } from "@/lib/jobs/runs";
import type { Level } from "./backups";

export interface JobHealth {
  job: ScheduledJob;
  /** "never": no run recorded yet (a fresh install), which is not an alarm by itself. */
  status: Level | "never";
  lastSucceededMinutesAgo: number | null;
  lastOutcome: string | null;
}

export interface JobRunRow {
  job: string;
  lastStartedAt: Date;
  lastFinishedAt: Date | null;
  lastOutcome: string | null;
  lastSucceededAt: Date | null;
}

/** Amber past three missed runs, red past twelve (daily jobs: amber after 26 h, red after 50 h). */
function limits(everyMinutes: number) {
  return everyMinutes >= 24 * 60 ? { amber: everyMinutes + 120, red: 2 * everyMinutes + 120 } : { amber: 3 * everyMinutes, red: 12 * everyMinutes };
}

export function assessJobs(rows: JobRunRow[], now = new Date()): JobHealth[] {
  return (Object.keys(SCHEDULED_JOBS) as ScheduledJob[]).map((job) => {
    const row = rows.find((r) => r.job === job);
    if (!row) return { job, status: "never", lastSucceededMinutesAgo: null, lastOutcome: null };
    const age = row.lastSucceededAt ? Math.floor((now.getTime() - row.lastSucceededAt.getTime()) / 60_000) : null;
    const { amber, red } = limits(SCHEDULED_JOBS[job].everyMinutes);
    // Ran but never succeeded: counted from its first start.
    const since = age ?? Math.floor((now.getTime() - row.lastStartedAt.getTime()) / 60_000);
    const status: Level = since >= red ? "red" : since >= amber || (age === null && row.lastOutcome === "failure") ? "amber" : "ok";
    return { job, status, lastSucceededMinutesAgo: age, lastOutcome: row.lastOutcome };
  });
}
