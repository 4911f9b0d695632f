import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { billingCsv } from "./billing-csv";
import { emptyFigures } from "./billing-rule";

describe("billingCsv", () => {
  it("writes a clinician's display name that starts a formula as text, and amounts as numbers", () => {
    const name = "=HYPERLINK(\"http://evil.example\",\"Dr\")";
    const figures = { ...emptyFigures(), sessionsHeld: 2, chargedPence: 12050, paidPence: 6025, outstandingPence: 6025 };
    const csv = billingCsv({ month: "2026-10", lines: [{ clinicianId: "c1", clinicianName: name, ...figures }], total: figures });
    const [header, line, total] = parse(csv) as string[][];
    expect(header![1]).toBe("clinician");
    expect(line).toEqual(["2026-10", `'${name}`, "2", "120.50", "60.25", "60.25", "0", "0.00", "0"]);
    expect(total![1]).toBe("Total");
  });
});
