import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import pg from "pg";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { e2eEnvFile } from "./support/env";

// The whole story of a client's rights: the therapist issues portal access; the client signs in
// with code and PIN, chooses their own PIN, writes and shares a reflection, and asks for a copy
// of their data and for erasure; the owner fulfils access and the client downloads it once;
// the owner erases; afterwards the code opens nothing and only the tombstone remains.

const NAME = "Rosalind Achterberg-Nwosu";
const REFLECTION = "Noticed I could breathe through the worry on the bus today.";
const NOTE = "Talked through the move to a new flat and the worry it brings.";

test("portal access, requests, a downloaded copy and erasure, end to end", async ({ users, page, browser }) => {
  test.setTimeout(150_000);
  const owner = await users.signedIn(page, "OWNER");
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Full name (to record identity)").fill(NAME);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();
  expect(pin).toMatch(/^\d{8}$/);
  // A signed session note, for the serious-harm review to decide on.
  await page.getByLabel("Template").selectOption({ label: "Free text" });
  await page.getByRole("button", { name: "New note" }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Session note").fill(NOTE);
  await expect(page.locator("[data-save-status]")).toHaveText(/Saved at/);
  await page.getByRole("link", { name: "Sign note…" }).click();
  await page.getByRole("button", { name: "Sign and lock the note" }).click();
  await expect(page.getByText("Signed by")).toBeVisible();
  await page.goto(`/clients/${code}`);

  // The client, on their own device.
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await client.goto("/portal");
  await expectAccessible(client);
  await client.getByLabel("Your code").fill(code.toLowerCase());
  await client.getByLabel("PIN").fill("00000000");
  await client.getByRole("button", { name: "Sign in" }).click();
  await expect(client.getByText("That code and PIN do not match")).toBeVisible();
  await client.getByLabel("PIN").fill(pin);
  await client.getByRole("button", { name: "Sign in" }).click();
  await client.waitForURL("**/portal/pin");
  await client.getByLabel("New PIN", { exact: true }).fill("123456");
  await client.getByLabel("New PIN again").fill("123456");
  await client.getByRole("button", { name: "Save my PIN" }).click();
  await expect(client.getByText("Do not use digits in order")).toBeVisible();
  await client.getByLabel("New PIN", { exact: true }).fill("305817");
  await client.getByLabel("New PIN again").fill("305817");
  await client.getByRole("button", { name: "Save my PIN" }).click();
  await client.waitForURL("**/portal/home");
  await expect(client.getByText(NAME)).toHaveCount(0);
  await expect(client.getByText("The practice owner created your record")).toBeVisible();
  // How long erased data can survive in the encrypted backups: the default 35-day retention plus a week.
  await expect(client.getByTestId("erasure-backups")).toContainText("can remain inside our encrypted backups for up to 42 days");
  await expectAccessible(client);

  await client.getByLabel("New reflection").fill(REFLECTION);
  await client.getByRole("button", { name: "Save reflection" }).click();
  await expect(client.getByText(REFLECTION)).toBeVisible();
  await client.getByRole("button", { name: "Share with my therapist" }).click();
  await expect(client.getByRole("button", { name: "Stop sharing" })).toBeVisible();
  for (const kind of ["A copy of my data", "Delete my data"]) {
    await client.getByLabel("What would you like?").selectOption({ label: kind });
    if (kind === "Delete my data") await client.getByLabel("I understand, and I want the practice to delete my data.").check();
    await client.getByRole("button", { name: /^Send/ }).click();
    await expect(client.getByText("Your request has been sent")).toBeVisible();
  }
  await expect(client.getByText(/answer due by/)).toHaveCount(2);

  // The owner sees the shared reflection, then fulfils the access request.
  await page.reload();
  await expect(page.getByText(REFLECTION)).toBeVisible();
  // The owner is then no longer assigned to the client (their clinician has left, say).
  const { ownerUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8"));
  const setup = new pg.Client({ connectionString: ownerUrl });
  await setup.connect();
  try {
    await setup.query(`DELETE FROM client_assignment WHERE "membershipId" IN (SELECT id FROM membership WHERE "userId" = $1)`, [owner.userId]);
  } finally {
    await setup.end();
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "A copy of my data" }).click();
  await expect(page.getByRole("button", { name: "Prepare the copy" })).toBeDisabled();
  // An access request is refused only as a whole (Art. 12(5)); third-party and serious-harm
  // withholding is the review's, note by note, so the client still gets the rest.
  await expect(page.getByRole("heading", { name: "Refuse the whole request" })).toBeVisible();
  await expect(page.getByText("withhold those notes in the serious-harm review instead")).toBeVisible();
  await expect(page.getByLabel("Only in part")).toHaveCount(0);
  const grounds = await page.getByLabel("Legal ground").locator("option").allTextContents();
  expect(grounds.some((g) => g.includes("Art. 12(5)"))).toBe(true);
  expect(grounds.some((g) => g.includes("Sch. 3 Part 2") || g.includes("Sch. 2 Part 3"))).toBe(false);
  expect(grounds.some((g) => g.includes("Art. 17(3)"))).toBe(false);
  // Not assigned: the reason first, and only then the notes' content.
  await expect(page.getByText(NOTE)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Record review" })).toHaveCount(0);
  await page.getByLabel("Why are you reviewing their record?").selectOption({ label: "The client's clinician has left the practice or is unavailable" });
  await page.getByRole("button", { name: "Read the notes for this review" }).click();
  await expect(page.getByText(NOTE)).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(page.url()).not.toContain("flat");
  await expect(page.getByText("Each read is recorded with this reason")).toBeVisible();
  await expectAccessible(page);
  for (const [name, width, height] of [["laptop", 1366, 900], ["phone", 360, 800]] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole("heading", { name: "1. Serious-harm review" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`review-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("Your opinion").fill("No likelihood of serious harm; nothing withheld.");
  await page.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByText(`by ${owner.displayName} (not assigned to the client: The client's clinician has left the practice or is unavailable): No likelihood of serious harm`)).toBeVisible();
  await page.getByRole("button", { name: "Prepare the copy" }).click();
  await expect(page.getByText("The client can download their copy")).toBeVisible();

  // The client downloads it, once.
  await client.reload();
  const downloadLink = client.getByRole("link", { name: "Download your copy (ZIP)" });
  const href = await downloadLink.getAttribute("href");
  const response = await client.request.get(href!);
  expect(response.status()).toBe(200);
  const files = unzipSync(new Uint8Array(await response.body()));
  const json = JSON.parse(strFromU8(files["export.json"]!));
  expect(json.identity.fullName).toBe(NAME);
  expect(json.reflections[0].text).toBe(REFLECTION);
  expect(json.withheld).toEqual([]);
  expect(JSON.stringify(json)).toContain(NOTE);
  await expect(client.getByText("The practice owner read a session note to review your request for a copy of your data")).toBeVisible();
  expect(strFromU8(files["export.html"]!)).toContain("Your rights");
  expect((await client.request.get(href!)).status()).toBe(410);

  // The owner erases.
  await page.goto("/requests");
  await page.getByRole("link", { name: "Delete my data" }).click();
  await expect(page.getByRole("heading", { name: "Delete my data" })).toBeVisible();
  const erasureGrounds = await page.getByLabel("Legal ground").locator("option").allTextContents();
  expect(erasureGrounds.some((g) => g.includes("Art. 17(3)(e)"))).toBe(true);
  expect(erasureGrounds.some((g) => g.includes("Sch. 3 Part 2") || g.includes("Sch. 2 Part 3"))).toBe(false);
  // Erasure is all or nothing, so it is refused only as a whole.
  await expect(page.getByRole("heading", { name: "Refuse the whole request" })).toBeVisible();
  await expect(page.getByLabel("Only in part")).toHaveCount(0);
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByText("erased for good")).toBeVisible();

  // Afterwards the code opens nothing: not the staff app, not the portal.
  expect((await page.goto(`/clients/${code}`))!.status()).toBe(404);
  await client.goto("/portal/home");
  await client.waitForURL(/\/portal\?ended=1/);
  await client.getByLabel("Your code").fill(code);
  await client.getByLabel("PIN").fill("305817");
  await client.getByRole("button", { name: "Sign in" }).click();
  await expect(client.getByText("That code and PIN do not match")).toBeVisible();
  await clientContext.close();

  // And the database holds nothing of the client but codes in the audit trail and the tombstone.
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const canonical = code.replaceAll("-", "");
    expect((await db.query("SELECT count(*)::int AS n FROM client WHERE code = $1", [canonical])).rows[0].n).toBe(0);
    expect((await db.query("SELECT count(*)::int AS n FROM vault.client_identity")).rows[0].n).toBeGreaterThanOrEqual(0);
    const tombstone = await db.query("SELECT action FROM audit_event WHERE \"targetId\" = $1 AND action = 'client.erased'", [canonical]);
    expect(tombstone.rowCount).toBe(1);
    const dump = (await db.query("SELECT row_to_json(t)::text AS line FROM (SELECT * FROM data_request WHERE \"clientCode\" = $1) t", [canonical])).rows.map((r) => r.line).join("");
    expect(dump).not.toContain("Rosalind");
    expect(dump).toContain('"detailsEnc":null');
  } finally {
    await db.end();
  }
});

test("someone without portal access asks through the practice's public page; the owner sees it unlinked", async ({ users, page }) => {
  const owner = await users.create("OWNER");
  await page.goto(`/request/${owner.practiceId}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("erasure-backups")).toContainText("up to 42 days");
  await expectAccessible(page);
  await page.getByLabel("What would you like?").selectOption({ label: "A copy of my data" });
  await page.getByLabel("Your full name").fill("Wilhelmina Adeyemi-Ferreira");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Give an email address or a phone number")).toBeVisible();
  await expect(page.getByLabel("Your full name")).toHaveValue("Wilhelmina Adeyemi-Ferreira");
  await page.getByLabel("Phone").fill("+44 7700 900123");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Your request has been sent")).toBeVisible();

  await signIn(page, owner.email, owner.password);
  await page.goto("/requests");
  await expect(page.getByText("Public form, not linked")).toBeVisible();
  await page.getByRole("link", { name: "A copy of my data" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Show contact details (recorded)" }).click();
  await expect(page.getByText("Wilhelmina Adeyemi-Ferreira")).toBeVisible();
});
