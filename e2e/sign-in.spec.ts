import { demo, expect, expectAccessible, signIn, test } from "./support/fixtures";

test("the landing page says what Confide is and leads to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("keeps your clients private");
  await expectAccessible(page);
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page);
});

test("an owner signs in, sees the practice and its members, and signs out", async ({ page }) => {
  await signIn(page, demo.owner);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Today, /);
  await expect(page.getByText(/^Dr Alex Morgan, owner at /)).toBeVisible();
  await expect(page.getByText("Owner · Demo Counselling Practice")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole("cell", { name: "Practice manager" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password is refused with a clear message and no session", async ({ page, context }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demo.therapist);
  await page.getByLabel("Password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match an account" })).toBeVisible();
  expect((await context.cookies()).map((c) => c.name)).not.toContain("__Host-confide.session");
  await page.goto("/members");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an unknown email gets exactly the same answer as a wrong password", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("nobody@nowhere.confide.test");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "That email and password do not match an account. Check them and try again." }),
  ).toBeVisible();
});

test("the session cookie is HttpOnly, SameSite=Strict, Secure and __Host- prefixed", async ({ page, context }) => {
  await signIn(page, demo.manager);
  const cookie = (await context.cookies()).find((c) => c.name === "__Host-confide.session");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  expect(cookie?.domain).not.toMatch(/^\./);
});

test("after five wrong passwords, signing in pauses for that account even with the right one", async ({ users, page }) => {
  const member = await users.create("THERAPIST");
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(member.email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-guess-number-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled({ timeout: 15_000 });
    await expect(page.getByRole("alert").filter({ hasText: "do not match an account" })).toBeVisible();
  }
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});
