import { readFile } from "node:fs/promises";
import { demo, expect, expectAccessible, signIn, test } from "./support/fixtures";

test("an owner finds a refused sign-in in plain words, opens it, verifies the chain and exports", async ({ page }) => {
  // A wrong password for the manager, so there is something to find.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demo.manager);
  await page.getByLabel("Password").fill("definitely-not-her-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();

  await signIn(page, demo.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Who").selectOption({ label: "Jo Patel" });
  await page.getByLabel("Outcome").selectOption({ label: "Failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  const events = page.getByRole("list", { name: "Audit events, newest first" }).getByRole("listitem");
  await expect(events.first()).toContainText("Jo Patel failed to sign in");
  await expect(events.filter({ hasNotText: "Jo Patel failed to sign in" })).toHaveCount(0);

  await events.first().getByRole("link").click();
  await expect(page.getByText("auth.signin.failed")).toBeVisible();
  await expect(page.getByText('"reason":"wrong_password"')).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to the trail" }).click();
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Audit trail intact: all [\d,]+ events check out/ })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.split("\n")[0]).toContain("seq,occurredAt,actorType,actorId,actorRole,action");
  expect(csv).toContain("auth.signin.succeeded");
});

test("a therapist sees only their own actions and cannot take a checkpoint", async ({ page }) => {
  await signIn(page, demo.therapist);
  await page.goto("/audit");
  await expect(page.getByText("Everything you have done in Confide")).toBeVisible();
  await expect(page.getByLabel("Who")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Verify the chain" })).toHaveCount(0);
  const events = page.getByRole("list", { name: "Audit events, newest first" }).getByRole("listitem");
  await expect(events.first()).toBeVisible();
  for (const text of await events.allInnerTexts()) expect(text).toContain("Sam Taylor");

  const checkpoint = await page.request.get("/api/audit/checkpoint");
  expect(checkpoint.status()).toBe(403);
  const exported = await page.request.get("/api/audit/export?format=json");
  const body = await exported.json();
  expect(body.events.length).toBeGreaterThan(0);
  expect(new Set(body.events.map((e: { actorRole: string }) => e.actorRole))).toEqual(new Set(["THERAPIST"]));
});

test("bad filters and bad export requests get clear answers and change nothing", async ({ page }) => {
  await signIn(page, demo.owner);
  const response = await page.goto("/audit?from=yesterday&outcome=MAYBE");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: "Some filters were not valid" })).toBeVisible();
  await expect(page.getByText("Use a date like 2026-05-03.")).toBeVisible();

  const bad = await page.request.get("/api/audit/export?format=xml");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toBe("Some of the information sent was not valid.");

  const anonymous = await page.context().browser()!.newContext();
  const signedOut = await anonymous.request.get(`${new URL(page.url()).origin}/api/audit/export?format=csv`);
  expect(signedOut.status()).toBe(401);
  await anonymous.close();

  expect((await page.goto("/audit/999999999"))?.status()).toBe(404);
  expect((await page.goto("/audit/not-a-number"))?.status()).toBe(404);
});
