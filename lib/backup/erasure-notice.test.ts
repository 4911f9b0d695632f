import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config/schema";
import { erasedDataSurvivesDays, erasureInBackupsNotice } from "./erasure-notice";

describe("the erasure notice about backups", () => {
  it("states the retention window the backups are kept for, plus the week a full backup outlives it", () => {
    expect(erasedDataSurvivesDays(35)).toBe(42);
    const notice = erasureInBackupsNotice(35);
    expect(notice).toContain("for up to 42 days");
    expect(notice).toContain("backups are kept 35 days");
    expect(erasureInBackupsNotice(90)).toContain("for up to 97 days");
  });

  it("uses the same default retention as the backups (BACKUP_RETENTION_DAYS, 35 days)", () => {
    const shape = configSchema.shape.BACKUP_RETENTION_DAYS;
    expect(shape.parse(undefined)).toBe(35);
    expect(shape.safeParse("3").success).toBe(false);
  });
});
