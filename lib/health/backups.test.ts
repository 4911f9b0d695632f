import { describe, expect, it } from "vitest";
import { assessBackupSummary, assessBackups, summarizeBackupInfo, type ArchiverStats } from "./backups";
import { assessJobs } from "./scheduler";

const now = new Date("2026-11-29T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const info = (stopMinutesAgo: number | null, code = 0) => [
  { name: "confide", status: { code, message: code ? "error" : "ok" }, backup: stopMinutesAgo === null ? [] : [
    { type: "full", error: false, timestamp: { start: 0, stop: Math.floor(minutesAgo(stopMinutesAgo + 5000).getTime() / 1000) } },
    { type: "incr", error: false, timestamp: { start: 0, stop: Math.floor(minutesAgo(stopMinutesAgo).getTime() / 1000) } },
    { type: "incr", error: true, timestamp: { start: 0, stop: Math.floor(minutesAgo(1).getTime() / 1000) } },
  ] },
];
const archiving = (lastArchived: number | null, lastFailed: number | null = null): ArchiverStats => ({
  archiveMode: "on",
  lastArchivedAt: lastArchived === null ? null : minutesAgo(lastArchived),
  lastFailedAt: lastFailed === null ? null : minutesAgo(lastFailed),
});

describe("backup freshness", () => {
  it("is not-configured without a stanza, whatever else is known", () => {
    expect(assessBackups(undefined, null, null, now).status).toBe("not-configured");
  });

  it("is ok with a recent good backup and WAL archived a minute ago; failed backups do not count", () => {
    const r = assessBackups("confide", info(60), archiving(1), now);
    expect(r).toMatchObject({ status: "ok", newestBackupAgeMinutes: 60, newestBackupType: "incr", newestWalAgeMinutes: 1, reasons: [] });
  });

  it("turns amber past 12 hours without a backup and red past 26", () => {
    expect(assessBackups("confide", info(13 * 60), archiving(1), now)).toMatchObject({ status: "amber", reasons: ["backup-stale"] });
    expect(assessBackups("confide", info(27 * 60), archiving(1), now)).toMatchObject({ status: "red", reasons: ["backup-stale"] });
    expect(assessBackups("confide", info(null), archiving(1), now)).toMatchObject({ status: "red", reasons: ["no-backup"] });
  });

  it("turns amber when WAL was last archived over 10 minutes ago and red over an hour", () => {
    expect(assessBackups("confide", info(60), archiving(11), now)).toMatchObject({ status: "amber", reasons: ["wal-stale"] });
    expect(assessBackups("confide", info(60), archiving(61), now)).toMatchObject({ status: "red", reasons: ["wal-stale"] });
  });

  it("is red at once when archiving fails after its last success (a full or unreachable target)", () => {
    const r = assessBackups("confide", info(60), archiving(2, 1), now);
    expect(r).toMatchObject({ status: "red", walFailuresSinceLastSuccess: true });
    expect(r.reasons).toContain("wal-archiving-failing");
    // A failure that a later success cleared is history, not an alarm.
    expect(assessBackups("confide", info(60), archiving(1, 30), now).status).toBe("ok");
  });

  it("is red when pgbackrest cannot answer, the stanza is missing, or archiving is off", () => {
    expect(assessBackups("confide", null, archiving(1), now)).toMatchObject({ status: "red", reasons: ["pgbackrest-info-failed"] });
    expect(assessBackups("confide", [{ name: "other" }], archiving(1), now)).toMatchObject({ status: "red", reasons: ["stanza-missing"] });
    expect(assessBackups("confide", info(60), { archiveMode: "off", lastArchivedAt: null, lastFailedAt: null }, now)).toMatchObject({ status: "red", reasons: ["wal-archiving-off"] });
    expect(assessBackups("confide", info(60, 99), archiving(1), now)).toMatchObject({ status: "amber", reasons: ["pgbackrest-status-99"] });
  });
});

describe("backup freshness from the backup service's report", () => {
  const reported = (stopMinutesAgo: number | null) => summarizeBackupInfo("confide", info(stopMinutesAgo));

  it("summarises pgBackRest's answer to the newest good backup", () => {
    expect(reported(60)).toEqual({ problem: null, statusCode: 0, newestBackupAt: new Date(Math.floor(minutesAgo(60).getTime() / 1000) * 1000), newestBackupType: "incr" });
    expect(summarizeBackupInfo("confide", null).problem).toBe("pgbackrest-info-failed");
    expect(summarizeBackupInfo("confide", [{ name: "other" }]).problem).toBe("stanza-missing");
  });

  it("is not-configured only when nothing was reported and WAL is not archived", () => {
    expect(assessBackupSummary(null, null, now).status).toBe("not-configured");
    expect(assessBackupSummary(null, { archiveMode: "off", lastArchivedAt: null, lastFailedAt: null }, now).status).toBe("not-configured");
  });

  it("is amber when WAL is archived but no backup was ever reported, and still reports the WAL's age", () => {
    expect(assessBackupSummary(null, archiving(2), now)).toMatchObject({ status: "amber", reasons: ["no-backup-report"], newestWalAgeMinutes: 2 });
    expect(assessBackupSummary(null, archiving(2, 1), now)).toMatchObject({ status: "red", reasons: ["no-backup-report", "wal-archiving-failing"] });
  });

  it("judges a fresh report like pgBackRest's own answer, and a report that stopped coming as stale", () => {
    expect(assessBackupSummary(reported(60), archiving(1), now, minutesAgo(5))).toMatchObject({ status: "ok", reasons: [] });
    expect(assessBackupSummary(reported(60), archiving(1), now, minutesAgo(31))).toMatchObject({ status: "amber", reasons: ["backup-report-stale"] });
    expect(assessBackupSummary(reported(60), archiving(1), now, minutesAgo(121))).toMatchObject({ status: "red", reasons: ["backup-report-stale"] });
    expect(assessBackupSummary(reported(27 * 60), archiving(1), now, minutesAgo(1))).toMatchObject({ status: "red", reasons: ["backup-stale"] });
  });
});

describe("the scheduler's last runs", () => {
  const row = (job: string, succeeded: number | null, outcome = "success") => ({ job, lastStartedAt: minutesAgo(succeeded ?? 5), lastFinishedAt: minutesAgo(succeeded ?? 5), lastOutcome: outcome, lastSucceededAt: succeeded === null ? null : minutesAgo(succeeded) });

  it("says never for a job with no run recorded, and ok for recent successes", () => {
    const jobs = assessJobs([row("reminders:send", 5)], now);
    expect(jobs.find((j) => j.job === "reminders:send")).toMatchObject({ status: "ok", lastSucceededMinutesAgo: 5 });
    expect(jobs.find((j) => j.job === "retention:run")).toMatchObject({ status: "never" });
  });

  it("turns a 10-minute job amber after 30 minutes without success and red after 2 hours; a daily one after 26 h and 50 h", () => {
    const jobs = assessJobs([row("reminders:send", 31), row("calendar:sync", 121), row("retention:run", 27 * 60)], now);
    expect(jobs.map((j) => j.status)).toEqual(["amber", "red", "amber"]);
    expect(assessJobs([row("retention:run", 51 * 60)], now).find((j) => j.job === "retention:run")!.status).toBe("red");
  });

  it("turns a job that has only ever failed amber", () => {
    expect(assessJobs([row("reminders:send", null, "failure")], now)[0]).toMatchObject({ status: "amber", lastOutcome: "failure" });
  });
});
