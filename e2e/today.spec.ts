import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newClient } from "./support/clients";

// The home page about today, and notes from appointments: an owner defines a practice template
// and makes it the Session type's, books a session today, starts its note from the home page
// with that template chosen first, and signs it through the confirmation step; a therapist sees
// their day and discards a draft. Screenshots go to the evidence folder when asked for.

const EVIDENCE = process.env.CONFIDE_EVIDENCE_DIR;
const TEMPLATE = "Family work E2E";
const NOTE_TEXT = "Marrowby family attended together; agreed one shared evening a week.";
const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

async function shoot(page: Page, name: string) {
  if (!EVIDENCE) return;
  const dismiss = page.getByRole("button", { name: "Dismiss message" });
  if (await dismiss.isVisible()) await dismiss.click();
  for (const [w, h] of [[1366, 800], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${EVIDENCE}/${name}-${w}x${h}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function bookToday(page: Page, code: string, label: string, time: string) {
  await page.goto(`/schedule/new?date=${londonToday()}`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Client").selectOption({ label: `${code} (${label})` });
  await page.getByLabel("Type").selectOption({ label: "Session" });
  await page.getByLabel("Date").fill(londonToday());
  await page.getByLabel("Start time").fill(time);
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByText(/appointment booked/i)).toBeVisible();
}

test("an owner's practice template is the Session type's; today's session starts its note from the home page with it, and signing asks for confirmation", async ({ users, page }) => {
  test.setTimeout(120_000);
  await users.signedIn(page, "OWNER");

  // A practice template, and the Session type offers it first.
  await page.goto("/settings/templates");
  await expect(page.getByRole("heading", { name: "Note templates", level: 1 })).toBeVisible();
  await expectAccessible(page);
  const add = page.getByRole("region", { name: "Add a template" });
  await add.getByLabel("Template name").fill(TEMPLATE);
  await add.getByLabel("Section 1 name").fill("Who came");
  await add.getByLabel("Section 1 prompt (optional)").fill("Family members present, and anyone missing.");
  await add.getByLabel("Section 2 name").fill("Patterns noticed");
  await add.getByLabel("Section 3 name").fill("Agreed next steps");
  await add.getByRole("button", { name: "Add template" }).click();
  await expect(page.getByText(`${TEMPLATE} added.`)).toBeVisible();
  await page.getByLabel("Notes for Session").selectOption({ label: TEMPLATE });
  await page.getByRole("button", { name: "Save the template for Session" }).click();
  await expect(page.getByText("Saved: notes started from this type's appointments now offer that template first.")).toBeVisible();
  await expect(page.getByLabel("Notes for Session")).toHaveValue(/[0-9a-f-]{36}/);
  await shoot(page, "templates-settings");

  // Today's session, on the home page with its one action.
  const code = await newClient(page, "Thursday family");
  await bookToday(page, code, "Thursday family", "12:00");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  const today = page.getByRole("region", { name: /Your appointments today/ });
  const row = today.getByRole("listitem").filter({ hasText: code });
  await expect(row).toContainText("12:00–12:50");
  await expect(row).toContainText("Thursday family");
  await expect(row).toContainText("Session");
  await expect(page.getByRole("region", { name: /The practice today/ }).getByRole("listitem").filter({ hasText: code })).toBeVisible();
  await expect(page.getByRole("region", { name: /Open data requests/ })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "home-owner");

  // Start its note: the type's template is chosen first.
  await row.getByRole("link", { name: /^Start note/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Note for session with ${code}`);
  await expect(page.getByRole("radio", { name: new RegExp(TEMPLATE) })).toBeChecked();
  await expectAccessible(page);
  await shoot(page, "template-picker");
  await page.getByRole("button", { name: "Start note" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z-]+\/notes\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(`${TEMPLATE} · by`)).toBeVisible();
  await expect(page.getByText("Family members present, and anyone missing.")).toBeVisible();
  await page.getByLabel("Who came").fill(NOTE_TEXT);
  await expect(page.locator("[data-save-status]")).toHaveText(/Saved at/);
  await expectAccessible(page);
  await shoot(page, "note-editor");

  // Back home: the appointment now opens its note, and the draft waits to be signed.
  await page.goto("/dashboard");
  await expect(row.getByRole("link", { name: /^Open note/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Notes to sign/ })).toContainText(code);
  await row.getByRole("link", { name: /^Open note/ }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);

  // Signing asks first, says what it means, and can be left.
  await page.getByRole("link", { name: "Sign note…" }).click();
  await expect(page.getByRole("heading", { name: "What signing means" })).toBeVisible();
  await expect(page.getByText("only addenda", { exact: false }).or(page.getByText("you add a signed addendum", { exact: false }))).toBeVisible();
  await expect(page.getByText(NOTE_TEXT)).toBeVisible();
  await expect(page.getByText("Left empty: Patterns noticed, Agreed next steps.")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "sign-confirm");
  await page.getByRole("link", { name: "Back to editing" }).click();
  await expect(page.getByLabel("Who came")).toHaveValue(NOTE_TEXT);
  await page.getByRole("link", { name: "Sign note…" }).click();
  await page.getByRole("button", { name: "Sign and lock the note" }).click();
  await expect(page.getByText("Note signed. It is now locked")).toBeVisible();
  await expect(page.getByText("Signed by")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Who came" })).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: /Notes to sign/ })).toContainText("All your notes are signed");
});

test("a therapist sees their day on the home page and discards a draft, which stays in its history", async ({ users, page }) => {
  test.setTimeout(90_000);
  await users.signedIn(page, "THERAPIST");
  const code = await newClient(page, "Monday morning");
  await bookToday(page, code, "Monday morning", "13:00");
  await page.goto("/dashboard");
  const row = page.getByRole("region", { name: /Your appointments today/ }).getByRole("listitem").filter({ hasText: code });
  await expect(row).toContainText("13:00–13:50");
  await expect(page.getByRole("region", { name: /The practice today/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /In the last week/ })).toContainText("Nothing new in the last week.");
  await expectAccessible(page);
  await shoot(page, "home-clinician");
  await page.reload();
  await expect(page.getByRole("region", { name: /Since you last looked/ })).toBeVisible();

  // A draft started on the wrong appointment, written in, then discarded.
  await row.getByRole("link", { name: /^Start note/ }).click();
  await page.getByRole("radio", { name: /^SOAP/ }).check();
  await page.getByRole("button", { name: "Start note" }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Subjective").fill("Wrong client: Marrowby meant for another file.");
  await expect(page.locator("[data-save-status]")).toHaveText(/Saved at/);
  await page.getByText("Discard this draft…").click();
  await expect(page.getByText("Nothing written is destroyed")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Discard draft" }).click();
  await page.waitForURL(new RegExp(`/clients/${code}$`));
  await expect(page.getByText("Draft discarded. Its saved versions stay in its history.")).toBeVisible();
  await expect(page.getByText("Discarded draft · kept in history")).toBeVisible();
  await page.getByRole("link", { name: /^Open the .* note$/ }).click();
  await expect(page.getByText(/discarded this draft on/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Subjective" })).toHaveCount(0);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByText(/This draft was discarded by its author/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Version 1/ })).toBeVisible();

  // The appointment is free for a new note; the discarded one is not waiting to be signed.
  await page.goto("/dashboard");
  await expect(row.getByRole("link", { name: /^Start note/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Notes to sign/ })).toContainText("All your notes are signed");
});
