import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, test } from "./support/fixtures";
import { e2eEnvFile } from "./support/env";

// Every address that shows practice data, tried over HTTP by a signed-in owner of another
// practice with real ids and codes from the first: each answers 404, never data.

test("a member of another practice gets 404 from every page and API that shows practice data", async ({ users, page, browser }) => {
  test.setTimeout(90_000);
  const alpha = await users.signedIn(page, "OWNER");
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Full name (to record identity)").fill("Isolde Vantongeren");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.getByLabel("Template").selectOption({ label: "Free text" });
  await page.getByRole("button", { name: "New note" }).click();
  await page.waitForURL(/\/notes\//);
  const notePath = new URL(page.url()).pathname;
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Session note").fill("Alpha's clinical words.");
  await expect(page.locator("[data-save-status]")).toHaveText(/Saved at/);

  const { ownerUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8"));
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  const eventId = (await db.query('SELECT id::text FROM audit_event WHERE "practiceId" = $1 ORDER BY id DESC LIMIT 1', [alpha.practiceId])).rows[0].id as string;
  await db.end();
  await page.goto(`/request/${alpha.practiceId}`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("What would you like?").selectOption({ label: "A copy of my data" });
  await page.getByLabel("Your full name").fill("Isolde Vantongeren");
  await page.getByLabel("Email").fill("isolde@example.org");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Your request has been sent")).toBeVisible();
  const db2 = new pg.Client({ connectionString: ownerUrl });
  await db2.connect();
  const requestId = (await db2.query('SELECT id::text FROM data_request WHERE "practiceId" = $1', [alpha.practiceId])).rows[0].id as string;
  await db2.end();

  const context = await browser.newContext();
  const other = await context.newPage();
  await users.signedIn(other, "OWNER");
  for (const path of [
    `/clients/${code}`,
    `/clients/${code}/identity`,
    notePath,
    `${notePath}/history`,
    `${notePath}/history?v=1`,
    `/requests/${requestId}`,
    `/audit/${eventId}`,
    "/platform",
  ]) {
    const response = await other.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(other.getByText("Isolde")).toHaveCount(0);
    await expect(other.getByText("Alpha's clinical words.")).toHaveCount(0);
  }
  const draft = await other.request.put(`/api${notePath}/draft`, { data: { baseRevision: 1, sections: { body: "overwritten by bravo" } } });
  expect(draft.status()).toBe(404);
  const caseload = await other.goto(`/clients?q=${encodeURIComponent(code)}`);
  expect(caseload!.status()).toBe(200);
  await expect(other.getByRole("link", { name: code })).toHaveCount(0);
  await context.close();

  await page.goto(notePath);
  await expect(page.getByLabel("Session note")).toHaveValue("Alpha's clinical words.");
});
