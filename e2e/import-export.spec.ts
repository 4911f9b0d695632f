import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

// Moving data in and out: an owner imports clients from a CSV (a bad row is reported by row and
// column and nothing is imported until it is fixed), one of them onto a therapist's caseload,
// then exports the whole practice: told before confirming it is them that the export carries a
// client they are not assigned to, they give a reason, and the ZIP holds what the README promises.

export const IMPORTED_NAME = "Bartholomew Quennell-Ashdown";
export const IMPORTED_EMAIL = "bart.quennell@example.org";
const header = "label,full_name,preferred_name,date_of_birth,email,phone,address,emergency_contact,gp,clinician_email";
const good = `Import A,${IMPORTED_NAME},Bart,1972-03-14,${IMPORTED_EMAIL},+44 7700 900456,"2 Mill Lane, Frome",,Dr Penrose,`;
const csvFile = (rows: string[]) => ({ name: "clients.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n")) });

test("an owner imports clients from a CSV, fixing a bad row first, then exports everything after step-up", async ({ users, page }) => {
  test.setTimeout(90_000);
  const owner = await users.signedIn(page, "OWNER");
  const therapist = await users.create("THERAPIST", { practiceId: owner.practiceId });
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page);

  // The page also imports appointments: work inside the clients section.
  const clients = page.getByRole("region", { name: "Import clients from a CSV file" });
  await clients.getByLabel("CSV file", { exact: true }).setInputFiles(csvFile([good, `Import B,Wilhelmina Stroud,,31-12-1990,,,,,,${therapist.email}`]));
  await clients.getByRole("button", { name: "Check the file" }).click();
  const problems = clients.getByRole("table", { name: "Problems in the file" });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("date_of_birth");
  await expect(problems.getByRole("row").nth(1)).toContainText("YYYY-MM-DD");
  await expect(page.getByText("Nothing has been imported")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await expectAccessible(page);

  await clients.getByLabel("CSV file", { exact: true }).setInputFiles(csvFile([good, `Import B,Wilhelmina Stroud,,1990-12-31,,,,,,${therapist.email}`]));
  await clients.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("All 2 rows are ready")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 clients" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 clients" })).toBeVisible();
  await page.getByRole("link", { name: "See them in Clients" }).click();
  await expect(page.getByRole("cell", { name: "Import A" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Import B" })).toBeVisible();
  await expect(page.getByText(IMPORTED_NAME)).toHaveCount(0);

  // The route handler refuses what is not CSV, with a clear 4xx.
  const refused = await page.request.post("/api/import/clients?mode=preview", { headers: { "Content-Type": "image/png" }, data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  expect(refused.status()).toBe(415);
  expect((await refused.json()).error.message).toMatch(/not a CSV file/);

  // Export: told about the therapist's client and asked for a reason, then step-up, then the download.
  await expireStepUp(owner.userId);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
  await expect(page.getByRole("heading", { name: "Export everything" })).toBeVisible();
  await expect(page.getByText("This file is special-category personal data.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Records of 1 client you are not assigned to" })).toBeVisible();
  await expect(page.getByRole("link", { name: "confirm it is you" })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: "reflections clients have not shared (none at the moment)" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page);
  // On a small phone the reasons (the longest is a whole sentence) fit the screen.
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "the Export page scrolls sideways").toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel("Why are you including them?").selectOption({ label: "Moving the practice to another system" });
  await page.getByRole("button", { name: "Use this reason" }).click();
  await page.waitForURL("**/export?reason=move");
  await page.getByRole("link", { name: "confirm it is you" }).click();
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL("**/export?reason=move");
  await expect(page.getByLabel("Why are you including them?")).toHaveValue("move");
  // The download without the reason is refused, saying why.
  const withoutReason = await page.request.get("/api/export/practice");
  expect(withoutReason.status()).toBe(400);
  expect((await withoutReason.json()).error.message).toMatch(/1 client you are not assigned to/);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the practice export (.zip)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^confide-practice-export-.*\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  for (const name of ["manifest.json", "README.txt", "IDENTITIES-SPECIAL-CATEGORY-DATA.txt", "clients.csv", "clients.json", "identities.csv", "notes.json", "note_versions.json", "note_addenda.json", "reflections.json", "data_requests.json", "audit_events.csv"]) {
    expect(Object.keys(files), name).toContain(name);
  }
  expect(JSON.parse(strFromU8(files["manifest.json"]!)).counts).toMatchObject({ clients: 2, identities: 2 });
  expect(strFromU8(files["README.txt"]!)).toMatch(/Left out of this archive: 0 unshared reflections/);
  expect(strFromU8(files["identities.csv"]!)).toContain(IMPORTED_NAME);
  expect(strFromU8(files["clients.csv"]!)).not.toContain(IMPORTED_NAME);
  expect(strFromU8(files["audit_events.csv"]!)).toContain("client.imported");
});

test("a therapist may import but not export or restore", async ({ users, page }) => {
  await users.signedIn(page, "THERAPIST");
  await page.goto("/dashboard");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" })).toHaveCount(0);
  expect((await page.request.get("/api/export/practice", { maxRedirects: 0 })).status()).toBe(403);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Restore a practice export" })).toHaveCount(0);
});

test("a practice manager may neither import nor export", async ({ users, page }) => {
  await users.signedIn(page, "MANAGER");
  await page.goto("/dashboard");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" })).toHaveCount(0);
  await page.goto("/import");
  await page.waitForURL("**/clients");
  const refused = await page.request.post("/api/import/clients?mode=commit", { headers: { "Content-Type": "text/csv" }, data: `${header}\nA,,,,,,,,,` });
  expect(refused.status()).toBe(403);
});
