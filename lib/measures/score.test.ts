import { describe, expect, it } from "vitest";
import { MEASURES, maxOption, type MeasureId } from "./definitions";
import { scoreAnswers } from "./score";

// Known answers for every measure: all "Not at all", the maximum, every band boundary, and
// missing items by each measure's own rule.

/** Raw answers (as a client ticks them) that score exactly `total`. */
function answersFor(id: MeasureId, total: number): (number | null)[] {
  const m = MEASURES[id];
  let left = total;
  return m.items.map((_, i) => {
    const value = Math.min(maxOption(m), left);
    left -= value;
    return m.reversed.includes(i + 1) ? maxOption(m) - value : value;
  });
}

describe("PHQ-9", () => {
  it("scores all 'Not at all' as 0, minimal, below the cut-off", () => {
    expect(scoreAnswers("PHQ9", Array(9).fill(0))).toMatchObject({ score: 0, band: "Minimal", clinical: false, risk: false, prorated: false });
  });
  it("scores all 'Nearly every day' as 27, severe", () => {
    expect(scoreAnswers("PHQ9", Array(9).fill(3))).toMatchObject({ score: 27, band: "Severe", clinical: true, risk: true });
  });
  it.each([
    [4, "Minimal"], [5, "Mild"], [9, "Mild"], [10, "Moderate"], [14, "Moderate"], [15, "Moderately severe"], [19, "Moderately severe"], [20, "Severe"],
  ])("puts %i in the %s band", (total, band) => {
    expect(scoreAnswers("PHQ9", answersFor("PHQ9", total))).toMatchObject({ score: total, band });
  });
  it("takes 10 as the clinical cut-off", () => {
    expect(scoreAnswers("PHQ9", answersFor("PHQ9", 9)).clinical).toBe(false);
    expect(scoreAnswers("PHQ9", answersFor("PHQ9", 10)).clinical).toBe(true);
  });
  it("prorates one or two missing items from the mean of the others, and refuses three", () => {
    expect(scoreAnswers("PHQ9", [1, 1, 1, 1, 1, 1, 1, 1, null])).toMatchObject({ score: 9, prorated: true, missing: 1, band: "Mild" });
    expect(scoreAnswers("PHQ9", [2, 2, 2, 2, 2, 2, null, 2, null])).toMatchObject({ score: 18, prorated: true, missing: 2 });
    expect(scoreAnswers("PHQ9", [1, 0, 0, 0, 0, 0, 0, null, null])).toMatchObject({ score: 1.3, band: "Minimal" });
    expect(scoreAnswers("PHQ9", [3, 3, 3, 3, 3, 3, null, null, null])).toMatchObject({ score: null, band: null, missing: 3 });
  });
  it("flags item 9 above zero as a risk answer, whatever the total", () => {
    expect(scoreAnswers("PHQ9", [0, 0, 0, 0, 0, 0, 0, 0, 1])).toMatchObject({ score: 1, risk: true });
    expect(scoreAnswers("PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, 0]).risk).toBe(false);
    expect(scoreAnswers("PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, null]).risk).toBe(false);
  });
  it("refuses answers that do not fit the form", () => {
    expect(() => scoreAnswers("PHQ9", Array(8).fill(0))).toThrow(RangeError);
    expect(() => scoreAnswers("PHQ9", [4, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
    expect(() => scoreAnswers("PHQ9", [0.5, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe("GAD-7", () => {
  it("scores all 'Not at all' as 0 and all 'Nearly every day' as 21", () => {
    expect(scoreAnswers("GAD7", Array(7).fill(0))).toMatchObject({ score: 0, band: "Minimal", clinical: false, risk: false });
    expect(scoreAnswers("GAD7", Array(7).fill(3))).toMatchObject({ score: 21, band: "Severe", clinical: true });
  });
  it.each([[4, "Minimal"], [5, "Mild"], [9, "Mild"], [10, "Moderate"], [14, "Moderate"], [15, "Severe"]])("puts %i in the %s band", (total, band) => {
    expect(scoreAnswers("GAD7", answersFor("GAD7", total))).toMatchObject({ score: total, band });
  });
  it("takes 8 as the clinical cut-off (NHS Talking Therapies)", () => {
    expect(scoreAnswers("GAD7", answersFor("GAD7", 7)).clinical).toBe(false);
    expect(scoreAnswers("GAD7", answersFor("GAD7", 8)).clinical).toBe(true);
  });
  it("refuses to score with any item missing (no published prorating rule)", () => {
    expect(scoreAnswers("GAD7", [3, 3, 3, 3, 3, 3, null])).toMatchObject({ score: null, missing: 1 });
  });
});

describe("CORE-10", () => {
  it("scores all 'Not at all' as 8: items 2 and 3 are reversed", () => {
    expect(scoreAnswers("CORE10", Array(10).fill(0))).toMatchObject({ score: 8, band: "Low level", clinical: false });
  });
  it("scores 0 at best and 40 at worst", () => {
    expect(scoreAnswers("CORE10", [0, 4, 4, 0, 0, 0, 0, 0, 0, 0])).toMatchObject({ score: 0, band: "Healthy" });
    expect(scoreAnswers("CORE10", [4, 0, 0, 4, 4, 4, 4, 4, 4, 4])).toMatchObject({ score: 40, band: "Severe", clinical: true, risk: true });
  });
  it.each([
    [5, "Healthy"], [6, "Low level"], [10, "Low level"], [11, "Mild"], [14, "Mild"], [15, "Moderate"], [19, "Moderate"], [20, "Moderate-to-severe"], [24, "Moderate-to-severe"], [25, "Severe"],
  ])("puts %i in the %s band", (total, band) => {
    expect(scoreAnswers("CORE10", answersFor("CORE10", total))).toMatchObject({ score: total, band });
  });
  it("takes 11 as the clinical cut-off", () => {
    expect(scoreAnswers("CORE10", answersFor("CORE10", 10)).clinical).toBe(false);
    expect(scoreAnswers("CORE10", answersFor("CORE10", 11)).clinical).toBe(true);
  });
  it("prorates one missing item (mean of nine times ten) and refuses two", () => {
    // Nine answered items scoring 2 each (items 2 and 3 ticked 2, reversed to 2): 18 over nine, so 20.
    expect(scoreAnswers("CORE10", [2, 2, 2, 2, 2, 2, 2, 2, 2, null])).toMatchObject({ score: 20, prorated: true, band: "Moderate-to-severe" });
    expect(scoreAnswers("CORE10", [2, 2, 2, 2, 2, 2, 2, 2, null, null])).toMatchObject({ score: null });
  });
  it("flags item 6 ('I made plans to end my life') above zero as a risk answer", () => {
    expect(MEASURES.CORE10.items[5]).toBe("I made plans to end my life");
    expect(scoreAnswers("CORE10", [0, 4, 4, 0, 0, 1, 0, 0, 0, 0])).toMatchObject({ score: 1, risk: true });
    expect(scoreAnswers("CORE10", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).risk).toBe(false);
  });
});

describe("the definitions", () => {
  it("have contiguous bands from 0 within the maximum, and a source for every number", () => {
    for (const m of Object.values(MEASURES)) {
      expect(m.bands[0]!.from).toBe(0);
      expect(m.bands.every((b, i) => i === 0 || b.from > m.bands[i - 1]!.from)).toBe(true);
      expect(m.maxScore).toBe((m.items.length) * maxOption(m));
      for (const s of Object.values(m.sources)) expect(s.length).toBeGreaterThan(20);
      expect(m.copyright).not.toBe("");
    }
  });
});
