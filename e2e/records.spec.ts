import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

// The clinical record as a therapist uses it: clients by code, identity in the vault, notes that
// autosave, survive a lost connection, refuse silent overwrites, sign, and keep their history.

export const CLIENT_NAME = "Marguerite Oyelaran-Vance";
export const CLIENT_EMAIL = "marguerite.vance@example.org";
const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

async function createClient(page: Page, withIdentity = true): Promise<string> {
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill("Tuesday 10am");
  if (withIdentity) {
    await page.getByLabel("Full name (to record identity)").fill(CLIENT_NAME);
    await page.getByLabel("Email").fill(CLIENT_EMAIL);
  }
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(code).toMatch(CODE);
  return code;
}

async function newNote(page: Page, template = "SOAP") {
  await page.getByLabel("Template").selectOption({ label: template });
  await page.getByRole("button", { name: "New note" }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
}

const saveStatus = (page: Page) => page.locator("[data-save-status]");

test("a therapist adds a client by code, writes a note that autosaves, signs it, adds an addendum and reads its history", async ({ users, page }) => {
  test.setTimeout(90_000);
  await users.signedIn(page, "THERAPIST");
  await page.goto("/dashboard");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
  await expect(page.getByText("No active clients yet")).toBeVisible();
  await expectAccessible(page);

  const code = await createClient(page);
  expect(page.url()).not.toContain("Marguerite");
  await expect(page).toHaveTitle(new RegExp(code));
  await expect(page.getByText(CLIENT_NAME)).toHaveCount(0);
  await expectAccessible(page);

  await newNote(page);
  await page.getByLabel("Subjective").fill("Reports sleeping better since the last session.");
  await page.getByLabel("Plan").fill("Continue the sleep diary.");
  await expect(saveStatus(page)).toHaveText(/Saved at/);
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel("Subjective")).toHaveValue("Reports sleeping better since the last session.");
  await expect(page.getByText("11 words")).toBeVisible();

  await page.getByRole("link", { name: "Sign note…" }).click();
  await page.getByRole("button", { name: "Sign and lock the note" }).click();
  await expect(page.getByText("Signed by")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Subjective" })).toHaveCount(0);
  await page.getByLabel("Add an addendum").fill("Client later said the diary was hard to keep at weekends.");
  await page.getByRole("button", { name: "Add addendum" }).click();
  await expect(page.getByText("Client later said the diary was hard to keep at weekends.")).toBeVisible();

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { name: /Version 1, saved by/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/clients");
  const row = page.getByRole("row").filter({ hasText: code });
  await expect(row).toContainText("Tuesday 10am");
  await page.getByLabel("Search by code or label").fill(code.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: code })).toBeVisible();
});

test("two tabs editing one draft get a conflict, never a silent overwrite", async ({ users, page, context }) => {
  test.setTimeout(60_000);
  await users.signedIn(page, "THERAPIST");
  await createClient(page, false);
  await newNote(page, "Free text");
  const second = await context.newPage();
  await second.goto(page.url());
  await second.waitForLoadState("networkidle");

  await page.getByLabel("Session note").fill("Written in the first tab.");
  await expect(saveStatus(page)).toHaveText(/Saved at/);
  await second.getByLabel("Session note").fill("Written in the second tab.");
  await expect(second.getByText(/saved this note at .* after you opened it/)).toBeVisible();
  await expect(saveStatus(second)).toHaveText(/Not saved/);

  await second.getByRole("button", { name: "Keep my version" }).click();
  await expect(saveStatus(second)).toHaveText(/Saved at/);
  await page.reload();
  await expect(page.getByLabel("Session note")).toHaveValue("Written in the second tab.");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("link", { name: /Version 1/ })).toBeVisible();
});

test("text typed while offline is kept on the device and saved when the connection returns", async ({ users, page, context }) => {
  await users.signedIn(page, "THERAPIST");
  await createClient(page, false);
  await newNote(page, "Free text");
  await context.setOffline(true);
  await page.getByLabel("Session note").fill("Typed on the train with no signal.");
  await expect(saveStatus(page)).toHaveText(/Offline/);
  await context.setOffline(false);
  await expect(saveStatus(page)).toHaveText(/Saved at/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel("Session note")).toHaveValue("Typed on the train with no signal.");
});

