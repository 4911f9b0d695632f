import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, formatClientCode, generateClientCode, parseClientCode } from "./code";

describe("client codes", () => {
  it("are 12 symbols of the unambiguous alphabet, shown in three groups, and check out", () => {
    const code = generateClientCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(formatClientCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(parseClientCode(formatClientCode(code).toLowerCase())).toBe(code);
  });

  it("carry at least 50 bits of randomness: 10,000 codes, no repeats, every symbol used in every position", () => {
    const codes = Array.from({ length: 10_000 }, generateClientCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < 11; position++) {
      expect(new Set(codes.map((c) => c[position])).size).toBe(CODE_ALPHABET.length);
    }
    expect(11 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
  });

  it("catch every single mistyped symbol and every swap of two different neighbours", () => {
    for (let round = 0; round < 50; round++) {
      const code = generateClientCode();
      for (let i = 0; i < code.length; i++) {
        for (const wrong of CODE_ALPHABET) {
          if (wrong === code[i]) continue;
          expect(parseClientCode(code.slice(0, i) + wrong + code.slice(i + 1))).toBeNull();
        }
      }
      for (let i = 0; i < code.length - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        // Luhn mod N misses only the swap of the symbols worth 0 and N-1.
        const pair = new Set([code[i], code[i + 1]]);
        if (pair.has("0") && pair.has("Z")) continue;
        expect(parseClientCode(swapped)).toBeNull();
      }
    }
  });

  it("forgive case, spaces and look-alike letters, and refuse anything else", () => {
    let valid = generateClientCode();
    while (!/[01]/.test(valid)) valid = generateClientCode();
    expect(parseClientCode(` ${formatClientCode(valid).toLowerCase()} `)).toBe(valid);
    expect(parseClientCode(valid.replace(/0/g, "O").replace(/1/g, "l"))).toBe(valid);
    expect(parseClientCode("")).toBeNull();
    expect(parseClientCode("K7Q4-MX2P")).toBeNull();
    expect(parseClientCode("K7Q4-MX2P-B9X!")).toBeNull();
    expect(parseClientCode("'; DROP TABLE client; --")).toBeNull();
  });
});
