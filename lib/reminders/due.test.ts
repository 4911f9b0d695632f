import { describe, expect, it } from "vitest";
import { reminderDueAt } from "./due";

describe("reminderDueAt", () => {
  it("is the same wall-clock time the day before for a 24-hour reminder", () => {
    expect(reminderDueAt(new Date("2026-11-25T10:00:00Z"), 24, "Europe/London").toISOString()).toBe("2026-11-24T10:00:00.000Z");
  });

  it("keeps 10:00 the day before across the spring change (23 real hours)", () => {
    // Sunday 29 March 2026, 10:00 BST = 09:00Z; the day before, 10:00 GMT = 10:00Z.
    expect(reminderDueAt(new Date("2026-03-29T09:00:00Z"), 24, "Europe/London").toISOString()).toBe("2026-03-28T10:00:00.000Z");
  });

  it("keeps 10:00 the day before across the autumn change (25 real hours)", () => {
    // Sunday 25 October 2026, 10:00 GMT = 10:00Z; the day before, 10:00 BST = 09:00Z.
    expect(reminderDueAt(new Date("2026-10-25T10:00:00Z"), 24, "Europe/London").toISOString()).toBe("2026-10-24T09:00:00.000Z");
  });

  it("counts hours on the practice's clock in other zones too", () => {
    expect(reminderDueAt(new Date("2026-11-25T15:00:00Z"), 2, "America/New_York").toISOString()).toBe("2026-11-25T13:00:00.000Z");
  });
});