test("while the database restarts the editor shows offline, keeps every character, and saves once when it is back", async ({ users, page }) => {
  await users.signedIn(page, "THERAPIST");
  await createClient(page, false);
  await newNote(page, "Free text");
  // What the draft route answers while PostgreSQL restarts or the pool is exhausted
  // (tests/integration/faults.test.ts): 503 with Retry-After, nothing written.
  let refused = 0;
  await page.route("**/draft", (route) => {
    refused++;
    return route.fulfill({ status: 503, headers: { "Retry-After": "1", "Content-Type": "application/json" }, body: JSON.stringify({ error: { code: "unavailable", message: "Confide is busy or briefly unavailable. Nothing was lost: try again in a few seconds." } }) });
  });
  const note = page.getByLabel("Session note");
  await note.pressSequentially("Client arrived late; ", { delay: 20 });
  await expect(saveStatus(page)).toHaveText(/Offline/);
  await note.pressSequentially("talked about the new job.", { delay: 20 });
  await expect(saveStatus(page)).toHaveText(/Offline/, { timeout: 10_000 });
  await expect(note).toHaveValue("Client arrived late; talked about the new job.");
  expect(refused).toBeGreaterThan(0);
  await page.unroute("**/draft");
  // The retry honours Retry-After (1 s here), not the 10 s default.
  await expect(saveStatus(page)).toHaveText(/Saved at/, { timeout: 8_000 });
  await page.reload();
  await expect(page.getByLabel("Session note")).toHaveValue("Client arrived late; talked about the new job.");
  await page.goto(`${new URL(page.url()).pathname}/history`);
  await expect(page.getByRole("navigation", { name: "Versions" }).getByRole("listitem")).toHaveCount(1);
});

test("revealing an identity needs a reason and a fresh confirmation, and hides again", async ({ users, page }) => {
  const therapist = await users.signedIn(page, "THERAPIST");
  const code = await createClient(page);
  await expireStepUp(therapist.userId);
  await page.reload();
  await page.getByRole("link", { name: "Confirm it is you" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Password").fill(therapist.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL(`**/clients/${code}`);
  await page.waitForLoadState("networkidle");

  await page.getByLabel("Why do you need to see it?").selectOption("safeguarding");
  await page.getByRole("button", { name: "Show identity" }).click();
  await expect(page.getByText(CLIENT_NAME)).toBeVisible();
  await expect(page.getByText("This reveal has been recorded")).toBeVisible();
  await page.getByRole("button", { name: "Hide now" }).click();
  await expect(page.getByText(CLIENT_NAME)).toHaveCount(0);
});

test("a practice manager sees codes but no notes, and a therapist of another practice gets a 404", async ({ users, page, browser }) => {
  const therapist = await users.signedIn(page, "THERAPIST");
  const code = await createClient(page, false);
  await newNote(page, "Free text");
  await page.getByLabel("Session note").fill("Something only the clinician may read.");
  await expect(saveStatus(page)).toHaveText(/Saved at/);
  const noteUrl = new URL(page.url()).pathname;

  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await users.signedIn(managerPage, "MANAGER", { practiceId: therapist.practiceId });
  await managerPage.goto(`/clients/${code}`);
  await expect(managerPage.getByRole("heading", { name: code })).toBeVisible();
  await expect(managerPage.getByText("Practice managers see clients' codes and labels for scheduling, not their notes.")).toBeVisible();
  expect((await managerPage.goto(noteUrl))!.status()).toBe(404);
  await managerContext.close();

  const strangerContext = await browser.newContext();
  const strangerPage = await strangerContext.newPage();
  await users.signedIn(strangerPage, "THERAPIST");
  expect((await strangerPage.goto(`/clients/${code}`))!.status()).toBe(404);
  expect((await strangerPage.goto(noteUrl))!.status()).toBe(404);
  const save = await strangerPage.request.put(`/api${noteUrl}/draft`, { data: { baseRevision: 1, sections: { body: "overwrite" } } });
  expect(save.status()).toBe(404);
  await strangerContext.close();
});
