import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_MS, retryDelayMs, saveOutcome } from "./autosave";

describe("the note editor's autosave outcome", () => {
  it("treats no answer at all (server or network down) as offline, to retry", () => {
    expect(saveOutcome("no-answer")).toBe("offline");
  });

  it("treats a 503 from a restarting database or a full pool as offline, not as an error", () => {
    expect(saveOutcome({ status: 503, hasRevision: false, hasConflict: false })).toBe("offline");
    expect(saveOutcome({ status: 502, hasRevision: false, hasConflict: false })).toBe("offline");
    expect(saveOutcome({ status: 504, hasRevision: false, hasConflict: false })).toBe("offline");
    expect(saveOutcome({ status: 429, hasRevision: false, hasConflict: false })).toBe("offline");
  });

  it("is saved only on a 2xx that carries the new revision", () => {
    expect(saveOutcome({ status: 200, hasRevision: true, hasConflict: false })).toBe("saved");
    expect(saveOutcome({ status: 200, hasRevision: false, hasConflict: false })).toBe("error");
  });

  it("shows conflicts, ended sessions and other failures as such", () => {
    expect(saveOutcome({ status: 409, hasRevision: false, hasConflict: true })).toBe("conflict");
    expect(saveOutcome({ status: 401, hasRevision: false, hasConflict: false })).toBe("locked");
    expect(saveOutcome({ status: 400, hasRevision: false, hasConflict: false })).toBe("error");
    expect(saveOutcome({ status: 500, hasRevision: false, hasConflict: false })).toBe("error");
  });

  it("retries after the server's Retry-After, bounded, else after the default wait", () => {
    expect(retryDelayMs("5")).toBe(5_000);
    expect(retryDelayMs("0")).toBe(1_000);
    expect(retryDelayMs("86400")).toBe(60_000);
    expect(retryDelayMs(null)).toBe(DEFAULT_RETRY_MS);
    expect(retryDelayMs("Wed, 21 Oct 2015 07:28:00 GMT")).toBe(DEFAULT_RETRY_MS);
    expect(retryDelayMs("-3")).toBe(DEFAULT_RETRY_MS);
  });
});
