import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { testUsers, type Users } from "./users";

export const DEMO_PASSWORD = "confide-demo-password";
export const demo = {
  owner: "owner@demo.confide.test",
  therapist: "therapist@demo.confide.test",
  manager: "manager@demo.confide.test",
} as const;

export const test = base.extend<{ foreignRequests: string[]; users: Users }>({
  /** Members made through the test-only API (e2e/support/users.ts); their sessions end after the test. */
  users: async ({ baseURL }, provide) => {
    const users = testUsers(baseURL!);
    await provide(users);
    await users.teardown();
  },
  /** Every page must load only from this origin: no analytics, fonts, scripts or images elsewhere. */
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      page.on("request", (req) => {
        const url = req.url();
        if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, "requests to other origins").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Types an email and password and submits, wherever that leads (a second step, enrolment…). */
export async function passwordStep(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await passwordStep(page, email, password);
  await page.waitForURL("**/dashboard");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/signed-out=1/);
}

/** Fails on any serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
