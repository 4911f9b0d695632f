import { describe, expect, it } from "vitest";
import { generateOneTimePin, newPinSchema, trivialPinReason } from "./pin";

describe("portal PINs", () => {
  it("one-time PINs are 8 random digits", () => {
    const pins = new Set(Array.from({ length: 2000 }, generateOneTimePin));
    for (const pin of pins) expect(pin).toMatch(/^\d{8}$/);
    expect(pins.size).toBeGreaterThan(1990);
  });

  it.each(["000000", "111111", "123456", "987654", "654321", "121212", "123123", "1234567890", "19840517", "170584"])("refuses the guessable %s", (pin) => {
    expect(trivialPinReason(pin)).not.toBeNull();
  });

  it.each(["305817", "948372", "50938271"])("accepts %s", (pin) => {
    expect(trivialPinReason(pin)).toBeNull();
    expect(newPinSchema.safeParse({ pin, confirm: pin }).success).toBe(true);
  });

  it("needs 6 to 12 digits, typed the same twice", () => {
    expect(newPinSchema.safeParse({ pin: "30581", confirm: "30581" }).success).toBe(false);
    expect(newPinSchema.safeParse({ pin: "3058a7", confirm: "3058a7" }).success).toBe(false);
    expect(newPinSchema.safeParse({ pin: "305817", confirm: "305818" }).success).toBe(false);
  });
});
