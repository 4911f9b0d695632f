import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { MAX_EVENTS, MAX_RECURRENCE_STEPS, WINDOW_FUTURE_DAYS, WINDOW_PAST_DAYS } from "@/lib/calendar-import/parse";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-policy";
import { RECOVERY_CODE_COUNT } from "@/lib/auth/recovery-codes";
import { configSchema } from "@/lib/config/schema";
import { MAX_UPLOAD_BYTES } from "@/lib/http/upload";
import { LIMITS, PROGRESSIVE_DELAY } from "@/lib/rate-limit/limits";
import { MAX_REMINDER_HOURS } from "@/lib/reminders/due";
import { MAX_OCCURRENCES } from "@/lib/schedule/recurrence";
import { MAX_CELL_CHARS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/transfer/csv-file";
import { ARCHIVE_LIMITS } from "@/lib/transfer/read-zip";
import { AUDIT_TABLE_DOC, withAuditTable } from "@/scripts/lib/audit-table";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

// The README is the front door; docs/ holds the rest. Every Markdown page of both is checked.
const pages = ["README.md", ...readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const text = Object.fromEntries(pages.map((page) => [page, read(page)]));
const envExample = read(".env.example");
const fileNames = new Set<string>();
const collect = (dir: string): void => {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!["node_modules", ".git", ".next", ".data", ".tmp", "generated"].includes(entry.name)) collect(path.join(dir, entry.name));
    } else fileNames.add(entry.name);
  }
};
collect(".");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** Fenced code blocks removed, so that `#` comments and sample output are not read as headings or links. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, "");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");
const anchorsOf = (markdown: string) => new Set([...prose(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));

describe("documentation stays true", () => {
  it("the README stays a front door: under 10 KB", () => {
    expect(Buffer.byteLength(text["README.md"]!)).toBeLessThanOrEqual(10_000);
  });

  it("the audit trail page documents every audit action, with its description", () => {
    const doc = read(AUDIT_TABLE_DOC);
    for (const [action, { about }] of Object.entries(AUDIT_ACTIONS)) expect(doc).toContain(`| \`${action}\` | ${about} |`);
  });

  it("the audit trail page's action table is exactly what `npm run audit:actions` writes", () => {
    const doc = read(AUDIT_TABLE_DOC);
    expect(withAuditTable(doc), "run `npm run audit:actions`").toBe(doc);
  });

  it("the configuration table and .env.example name every setting", () => {
    const operations = read("docs/operations.md");
    const table = operations.slice(operations.indexOf("## Configuration"), operations.indexOf("\n## ", operations.indexOf("## Configuration") + 1));
    for (const name of Object.keys(configSchema.shape).filter((n) => n !== "NODE_ENV")) {
      expect(table, `docs/operations.md's configuration table lacks ${name}`).toContain(`\`${name}\``);
      expect(envExample, `.env.example lacks ${name}`).toContain(name);
    }
  });

  it("the limits the docs state are the limits in the code", () => {
    const n = (value: number) => value.toLocaleString("en-GB");
    const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;
    const minutes = (limit: { windowSeconds: number }) => `${limit.windowSeconds / 60} minutes`;
    const reminderDefault = /reminderHoursBefore\s+Int\s+@default\((\d+)\)/.exec(read("prisma/schema.prisma"))?.[1];
    const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const promises: Record<string, string[]> = {
      "docs/security.md": [
        `the typed email from one address (${LIMITS.signInAccountAddress.max} failures in ${minutes(LIMITS.signInAccountAddress)}; after ${PROGRESSIVE_DELAY.after} each answer is delayed ${PROGRESSIVE_DELAY.baseMs / 1000} s, doubling, at most ${PROGRESSIVE_DELAY.maxMs / 1000} s)`,
        `one address across emails (${LIMITS.signInIp.max} in ${minutes(LIMITS.signInIp)})`,
        `the email from all addresses together (${LIMITS.signInAccount.max} an hour)`,
        `${LIMITS.portalCodeAddress.max} per code and address, ${LIMITS.portalIp.max} per address, ${LIMITS.portalCode.max} an hour per code`,
        `${LIMITS.secondFactor.max} per account in ${minutes(LIMITS.secondFactor)}`,
        `Limited to ${LIMITS.emailChange.max} requests an hour per member`,
        `New passwords need ${PASSWORD_MIN} or more characters (${PASSWORD_MAX} at most`,
        `${words[RECOVERY_CODE_COUNT]} single-use recovery codes`,
      ],
      "docs/portal-and-rights.md": [
        `${LIMITS.portalCodeAddress.max} wrong PINs for a code from one address in ${minutes(LIMITS.portalCodeAddress)}, ${LIMITS.portalIp.max} from one address, or ${LIMITS.portalCode.max} an hour for a code from all other addresses`,
      ],
      "docs/import-export.md": [
        `Up to ${n(MAX_IMPORT_ROWS)} rows and ${mb(MAX_IMPORT_BYTES)} a file`,
        `${mb(MAX_IMPORT_BYTES)}, ${n(MAX_IMPORT_ROWS)} data rows, ${n(MAX_CELL_CHARS)} characters a cell`,
        `(${mb(MAX_IMPORT_BYTES)} a CSV, ${mb(MAX_UPLOAD_BYTES)} an archive)`,
        `at most ${ARCHIVE_LIMITS.entries} files, ${mb(ARCHIVE_LIMITS.entryBytes)} unpacked a file, and the whole unpacks to at most ${ARCHIVE_LIMITS.ratio} times its own size (${mb(ARCHIVE_LIMITS.ratioFloor)} always allowed, ${mb(ARCHIVE_LIMITS.totalBytes)} at most`,
      ],
      "docs/schedule-and-billing.md": [
        `a weekly or fortnightly series of up to ${MAX_OCCURRENCES}`,
        `from ${WINDOW_PAST_DAYS} days back to ${WINDOW_FUTURE_DAYS} ahead`,
        `at most ${n(MAX_EVENTS)} events`,
        `at most ${n(MAX_RECURRENCE_STEPS)} recurrence steps`,
        `(1 to ${MAX_REMINDER_HOURS}, default ${reminderDefault})`,
        `A clinician may ask for ${LIMITS.calendarFetch.max} fetches an hour`,
      ],
    };
    for (const [page, phrases] of Object.entries(promises)) {
      const flowing = read(page).replace(/\s+/g, " ");
      for (const phrase of phrases) expect(flowing, `${page} should say "${phrase}"`).toContain(phrase);
    }
  });

  it("every npm command the docs quote is a script in package.json", () => {
    const builtIn = new Set(["install", "ci"]);
    let quoted = 0;
    for (const [page, markdown] of Object.entries(text)) {
      for (const [, name] of markdown.matchAll(/\bnpm\s+(?:run\s+(?:--silent\s+)?)?([a-z][\w:-]*)/g)) {
        if (builtIn.has(name!)) continue;
        quoted++;
        expect(Object.keys(scripts), `${page} quotes "npm ${name}"`).toContain(name);
      }
    }
    expect(quoted).toBeGreaterThan(20);
  });

  it("every relative link resolves, to the file and to the heading it names", () => {
    let links = 0;
    for (const [page, markdown] of Object.entries(text)) {
      for (const [, target] of prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        links++;
        const [file, hash] = target!.split("#");
        const resolved = file ? path.join(path.dirname(page), file) : page;
        expect(existsSync(path.join(root, resolved)), `${page} links to ${target}`).toBe(true);
        if (hash) expect([...anchorsOf(read(resolved))], `${page} links to ${target}`).toContain(hash);
      }
    }
    expect(links).toBeGreaterThan(30);
  });

  it("every page in docs/ is linked from the README or the docs index", () => {
    const linked = `${text["README.md"]}\n${text["docs/README.md"]}`;
    for (const page of pages.filter((p) => p.startsWith("docs/") && p !== "docs/README.md")) {
      const name = path.basename(page);
      expect(linked.includes(`(docs/${name}`) || linked.includes(`(${name}`), `${page} is linked from nowhere`).toBe(true);
    }
  });

  it("every file or folder the docs name in code exists", () => {
    // A path from the repository root, or a bare file name (`time.ts`) that some tracked folder holds.
    const repoPath = /^(?:app|components|docker|docs|e2e|lib|prisma|scripts|tests|\.ci)\/[^\s<>…*]*$/;
    const bareFile = /^[\w.-]+\.(?:ts|tsx|mjs|sh|prisma)$/; // source files only: `manifest.json` names a file in an archive
    let named = 0;
    for (const [page, markdown] of Object.entries(text)) {
      for (const [, code] of markdown.matchAll(/`([^`\n]+)`/g)) {
        if (repoPath.test(code!)) {
          named++;
          expect(existsSync(path.join(root, code!)), `${page} names ${code}`).toBe(true);
        } else if (bareFile.test(code!)) {
          named++;
          expect(fileNames.has(code!), `${page} names ${code}, which no folder holds`).toBe(true);
        }
      }
    }
    expect(named).toBeGreaterThan(30);
  });

  it("the architecture folder map names every folder it should, and only folders that exist", () => {
    const doc = read("docs/architecture.md");
    const start = doc.indexOf("```", doc.indexOf("<!-- folder-map"));
    const map = doc.slice(start + 3, doc.indexOf("```", start + 3));
    const folders = [...map.matchAll(/^(\S+\/)/gm)].map((m) => m[1]!.replace(/\/$/, ""));
    expect(folders.length).toBeGreaterThan(20);
    for (const folder of folders) {
      if (folder === "lib/generated") continue;
      expect(existsSync(path.join(root, folder)) && statSync(path.join(root, folder)).isDirectory(), `the map names ${folder}/`).toBe(true);
    }
    const topLevel = ["app", "lib"].flatMap((parent) =>
      readdirSync(path.join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`),
    );
    for (const folder of topLevel) expect(folders, `the folder map lacks ${folder}/`).toContain(folder);
  });

  // Skipped (and reported as skipped) only until lib/entry exists.
  it("the one-door promise holds: in lib/, only lib/entry imports next/*, next-auth or React", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (rel !== "lib/generated" && rel !== "lib/entry") walk(rel);
        } else if (/\.tsx?$/.test(entry.name) && /from "(?:next|next\/[^"]+|next-auth(?:\/[^"]+)?|react|react-dom|react\/[^"]+)"/.test(read(rel))) {
          offenders.push(rel);
        }
      }
    };
    walk("lib");
    expect(offenders).toEqual([]);
  });
});
