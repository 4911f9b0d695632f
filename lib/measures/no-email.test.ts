import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// "No content in any email": nothing about measures (answers, scores, risk) may reach the email
// transport. The domain and its screens never import it; a change that did would fail here.
const root = path.resolve(import.meta.dirname, "../..");
const files = [
  ...readdirSync(path.join(root, "lib/measures")).map((f) => `lib/measures/${f}`),
  "app/portal/measures/actions.ts",
  "app/(app)/clients/[code]/measures-actions.ts",
  "app/(app)/measures/actions.ts",
].filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("measures and email", () => {
  it("never import the email transport or the reminder sender", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(path.join(root, file), "utf8");
      expect(source, file).not.toMatch(/from "@\/lib\/(email|reminders)\//);
    }
  });
});
