import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "./same-origin";

const h = (values: Record<string, string>) => new Headers(values);
const own = "https://confide.example.org";

describe("cross-origin writes", () => {
  it("refuses a POST from another origin", () => {
    expect(isCrossOriginWrite("POST", h({ origin: "https://evil.example" }), own)).toBe(true);
    expect(isCrossOriginWrite("DELETE", h({ origin: "http://confide.example.org" }), own)).toBe(true);
  });
  it("refuses a write a browser labels cross-site even without an Origin header", () => {
    expect(isCrossOriginWrite("POST", h({ "sec-fetch-site": "cross-site" }), own)).toBe(true);
  });
  it("allows writes from our own pages and every read", () => {
    expect(isCrossOriginWrite("POST", h({ origin: own }), own)).toBe(false);
    expect(isCrossOriginWrite("POST", h({ "sec-fetch-site": "same-origin" }), own)).toBe(false);
    expect(isCrossOriginWrite("GET", h({ origin: "https://evil.example" }), own)).toBe(false);
  });
});
