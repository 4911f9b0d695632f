import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

import { E2E_PORT } from "./e2e/support/env";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Room for a machine shared with other work: specs wait on conditions, never on the clock, so a
  // longer limit only matters when the machine is slow (it was 30 s and 5 s, and busy runs hit both).
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
