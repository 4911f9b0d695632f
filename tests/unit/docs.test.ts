import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { configSchema } from "@/lib/config/schema";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
const docsDir = path.resolve(import.meta.dirname, "../../docs");
/** The guides under docs/ (backups.md documents the backup settings in its own table). */
const guides = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith(".md")).map((f) => readFileSync(path.join(docsDir, f), "utf8")).join("\n") : "";
const envExample = readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");

describe("documentation stays true", () => {
  it("the README documents every audit action, with its description", () => {
    for (const [action, { about }] of Object.entries(AUDIT_ACTIONS)) expect(readme).toContain(`| \`${action}\` | ${about} |`);
  });

  it("the README's configuration table (or a guide's under docs/) and .env.example name every setting", () => {
    for (const name of Object.keys(configSchema.shape).filter((n) => n !== "NODE_ENV")) {
      expect(readme + guides, `README and docs/ lack ${name}`).toContain(`\`${name}\``);
      expect(envExample, `.env.example lacks ${name}`).toContain(name);
    }
  });
});
