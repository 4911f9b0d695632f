import { describe, expect, it } from "vitest";
import { changeOver, classifyChange } from "./change";

// Jacobson-Truax reliable and clinically significant change, with each measure's published
// threshold and cut-off (PHQ-9: 6 points, cut-off 10; GAD-7: 4, cut-off 8; CORE-10: 6, cut-off 11).

describe("reliable change index", () => {
  it("is exactly 1.96 in size at the published threshold", () => {
    expect(classifyChange("PHQ9", 18, 12).rci).toBe(-1.96);
    expect(classifyChange("GAD7", 10, 14).rci).toBe(1.96);
    expect(classifyChange("CORE10", 20, 14).rci).toBe(-1.96);
  });
  it("classifies PHQ-9 change", () => {
    expect(classifyChange("PHQ9", 18, 11)).toMatchObject({ difference: -7, category: "reliable improvement", crossedCutoff: false });
    expect(classifyChange("PHQ9", 18, 9)).toMatchObject({ category: "recovered", crossedCutoff: true });
    expect(classifyChange("PHQ9", 12, 6).category).toBe("recovered");
    expect(classifyChange("PHQ9", 12, 7)).toMatchObject({ difference: -5, category: "no reliable change", crossedCutoff: true });
    expect(classifyChange("PHQ9", 5, 11).category).toBe("reliable deterioration");
    expect(classifyChange("PHQ9", 5, 10).category).toBe("no reliable change");
  });
  it("does not call a client who started below the cut-off recovered", () => {
    expect(classifyChange("PHQ9", 9, 2).category).toBe("reliable improvement");
  });
  it("classifies GAD-7 change with a 4-point threshold and a cut-off of 8", () => {
    expect(classifyChange("GAD7", 10, 6).category).toBe("recovered");
    expect(classifyChange("GAD7", 15, 11).category).toBe("reliable improvement");
    expect(classifyChange("GAD7", 10, 7).category).toBe("no reliable change");
    expect(classifyChange("GAD7", 3, 7).category).toBe("reliable deterioration");
  });
  it("classifies CORE-10 change with a 6-point threshold and a cut-off of 11", () => {
    expect(classifyChange("CORE10", 20, 14).category).toBe("reliable improvement");
    expect(classifyChange("CORE10", 14, 8).category).toBe("recovered");
    expect(classifyChange("CORE10", 14, 9).category).toBe("no reliable change");
  });
  it("compares the first score with the latest, and needs two", () => {
    expect(changeOver("PHQ9", [16])).toBeNull();
    expect(changeOver("PHQ9", [16, 20, 8])).toMatchObject({ first: 16, latest: 8, category: "recovered" });
  });
});
