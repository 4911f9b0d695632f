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

/** A client's first portal sign-in: code and one-time PIN, then a PIN of their own; ends on the portal home. */
export async function firstPortalSignIn(client: Page, code: string, oneTimePin: string, newPin: string) {
  await client.goto("/portal");
  await client.getByLabel("Your code").fill(code);
  await client.getByLabel("PIN").fill(oneTimePin);
  await client.getByRole("button", { name: "Sign in" }).click();
  await client.waitForURL("**/portal/pin");
  await client.getByLabel("New PIN", { exact: true }).fill(newPin);
  await client.getByLabel("New PIN again").fill(newPin);
  await client.getByRole("button", { name: "Save my PIN" }).click();
  await client.waitForURL("**/portal/home");
}
