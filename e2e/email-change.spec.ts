import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, passwordStep, signIn, test } from "./support/fixtures";
import { showOutbox } from "./support/outbox";
import { expireStepUp } from "./support/users";

async function linkFromOutbox(page: Page, to: string, subject: string) {
  await showOutbox(page);
  const email = page.getByRole("article").filter({ hasText: `To ${to}` }).filter({ hasText: subject }).first();
  await expect(email).toBeVisible();
  return (await email.getByRole("link").first().getAttribute("href"))!;
}

test("a member changes their email after step-up, confirming from the new inbox; other sessions end", async ({ users, page, browser }) => {
  test.setTimeout(90_000);
  const member = await users.create("THERAPIST");
  const newEmail = `renamed-${randomBytes(3).toString("hex")}@e2e.confide.test`;

  // Another device is signed in too; it will be signed out by the change.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, member.email, member.password);

  await signIn(page, member.email, member.password);
  await expireStepUp(member.userId);
  await page.goto("/settings/security");
  const section = page.getByRole("region", { name: "Email address" });
  await expect(section).toContainText(`You sign in with ${member.email}`);
  await expect(section.getByLabel("New email address")).toHaveCount(0);
  await section.getByRole("link", { name: "confirm it is you" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL("**/settings/security*");

  await section.getByLabel("New email address").fill(newEmail);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(section.getByRole("status")).toContainText("Check your new inbox");
  await expectAccessible(page);

  // The old address is told, without a link; the new one gets the link.
  await showOutbox(page);
  const notice = page.getByRole("article").filter({ hasText: `To ${member.email}` }).filter({ hasText: "A change of your Confide email address was requested" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("link", { name: /email-change/ })).toHaveCount(0);
  const link = await linkFromOutbox(page, newEmail, "Confirm your new Confide email address");

  // Opening the link changes nothing; the button does.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your new email address" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use this email address" }).click();
  await page.waitForURL("**/settings/security");
  await expect(page.getByText("Your email address is changed.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Email address" })).toContainText(`You sign in with ${newEmail}`);

  // The link is spent; the other device was signed out; the old address no longer signs in.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/sign-in/);
  await passwordStep(other, member.email, member.password);
  await expect(other.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await signIn(other, newEmail, member.password);
  await otherContext.close();
});

test("asking for an address that already has an account answers the same, and changes nothing", async ({ users, page }) => {
  const member = await users.create("THERAPIST");
  const someoneElse = await users.create("THERAPIST");
  await signIn(page, member.email, member.password);
  await page.goto("/settings/security");
  const section = page.getByRole("region", { name: "Email address" });
  await section.getByLabel("New email address").fill(someoneElse.email);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(section.getByRole("status")).toContainText("Check your new inbox");
  await showOutbox(page);
  const toTaken = page.getByRole("article").filter({ hasText: `To ${someoneElse.email}` }).filter({ hasText: "Your Confide address was not changed" });
  await expect(toTaken).toBeVisible();
  await page.goto("/settings/security");
  await expect(page.getByRole("region", { name: "Email address" })).toContainText(`You sign in with ${member.email}`);
});
