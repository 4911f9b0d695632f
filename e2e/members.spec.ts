import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";
import { showOutbox } from "./support/outbox";

async function openInvitationEmail(browser: Browser, baseURL: string, to: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await showOutbox(page);
  const email = page.getByRole("article").filter({ hasText: `To ${to}` }).first();
  await expect(email).toBeVisible();
  const link = await email.getByRole("link").getAttribute("href");
  return { page, context, link: link! };
}

test("an owner invites a therapist, who joins; then changes their role and removes them", async ({ users, page, browser, baseURL }) => {
  test.setTimeout(90_000);
  await users.signedIn(page, "OWNER");
  const tag = randomBytes(3).toString("hex");
  const invitee = `invitee-${tag}@e2e.confide.test`;

  await page.goto("/members");
  await page.getByLabel("Their email address").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Therapist" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Invitations not yet accepted" })).toContainText(invitee);
  await expectAccessible(page);

  const { page: newcomer, context, link } = await openInvitationEmail(browser, baseURL!, invitee);
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: /^Join E2E Practice/ })).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel("Your name").fill(`New Colleague ${tag}`);
  await newcomer.getByLabel("Choose a password").fill("password123456");
  await newcomer.getByLabel("Type the password again").fill("password123456");
  await newcomer.getByRole("button", { name: "Accept and join" }).click();
  await expect(newcomer.getByRole("alert").filter({ hasText: "too common" })).toBeVisible();
  const password = `joining-password-${tag}-x`;
  await newcomer.getByLabel("Choose a password").fill(password);
  await newcomer.getByLabel("Type the password again").fill(password);
  await newcomer.getByRole("button", { name: "Accept and join" }).click();
  await expect(newcomer).toHaveURL(/\/dashboard$/);
  await expect(newcomer.getByText(/^Therapist · E2E Practice/)).toBeVisible();

  // The link worked once.
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();

  // A role change ends the member's sessions.
  await page.goto("/members");
  await page.getByRole("combobox", { name: `Role of New Colleague ${tag}` }).selectOption({ label: "Practice manager" });
  await page.getByRole("button", { name: `Change role of New Colleague ${tag}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role changed" })).toBeVisible();
  await newcomer.goto("/dashboard");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await signIn(newcomer, invitee, password);
  await expect(newcomer.getByText(/^Practice manager · E2E Practice/)).toBeVisible();

  // Removal: signed out at once, and cannot sign back in to this practice.
  await page.getByRole("button", { name: `Remove New Colleague ${tag}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Member removed" })).toBeVisible();
  await newcomer.goto("/dashboard");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await newcomer.getByLabel("Email address").fill(invitee);
  await newcomer.getByLabel("Password").fill(password);
  await newcomer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(newcomer.getByRole("alert").filter({ hasText: "do not match an account" })).toBeVisible();
  await context.close();
});

test("an owner gets no Remove on themselves, and the last owner cannot demote themselves", async ({ users, page }) => {
  const owner = await users.signedIn(page, "OWNER");
  await page.goto("/members");
  const own = page.locator(`[data-member="${owner.email}"]`);
  await expect(own).toContainText("(you)");
  await expect(own.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove ${owner.displayName}` })).toHaveCount(0);
  await page.getByRole("combobox", { name: `Role of ${owner.displayName}` }).selectOption({ label: "Therapist" });
  await page.getByRole("button", { name: `Change role of ${owner.displayName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "always needs at least one owner" })).toBeVisible();
  await expect(page.getByText(/^Owner · E2E Practice/)).toBeVisible();
});

test("therapists get no controls to manage members", async ({ users, page }) => {
  await users.signedIn(page, "THERAPIST");
  await page.goto("/members");
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
});
