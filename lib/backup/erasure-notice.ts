// What clients are told about erased data inside backups, in one place. Its numbers come from
// BACKUP_RETENTION_DAYS, which docker-compose.yml also hands pgBackRest as its retention.
import { config } from "@/lib/config";

/** Weekly full backups with time-based retention: the newest full backup older than the
 *  window is kept until the next one is, so a copy can outlive the window by up to a week. */
export const FULL_BACKUP_INTERVAL_DAYS = 7;

export function erasedDataSurvivesDays(retentionDays: number): number {
  return retentionDays + FULL_BACKUP_INTERVAL_DAYS;
}

export function erasureInBackupsNotice(retentionDays: number): string {
  return (
    `After an erasure, copies of your data can remain inside our encrypted backups for up to ${erasedDataSurvivesDays(retentionDays)} days ` +
    `(backups are kept ${retentionDays} days, and a weekly full backup until the next one replaces it), then they are deleted. ` +
    "No one can read them there: the backups, and your records inside them, are encrypted with keys that are never stored with the backups. " +
    "If a backup is ever restored, your erasure is carried out again before anyone can use it."
  );
}

/** The notice with this deployment's retention (the portal, the public request page, the owner's erase panel). */
export function erasureNotice(): string {
  return erasureInBackupsNotice(config().BACKUP_RETENTION_DAYS);
}
