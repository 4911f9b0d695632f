import type { Page } from "@playwright/test";

/** Creates a client with a working label through the form; returns its code as shown (K7Q4-MX2P-B9XD). */
export async function newClient(page: Page, label: string): Promise<string> {
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill(label);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  return (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
}
