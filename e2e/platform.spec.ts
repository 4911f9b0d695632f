import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { generateSecrets } from "@/lib/config/secrets";
import { expect, expectAccessible, test } from "./support/fixtures";

test("health answers ok, without secrets or versions", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(Object.keys(body).sort()).toEqual(["checks", "status", "time"]);
  expect(Object.keys(body.checks).sort()).toEqual(["backups", "database", "scheduler", "vault"]);
  expect(JSON.stringify(body)).not.toMatch(/postgres|version|password|secret/i);
});

test("every page carries the security headers and a fresh script nonce", async ({ page, request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  expect(first.headers()["referrer-policy"]).toBe("no-referrer");
  expect(first.headers()["permissions-policy"]).toContain("camera=()");
  expect(first.headers()["x-powered-by"]).toBeUndefined();
  expect(first.headers()["x-request-id"]).toMatch(/[0-9a-f-]{36}/);

  // Scripts only run with the nonce: the page still works (hydrated) and the console is clean.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") violations.push(m.text());
  });
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("x");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  expect(violations.filter((v) => /Content Security Policy/i.test(v))).toEqual([]);
});

test("an unknown page gets a helpful, accessible not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expectAccessible(page);
});

test("the production server refuses to start without its keys, naming the variable", () => {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    DATABASE_URL: "postgresql://confide_app@127.0.0.1:1/confide",
    AUTH_SECRET: "x".repeat(40),
  } as NodeJS.ProcessEnv;
  const result = spawnSync(process.execPath, [nextBin, "start", "--port", "3199"], { env, encoding: "utf8", timeout: 60_000 });
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toContain("NOTES_MASTER_KEYS: is missing");
  expect(result.stderr + result.stdout).not.toContain("x".repeat(40));
});

test("the production server refuses to start without the erasure ledger, which makes erasures survive restores", () => {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env = {
    ...generateSecrets(),
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    DATABASE_URL: "postgresql://confide_app@127.0.0.1:1/confide",
    VAULT_DATABASE_URL: "postgresql://confide_vault@127.0.0.1:1/confide",
    APP_URL: "http://localhost:3199",
  } as NodeJS.ProcessEnv;
  const result = spawnSync(process.execPath, [nextBin, "start", "--port", "3199"], { env, encoding: "utf8", timeout: 60_000 });
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toContain("Confide cannot start: ERASURE_LEDGER_DIR: is missing.");
});

test("a state-changing request from another website is refused and changes nothing", async ({ request }) => {
  const response = await request.post("/api/auth/callback/credentials", {
    headers: { origin: "https://evil.example" },
    form: { email: "owner@demo.confide.test", password: "confide-demo-password" },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross_origin");
  expect(response.headers()["set-cookie"] ?? "").not.toContain("confide.session");
});
