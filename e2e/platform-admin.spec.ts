import { generate } from "otplib";
import { expect, expectAccessible, passwordStep, signIn, test } from "./support/fixtures";
import { createMember, createOperator, expireStepUp } from "./support/users";

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

test("an operator lists practices, suspends one with a reason after step-up (its member is refused), and reactivates it", async ({ page, browser }) => {
  test.setTimeout(120_000); // several sign-ins, each with a deliberately slow password hash
  const member = await createMember("OWNER");
  const operator = await createOperator();
  const practiceName = `E2E Practice ${member.email.slice("member-".length, "member-".length + 8)}`;

  // The member is signed in elsewhere, and sees no Platform link nor the platform screens.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member.email, member.password);
  await expect(memberPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Platform" })).toHaveCount(0);
  expect((await memberPage.goto("/platform"))?.status()).toBe(404);

  // The operator has no practice: password, then authenticator code, then the platform.
  await passwordStep(page, operator.email, operator.password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await page.getByLabel("Code").fill(await codeAt(operator.totpSecret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByRole("heading", { name: "Platform", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Platform" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Clients" })).toHaveCount(0);
  await expect(page.getByText("Platform operator", { exact: true })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "active memberships" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: practiceName }) });
  await expect(row).toContainText("Active");
  await expect(page.getByText(member.email)).toHaveCount(0);
  await expect(page.getByText(member.displayName)).toHaveCount(0);
  await expectAccessible(page);
  // Practice screens are not theirs.
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/platform$/);

  // Suspending needs a fresh confirmation.
  await expireStepUp(operator.userId);
  await page.getByRole("link", { name: practiceName }).click();
  await expect(page.getByRole("heading", { name: practiceName })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Suspend/ })).toHaveCount(0);
  await page.getByRole("link", { name: "confirm it is you" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByLabel("Password").fill(operator.password);
  await page.getByLabel("Code").fill(await codeAt(operator.totpSecret, 30));
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(page.getByRole("heading", { name: "Suspend this practice" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Reason").selectOption("SECURITY");
  await page.getByLabel("Note for other operators (optional)").fill("Owner reported a stolen laptop.");
  await page.getByRole("button", { name: `Suspend ${practiceName}` }).click();
  await expect(page.getByText("Practice suspended. 1 session was ended")).toBeVisible();
  await expect(page.getByText("Security concern")).toBeVisible();
  await expect(page.getByText("Owner reported a stolen laptop.")).toBeVisible();

  // The member's live session ended at once, and signing in is refused generically.
  await memberPage.goto("/dashboard");
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await passwordStep(memberPage, member.email, member.password);
  await expect(memberPage.getByRole("alert").filter({ hasText: "This account cannot sign in at the moment" })).toBeVisible();

  // Reactivated: the member is back.
  await page.getByRole("button", { name: `Reactivate ${practiceName}` }).click();
  await expect(page.getByText("Practice reactivated.")).toBeVisible();
  await page.getByRole("link", { name: "All practices" }).click();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: practiceName }) })).toContainText("Active");
  await signIn(memberPage, member.email, member.password);
  await memberContext.close();
});
