import { describe, expect, it } from "vitest";
import { extendedDueDate, statutoryDueDate } from "./due";

const day = (iso: string) => new Date(`${iso}T10:30:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

describe("statutory due dates", () => {
  it.each([
    ["2026-03-14", "2026-04-14"],
    ["2027-01-31", "2027-02-28"],
    ["2028-01-31", "2028-02-29"],
    ["2026-03-31", "2026-04-30"],
    ["2026-12-15", "2027-01-15"],
    ["2026-08-31", "2026-09-30"],
  ])("received %s is due %s", (received, due) => {
    expect(ymd(statutoryDueDate(day(received)))).toBe(due);
  });

  it("an extension adds two further months to the same calendar rule", () => {
    expect(ymd(extendedDueDate(day("2026-11-30")))).toBe("2027-02-28");
    expect(ymd(extendedDueDate(day("2026-01-15")))).toBe("2026-04-15");
  });
});
