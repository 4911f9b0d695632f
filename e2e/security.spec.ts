import { expect, expectAccessible, signIn, test } from "./support/fixtures";

test("a member ends a session on another device, then signs out everywhere", async ({ users, page, browser }) => {
  const member = await users.create("THERAPIST");
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await signIn(other, member.email, member.password);

  await signIn(page, member.email, member.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
  const sessions = page.getByRole("heading", { name: "Where you are signed in" }).locator("xpath=../../following-sibling::ul/li");
  await expect(sessions).toHaveCount(2);
  await expect(page.getByText("This device")).toHaveCount(1);
  await expectAccessible(page);

  await page.getByRole("button", { name: /^End session/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "That session has been ended" })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/sign-in/);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=1/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await laptop.close();
});

test("an owner sets the practice's screen-lock time within 5 to 60 minutes", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/settings/security");
  const minutes = page.getByLabel("Lock after (minutes)");
  await expect(minutes).toHaveValue("15");

  await minutes.fill("90");
  await minutes.evaluate((el) => el.removeAttribute("max")); // the server must refuse it too
  await page.getByRole("button", { name: "Save lock time" }).click();
  await expect(page.getByRole("status").filter({ hasText: "at most 60 and at least 5 minutes" })).toBeVisible();
  await expect(minutes).toHaveValue("15");

  await minutes.fill("30");
  await page.getByRole("button", { name: "Save lock time" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(minutes).toHaveValue("30");
});

test("therapists do not get the practice-wide settings", async ({ users, page }) => {
  await users.signedIn(page, "THERAPIST");
  await page.goto("/settings/security");
  await expect(page.getByLabel("Lock after (minutes)")).toHaveCount(0);
});

test("an owner can relax the practice's 2FA rule only with a reason, and restore it", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/settings/security");
  const rule = page.getByRole("checkbox", { name: /Require a second factor for every member/ });
  await expect(rule).not.toBeChecked(); // the fixture's practice starts relaxed, with a reason
  await page.getByLabel("If you turn this off, say why").fill("");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Say why the practice can do without" })).toBeVisible();

  await rule.check();
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every member now needs a second factor" })).toBeVisible();
  // The owner has no second factor yet, so the rule now takes them to enrolment.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
});
