import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { createMember } from "./support/users";

test("after the practice's idle time the screen locks, and unlocking keeps what was being typed", async ({ page }) => {
  test.setTimeout(60_000);
  // The page's own clock, so 15 minutes of inactivity pass in an instant.
  await page.clock.install();
  const therapist = await createMember("THERAPIST");
  await signIn(page, therapist.email, therapist.password);
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  await page.getByLabel("Template").selectOption({ label: "Free text" });
  await page.getByRole("button", { name: "New note" }).click();
  await page.waitForURL(/\/notes\//);
  await page.waitForLoadState("networkidle");

  const text = "Half-written thought about the session that must not be lost";
  await page.getByLabel("Session note").fill(text);
  await page.clock.fastForward("16:00");

  const lock = page.getByRole("dialog", { name: "Screen locked" });
  await expect(lock).toBeVisible();
  await expect(page.getByLabel("Session note")).toBeHidden();
  await expectAccessible(page);

  await lock.getByLabel("Password").fill("not the password");
  await lock.getByRole("button", { name: "Unlock" }).click();
  await expect(lock.getByText("That password is not right.")).toBeVisible();
  await lock.getByLabel("Password").fill(therapist.password);
  await lock.getByRole("button", { name: "Unlock" }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByLabel("Session note")).toHaveValue(text);
  await page.clock.runFor(3_000);
  await expect(page.locator("[data-save-status]")).toHaveText(/Saved at/);
  await page.reload();
  await expect(page.getByLabel("Session note")).toHaveValue(text);
});
