import { describe, expect, it } from "vitest";
import { suppress } from "./outcomes";

describe("outcome counts", () => {
  const counts = (recovered: number, improved: number, none: number, worse: number) => ({ recovered, "reliable improvement": improved, "no reliable change": none, "reliable deterioration": worse });
  it("hides a group of 4 (and the total that would reveal it), shows groups of 5 and zeros", () => {
    expect(suppress(counts(5, 0, 4, 7))).toEqual({ total: { suppressed: "derivable" }, byChange: { recovered: { count: 5 }, "reliable improvement": { count: 0 }, "no reliable change": { suppressed: "small" }, "reliable deterioration": { count: 7 } } });
  });
  it("shows the total when two or more small groups are hidden, and hides a small total", () => {
    expect(suppress(counts(6, 2, 3, 0)).total).toEqual({ count: 11 });
    expect(suppress(counts(1, 1, 1, 1)).total).toEqual({ suppressed: "small" });
    expect(suppress(counts(5, 5, 5, 5)).total).toEqual({ count: 20 });
  });
});
