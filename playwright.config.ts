import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

import { E2E_PORT } from "./e2e/support/env";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium where Playwright's own browser is absent (it cannot be downloaded here).
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /audit-scan\.spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 7"] }, testMatch: /layout\.spec\.ts/ },
    // Reads what every other scenario left in the audit trail, so it runs last.
    { name: "audit-scan", testMatch: /audit-scan\.spec\.ts/, dependencies: ["desktop", "phone"] },
  ],
  webServer: {
    // The production build, on its own fresh database (e2e/support/serve.ts).
    command: "npx tsx e2e/support/serve.ts",
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
