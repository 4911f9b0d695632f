import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

test("changing the password asks the member to confirm it is them first, then signs them in with the new one", async ({ users, page }) => {
  const member = await users.create("THERAPIST");
  await signIn(page, member.email, member.password);
  await expireStepUp(member.userId);

  await page.goto("/settings/security");
  await expect(page.getByRole("button", { name: "Change password" })).toHaveCount(0);
  await page.getByRole("region", { name: "Password" }).getByRole("link", { name: "confirm it is you" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page);

  await page.getByLabel("Password").fill("not my password at all");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page.getByText("That password or code was not right")).toBeVisible();

  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL("**/settings/security*");
  const newPassword = "a completely new passphrase for e2e";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL("**/sign-in?signed-out=1");
  await signIn(page, member.email, newPassword);
});

test("an audit export after the step-up window has passed goes through the step-up page and then downloads", async ({ users, page }) => {
  const owner = await users.create("OWNER");
  await signIn(page, owner.email, owner.password);
  await expireStepUp(owner.userId);
  await page.goto("/api/audit/export?format=json");
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Password").fill(owner.password);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  expect((await download).suggestedFilename()).toMatch(/^audit-trail-.*\.json$/);
});
