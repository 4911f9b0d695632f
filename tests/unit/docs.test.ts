import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionTable } from "@/lib/audit/action-table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { configSchema } from "@/lib/config/schema";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
const envExample = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");

describe("documentation stays true", () => {
  it("the README documents every audit action, with its description and the details it carries", () => {
    for (const [action, { about }] of Object.entries(AUDIT_ACTIONS)) expect(readme).toContain(`| \`${action}\` | ${about} |`);
    for (const row of auditActionTable()) expect(readme).toContain(row);
  });

  it("the README's configuration table and .env.example name every setting", () => {
    for (const name of Object.keys(configSchema.shape).filter((n) => n !== "NODE_ENV")) {
      expect(readme, `README lacks ${name}`).toContain(`\`${name}\``);
      expect(envExample, `.env.example lacks ${name}`).toContain(name);
    }
  });
});
