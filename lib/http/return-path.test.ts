import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps paths on this site, with their query", () => {
    expect(safeReturnPath("/clients/K7Q?tab=notes")).toBe("/clients/K7Q?tab=notes");
  });
  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", "/a\nb", 42, null])(
    "refuses %j and falls back",
    (value) => {
      expect(safeReturnPath(value)).toBe("/dashboard");
    },
  );
});
