import type { Page } from "@playwright/test";
import { expect, expectAccessible, passwordStep, signOut, test } from "./support/fixtures";
import { createMember } from "./support/users";

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

test("a member adds a passkey at enrolment, signs in with it alone, renames it and removes it", async ({ page }) => {
  test.setTimeout(90_000); // two password sign-ins, each with a deliberately slow hash
  const authenticator = await addVirtualAuthenticator(page);
  const member = await createMember("THERAPIST", { requireTwoFactor: true });

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

test("a member adds a passkey from the Security page, and passkey requests from other sites are refused", async ({ page }) => {
  await addVirtualAuthenticator(page);
  const member = await createMember("OWNER");
  await passwordStep(page, member.email, member.password);
  await page.waitForURL("**/dashboard");
  await page.goto("/settings/security");
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  const name = page.getByLabel("Name for the new passkey");
  await name.fill("");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the passkey a name" })).toBeVisible();
  await expect(name).toBeFocused();
  await name.fill("E2E desk passkey");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey “E2E desk passkey” added." })).toBeVisible();
  await expect(passkeyList(page)).toHaveCount(1);

  for (const path of ["/api/webauthn/authenticate/options", "/api/webauthn/register/options", "/api/webauthn/register"]) {
    const res = await page.request.post(path, { headers: { Origin: "https://evil.example" }, data: {} });
    expect(res.status(), path).toBe(403);
  }
});
