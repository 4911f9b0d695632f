import { describe, expect, it } from "vitest";
import { chartGeometry } from "./chart";
import { MEASURES } from "./definitions";

describe("chart geometry", () => {
  const g = chartGeometry(MEASURES.PHQ9, [{ takenOn: "2026-11-01", score: 18 }, { takenOn: "2026-11-15", score: 9 }], ["2026-10-01", "2026-11-01", "2026-11-08", "2026-11-15", "2026-12-01"]);
  it("stacks the severity bands over the whole plot, lowest band at the bottom", () => {
    expect(g.bands.map((b) => b.label)).toEqual(["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"]);
    expect(g.bands.reduce((s, b) => s + b.height, 0)).toBeCloseTo(g.plot.height);
    expect(g.bands[0]!.y + g.bands[0]!.height).toBeCloseTo(g.plot.top + g.plot.height);
  });
  it("puts higher scores higher, the cut-off between, and only the session days in range", () => {
    expect(g.dots[0]!.y).toBeLessThan(g.cutoffY);
    expect(g.dots[1]!.y).toBeGreaterThan(g.cutoffY);
    expect(g.dots[0]!.x).toBeCloseTo(g.plot.left);
    expect(g.dots[1]!.x).toBeCloseTo(g.plot.left + g.plot.width);
    expect(g.sessions).toHaveLength(3);
    expect(g.line).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
  });
  it("centres a single score in a week-wide window", () => {
    const one = chartGeometry(MEASURES.GAD7, [{ takenOn: "2026-11-01", score: 5 }], []);
    expect(one.dots[0]!.x).toBeCloseTo(one.plot.left + one.plot.width / 2);
  });
});
