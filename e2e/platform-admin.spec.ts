import { generate } from "otplib";
import { expect, expectAccessible, passwordStep, signIn, test } from "./support/fixtures";
import { firstPortalSignIn, newClient } from "./support/clients";
import { createOperator, expireStepUp } from "./support/users";

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

test("an operator lists practices, suspends one with a reason after step-up (its member and its client are refused), and reactivates it", async ({ users, page, browser }) => {
  test.setTimeout(180_000); // several sign-ins, each with a deliberately slow password hash
  const member = await users.create("OWNER");
  const operator = await createOperator();
  const practiceName = `E2E Practice ${member.email.slice("member-".length, "member-".length + 8)}`;

  // The member is signed in elsewhere, and sees no Platform link nor the platform screens.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member.email, member.password);
  await expect(memberPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Platform" })).toHaveCount(0);
  expect((await memberPage.goto("/platform"))?.status()).toBe(404);

  // A client of the practice is signed in to the portal on their own device.
  const code = await newClient(memberPage, "Suspension client");
  await memberPage.waitForLoadState("networkidle");
  await memberPage.getByRole("button", { name: "Issue portal access" }).click();
  const oneTimePin = (await memberPage.getByTestId("one-time-pin").textContent())!.trim();
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  const portalSignIn = async (pin: string) => {
    await client.goto("/portal");
    await client.getByLabel("Your code").fill(code);
    await client.getByLabel("PIN").fill(pin);
    await client.getByRole("button", { name: "Sign in" }).click();
  };
  await firstPortalSignIn(client, code, oneTimePin, "305817");

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

  // The client's open portal session does nothing now, and the portal says why (never the reason).
  const paused = `${practiceName}'s account is paused at the moment, so you cannot use it here for now. Please contact the practice directly.`;
  await client.goto("/portal/home");
  await expect(client).toHaveURL(/\/portal\?ended=1$/);
  await expect(client.getByRole("status").filter({ hasText: paused })).toBeVisible();
  await expect(client.getByText("after 10 minutes without activity")).toHaveCount(0);
  await expect(client.getByText(/security|suspend/i)).toHaveCount(0);
  await expectAccessible(client);
  await client.screenshot({ path: test.info().outputPath("portal-paused.png"), fullPage: true });
  // Signing in again: a wrong PIN gets the usual answer, the right one the same pause.
  await portalSignIn("00000000");
  await expect(client.getByText("That code and PIN do not match")).toBeVisible();
  await portalSignIn("305817");
  await expect(client.getByRole("alert").filter({ hasText: paused })).toBeVisible();
  // Nor does the practice's public request page take anything.
  await client.goto(`/request/${member.practiceId}`);
  await expect(client.getByRole("status").filter({ hasText: paused })).toBeVisible();
  await expect(client.getByRole("button", { name: "Send request" })).toHaveCount(0);
  await client.screenshot({ path: test.info().outputPath("request-paused.png"), fullPage: true });

  // Reactivated: the member is back.
  await page.getByRole("button", { name: `Reactivate ${practiceName}` }).click();
  await expect(page.getByText("Practice reactivated.")).toBeVisible();
  await page.getByRole("link", { name: "All practices" }).click();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: practiceName }) })).toContainText("Active");
  await signIn(memberPage, member.email, member.password);
  await memberContext.close();
  // The client's session was refused, not ended: it works again (until it idles out).
  await client.goto("/portal/home");
  await expect(client.getByRole("heading", { name: "Your portal", level: 1 })).toBeVisible();
  await client.goto(`/request/${member.practiceId}`);
  await expect(client.getByRole("button", { name: "Send request" })).toBeVisible();
  await clientContext.close();
});
