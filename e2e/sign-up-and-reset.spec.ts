import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { demo, expect, expectAccessible, signIn, test } from "./support/fixtures";
import { showOutbox } from "./support/outbox";

async function linkFromOutbox(page: Page, to: string, subject: string) {
  await showOutbox(page);
  const email = page.getByRole("article").filter({ hasText: `To ${to}` }).filter({ hasText: subject }).first();
  await expect(email).toBeVisible();
  return (await email.getByRole("link").first().getAttribute("href"))!;
}

test("someone creates a practice, confirms by email, and is taken to set up 2FA as its owner", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  const email = `founder-${tag}@e2e.confide.test`;
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Create a practice" }).click();
  await expectAccessible(page);
  await page.getByLabel("Practice name").fill(`Riverside Therapy ${tag}`);
  await page.getByLabel("Your name").fill(`New Colleague ${tag}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Choose a password").fill("qwerty123456");
  await page.getByLabel("Type the password again").fill("qwerty123456");
  await page.getByRole("button", { name: "Create my practice" }).click();
  // The error sits on its field: shown under it and named by the field's description.
  await expect(page.getByLabel("Choose a password")).toHaveAccessibleDescription(/too common/);
  await expect(page.getByLabel("Practice name")).toHaveValue(`Riverside Therapy ${tag}`);

  const password = `joining-password-${tag}-founder`;
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Type the password again").fill(password);
  await page.getByRole("button", { name: "Create my practice" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible();

  await page.goto(await linkFromOutbox(page, email, "Confirm your new Confide practice"));
  await page.getByRole("button", { name: "Confirm and create my practice" }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByText("Your practice requires a second factor")).toBeVisible();
  await expect(page.getByText(`Owner · Riverside Therapy ${tag}`)).toBeVisible();
});

test("signing up with an address that has an account answers the same, and emails a hint instead", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Practice name").fill("Another Practice");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Email address").fill(demo.manager);
  await page.getByLabel("Choose a password").fill("joining-password-duplicate");
  await page.getByLabel("Type the password again").fill("joining-password-duplicate");
  await page.getByRole("button", { name: "Create my practice" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible();
  await linkFromOutbox(page, demo.manager, "You already have a Confide account");
});

test("a forgotten password is reset by email; old sessions end and the old password stops working", async ({ users, page, browser }) => {
  const member = await users.create("THERAPIST");
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, member.email, member.password);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.waitForURL(/\/reset-password$/);
  await page.waitForLoadState("networkidle"); // the form's script is ready
  await page.getByLabel("Email address").fill(member.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a link to choose a new password is on its way" })).toBeVisible();

  const link = await linkFromOutbox(page, member.email, "Reset your Confide password");
  await page.goto(link);
  await expectAccessible(page);
  const fresh = `e2e-password-${randomBytes(3).toString("hex")}-renewed`;
  await page.getByLabel("New password").fill(fresh);
  await page.getByLabel("Type it again").fill(fresh);
  await page.getByRole("button", { name: "Save my new password" }).click();
  await expect(page.getByText("Your new password is saved")).toBeVisible();

  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  await page.getByLabel("Email address").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await signIn(page, member.email, fresh);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
});

test("a reset for an unknown address answers exactly as for a known one", async ({ page }) => {
  await page.goto("/reset-password");
  await page.getByLabel("Email address").fill("nobody@nowhere.confide.test");
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If nobody@nowhere.confide.test has a Confide account" })).toBeVisible();
});
