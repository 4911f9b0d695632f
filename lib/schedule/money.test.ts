import { describe, expect, it } from "vitest";
import { parseMoney, penceToDecimal } from "./money";

describe("parseMoney", () => {
  it("reads amounts as people type them in the UK", () => {
    expect(parseMoney("60")).toBe(6000);
    expect(parseMoney("£62.5")).toBe(6250);
    expect(parseMoney("1,200.05")).toBe(120005);
    expect(parseMoney("1,200")).toBe(120000);
    expect(parseMoney("0.1")).toBe(10);
    expect(parseMoney("")).toBe(0);
  });

  it("accepts the euro conventions: comma decimals, dot or space thousands, symbol after", () => {
    expect(parseMoney("62,50 €", "de-DE")).toBe(6250);
    expect(parseMoney("1.200,05", "de-DE")).toBe(120005);
    expect(parseMoney("1.200", "de-DE")).toBe(120000);
    expect(parseMoney("1 200,50 €", "fr-FR")).toBe(120050);
    expect(parseMoney("1\u202f200,50", "fr-FR")).toBe(120050);
    expect(parseMoney("CHF 1'200.50", "de-CH")).toBe(120050);
    expect(parseMoney("EUR 45", "en-IE")).toBe(4500);
    expect(parseMoney("45 kr", "sv-SE")).toBe(4500);
    expect(parseMoney("62,50")).toBe(6250); // a comma decimal in en-GB is still clearly 62.50
  });

  it("refuses what is not an amount of money", () => {
    expect(parseMoney("12.345")).toBeNull(); // three decimals where "." is the decimal point
    expect(parseMoney("12,345", "de-DE")).toBeNull();
    expect(parseMoney("1,20,0")).toBeNull();
    expect(parseMoney("1.200.05")).toBeNull();
    expect(parseMoney("1,2.00")).toBeNull();
    expect(parseMoney("-5")).toBeNull();
    expect(parseMoney("ten")).toBeNull();
    expect(parseMoney("$5")).toBeNull();
    expect(parseMoney("10000000")).toBeNull();
  });

  it("writes minor units as an exact plain decimal", () => {
    expect(penceToDecimal(6250)).toBe("62.50");
    expect(penceToDecimal(5)).toBe("0.05");
    expect(penceToDecimal(-120005)).toBe("-1200.05");
  });
});
