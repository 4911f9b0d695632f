import { generate } from "otplib";
import { expect, expectAccessible, passwordStep as typePassword, signOut, test } from "./support/fixtures";
import { type TestMember } from "./support/users";

const passwordStep = (page: Parameters<typeof typePassword>[0], member: TestMember) => typePassword(page, member.email, member.password);

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

test("a member of a practice that requires 2FA enrols, then signs in with a code and with a recovery code", async ({ users, page }) => {
  test.setTimeout(90_000); // four sign-ins, each with a deliberately slow password hash
  const member = await users.create("THERAPIST", { requireTwoFactor: true });
  await passwordStep(page, member);

  // Taken straight to enrolment; nothing else is reachable until it is done.
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByText("Your practice requires a second factor")).toBeVisible();
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  expect((await page.request.get("/api/audit/export?format=json")).status()).toBe(401);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);

  const secret = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "did not match" })).toBeVisible();

  const enrolmentCode = await codeAt(secret);
  await page.getByLabel("Code from your app").fill(enrolmentCode);
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.allInnerTexts();
  await expectAccessible(page);
  // The codes can be copied, downloaded and printed, each holding every code.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy codes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const code of recovery) expect(copied).toContain(code.trim());
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download codes" }).click()]);
  expect(download.suggestedFilename()).toBe("confide-recovery-codes.txt");
  const { readFile } = await import("node:fs/promises");
  const saved = await readFile((await download.path())!, "utf8");
  for (const code of recovery) expect(saved).toContain(code.trim());
  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await page.getByRole("button", { name: "Print codes" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.getByRole("link", { name: "I have saved my codes" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // The Security page lists the change, newest first, with the device it was made from.
  await page.goto("/settings/security");
  const changes = page.getByRole("list", { name: "Recent changes to how you sign in" }).getByRole("listitem");
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText("New recovery codes made");
  await expect(changes.nth(1)).toContainText("Authenticator app set up");
  await expect(changes.nth(1)).toContainText(/Chrome on \w+/);

  // Next sign-in: the password alone is not enough, and the code already used is refused.
  await signOut(page);
  await passwordStep(page, member);
  await expect(page).toHaveURL(/\/sign-in\/verify(\?|$)/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\/verify(\?|$)/);
  await expectAccessible(page);
  await page.getByLabel("Code").fill(enrolmentCode);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code did not work" })).toBeVisible();
  await page.getByLabel("Code").fill(await codeAt(secret, 30));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // A recovery code works once.
  await signOut(page);
  await passwordStep(page, member);
  await page.getByLabel("Code").fill(recovery[0]!.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status").filter({ hasText: "You have 9 left" })).toBeVisible();

  await signOut(page);
  await passwordStep(page, member);
  await page.getByLabel("Code").fill(recovery[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code did not work" })).toBeVisible();
});
