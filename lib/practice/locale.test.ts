import { describe, expect, it } from "vitest";
import { currencySymbol, formatMoney, localeSchema, currencySchema } from "./locale";

describe("money in a practice's currency and locale", () => {
  it("formats minor units in the practice's convention", () => {
    expect(formatMoney(120005)).toBe("£1,200.05");
    expect(formatMoney(6000, { currency: "EUR", locale: "en-IE" })).toBe("€60.00");
    expect(formatMoney(120005, { currency: "EUR", locale: "de-DE" })).toBe("1.200,05\u00a0€");
    expect(formatMoney(-250, { currency: "GBP", locale: "en-GB" })).toBe("-£2.50");
  });

  it("stays exact for large amounts and refuses fractions of a minor unit", () => {
    expect(formatMoney(999_999_999_99)).toBe("£999,999,999.99");
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });

  it("names the symbol and refuses currencies and locales outside the list", () => {
    expect(currencySymbol({ currency: "EUR", locale: "fr-FR" })).toBe("€");
    expect(currencySchema.safeParse("USD").success).toBe(false);
    expect(localeSchema.safeParse("xx-YY").success).toBe(false);
    expect(localeSchema.safeParse("de-DE").success).toBe(true);
  });
});
