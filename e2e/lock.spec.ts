import { expect, expectAccessible, signIn, test } from "./support/fixtures";

test("after the practice's idle time the note leaves the page, and unlocking brings back what was being typed", async ({ users, page }) => {
  test.setTimeout(60_000);
  // The page's own clock, so 15 minutes of inactivity pass in an instant.
  await page.clock.install();
  const therapist = await users.create("THERAPIST");
  await signIn(page, therapist.email, therapist.password);
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  await page.getByLabel("Template").selectOption({ label: "Free text" });
  await page.getByRole("button", { name: "New note" }).click();
  await page.waitForURL(/\/notes\//);
  await page.waitForLoadState("networkidle");
  const note = page.getByLabel("Session note");
  const saveStatus = page.locator("[data-save-status]");

  // Text already on the server, so the page that loads next carries it from the start.
  const saved = "Spoke about the move and the sleepless weeks since";
  await note.fill(saved);
  await page.clock.runFor(3_000);
  await expect(saveStatus).toHaveText(/Saved at/);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await expect(note).toHaveValue(saved);

  // Saves fail from now on, so what is typed next exists only in this page.
  await page.route("**/draft", (route) => route.abort("internetdisconnected"));
  const typed = "; a half-written thought that must not be lost";
  await note.fill(saved + typed);
  await page.clock.runFor(3_000);
  await expect(saveStatus).toHaveAttribute("data-save-status", "offline");
  await page.clock.fastForward("16:00");

  const lock = page.getByRole("dialog", { name: "Screen locked" });
  await expect(lock).toBeVisible();
  // It says why, and promises back only what lock memory keeps.
  await expect(lock.getByText("Locked after 15 minutes without activity.")).toBeVisible();
  await expect(lock.getByText("a note or addendum you were writing is still here")).toBeVisible();
  // Removed, not hidden: neither the note nor the unsaved text is anywhere in the document.
  await expect(note).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(saved);
  expect(html).not.toContain("half-written thought");
  await expectAccessible(page);

  await lock.getByLabel("Password").fill("not the password");
  await lock.getByRole("button", { name: "Unlock" }).click();
  await expect(lock.getByText("That password is not right.")).toBeVisible();
  await page.unroute("**/draft");
  await lock.getByLabel("Password").fill(therapist.password);
  await lock.getByRole("button", { name: "Unlock" }).click();
  await expect(lock).toBeHidden();
  await expect(note).toHaveValue(saved + typed);
  await page.clock.runFor(3_000);
  await expect(saveStatus).toHaveText(/Saved at/);
  await page.reload();
  await expect(note).toHaveValue(saved + typed);
});
