import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, test } from "./support/fixtures";
import { firstPortalSignIn, newClient } from "./support/clients";
import { e2eEnvFile } from "./support/env";

// A client's own browser in the audit trail: readable to the owner while the client is on
// record, "erased" once the client is erased, and never stored in clear.

const CLIENT_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Wintergreen-phone/4.2";

test("the audit event screen shows the client's own browser until erasure, then 'erased'", async ({ users, page, browser }) => {
  test.setTimeout(120_000);
  await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Erasure e2e");
  const canonical = code.replaceAll("-", "");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();

  const clientContext = await browser.newContext({ userAgent: CLIENT_BROWSER });
  const client = await clientContext.newPage();
  await firstPortalSignIn(client, code, pin, "472913");
  await client.getByLabel("What would you like?").selectOption({ label: "Delete my data" });
  await client.getByLabel("I understand, and I want the practice to delete my data.").check();
  await client.getByRole("button", { name: "Send my request to delete my data" }).click();
  await expect(client.getByText("Your request has been sent")).toBeVisible();
  await clientContext.close();

  // The owner opens the client's sign-in in the trail: the browser is there, decrypted.
  await page.goto(`/audit?target=${canonical}&action=portal.signin.succeeded`);
  await page.locator('a[href^="/audit/"]').first().click();
  await page.waitForURL(/\/audit\/\d+$/);
  const eventUrl = page.url();
  await expect(page.getByText("Wintergreen-phone/4.2")).toBeVisible();
  // The client who acted, named as such (not as a "Former member").
  const whoRow = page.locator("div", { has: page.locator("dt", { hasText: "Who" }) }).last();
  await expect(whoRow.locator("dd")).toHaveText(`Client ${code}, in the portal`);
  await expect(page.getByText("stored encrypted, under a key that belongs to the client")).toBeVisible();

  await page.goto("/requests");
  await page.getByRole("link", { name: "Delete my data" }).click();
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByText("erased for good")).toBeVisible();

  // Afterwards the same event says "erased", on screen and in the export, and the chain verifies.
  await page.goto(eventUrl);
  await expect(page.getByText("Wintergreen-phone/4.2")).toHaveCount(0);
  const browserRow = page.locator("div", { has: page.locator("dt", { hasText: "Browser" }) }).last();
  await expect(browserRow.locator("dd")).toHaveText("erased");
  const exported = await page.request.get(`/api/audit/export?format=json&target=${canonical}`);
  const events = (await exported.json()).events as { actorType: string; userAgent: string | null }[];
  const theirs = events.filter((e) => e.actorType === "CLIENT");
  expect(theirs.length).toBeGreaterThan(2);
  for (const e of theirs) expect(e.userAgent).toBe("erased");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByText(/Audit trail intact: all [\d,]+ events check out/)).toBeVisible();

  const { ownerUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8"));
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const stored = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE "userAgent" LIKE '%Wintergreen%'`);
    expect(stored.rows[0].n).toBe(0);
  } finally {
    await db.end();
  }
});
