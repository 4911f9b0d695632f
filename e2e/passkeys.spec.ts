import type { Page } from "@playwright/test";
import { expect, expectAccessible, passwordStep, signOut, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

// Passkeys through Chromium's virtual authenticator (CDP WebAuthn domain): a platform
// authenticator with resident keys and user verification that always succeeds.
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

const passkeyList = (page: Page) => page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");

test("a member adds a passkey at enrolment, signs in with it alone, renames it and removes it", async ({ users, page }) => {
  test.setTimeout(90_000); // two password sign-ins, each with a deliberately slow hash
  const authenticator = await addVirtualAuthenticator(page);
  const member = await users.create("THERAPIST", { requireTwoFactor: true });

  // The practice requires a second factor: enrolment offers a passkey or an authenticator app.
  await passwordStep(page, member.email, member.password);
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Quickest: add a passkey" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Name for the new passkey").fill("E2E work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const [stored] = await authenticator.credentials();
  expect(stored).toMatchObject({ isResidentCredential: true, rpId: "localhost" });

  // With a passkey and no authenticator app, the member is not sent back to enrolment.
  await page.goto("/settings/security");
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(passkeyList(page)).toHaveCount(1);
  await expect(passkeyList(page).first()).toContainText("E2E work laptop");
  await expect(passkeyList(page).first()).toContainText("not used to sign in yet");
  await expectAccessible(page);

  // A passkey alone signs in: no email, password or code.
  await signOut(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/settings/security");
  await expect(passkeyList(page).first()).toContainText("last used");

  // After a password, the passkey is the second step.
  await signOut(page);
  await passwordStep(page, member.email, member.password);
  await expect(page).toHaveURL(/\/sign-in\/verify(\?|$)/);
  await expect(page.getByLabel("Code")).toHaveCount(0); // no authenticator app, so no code box
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Rename.
  await page.goto("/settings/security");
  await passkeyList(page).first().locator("summary", { hasText: "Rename" }).click();
  await page.getByLabel("New name for “E2E work laptop”").fill("E2E renamed key");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey renamed." })).toBeVisible();
  await expect(passkeyList(page).first()).toContainText("E2E renamed key");

  // Remove: it no longer signs in, and the practice's rule takes the member back to enrolment.
  await passkeyList(page).first().locator("summary", { hasText: "Remove" }).click();
  await page.getByRole("button", { name: "Remove “E2E renamed key”" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey removed." })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That passkey did not work with Confide" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a member confirms it is them, adds a passkey from the Security page and sees the change listed; other sites are refused", async ({ users, page }) => {
  await addVirtualAuthenticator(page);
  const member = await users.create("OWNER");
  await passwordStep(page, member.email, member.password);
  await page.waitForURL("**/dashboard");
  await page.goto("/settings/security");
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  const changes = page.getByRole("list", { name: "Recent changes to how you sign in" }).getByRole("listitem");
  await expect(changes).toHaveCount(0);

  // A passkey signs in alone, so once the sign-in is more than 5 minutes old, adding one needs a fresh confirmation.
  await expireStepUp(member.userId);
  await page.reload();
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  const refused = await page.request.post("/api/webauthn/register/options", { data: {} });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: "step_up_required" } });
  await page.getByRole("region", { name: "Passkeys" }).getByRole("link", { name: "confirm it is you" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL("**/settings/security*");
  const name = page.getByLabel("Name for the new passkey");
  await name.fill("");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the passkey a name" })).toBeVisible();
  await expect(name).toBeFocused();
  await name.fill("E2E desk passkey");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey “E2E desk passkey” added." })).toBeVisible();
  await expect(passkeyList(page)).toHaveCount(1);
  // The change is listed with when and from which device (the name stays out of it).
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).toContainText("Passkey added");
  await expect(changes.first()).toContainText(/Chrome on (Linux|macOS|Windows)/);
  await expect(changes.first()).not.toContainText("E2E desk passkey");
  await expectAccessible(page);

  for (const path of ["/api/webauthn/authenticate/options", "/api/webauthn/register/options", "/api/webauthn/register"]) {
    const res = await page.request.post(path, { headers: { Origin: "https://evil.example" }, data: {} });
    expect(res.status(), path).toBe(403);
  }
});
