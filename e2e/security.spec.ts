import { expect, expectAccessible, signIn, test } from "./support/fixtures";

test("a member ends a session on another device, then signs out everywhere", async ({ users, page, browser }) => {
  const member = await users.create("THERAPIST");
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await signIn(other, member.email, member.password);

  await signIn(page, member.email, member.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Your security" })).toHaveAttribute("aria-current", "page");
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
