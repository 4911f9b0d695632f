import path from "node:path";
import type { Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { generateClientCode, parseClientCode } from "../lib/clients/code";
import { createPrismaClient } from "../lib/db/prisma";
import { demo, expect, expectAccessible, signIn, test } from "./support/fixtures";
import { e2eEnvFile } from "./support/env";
import type { TestMember } from "./support/users";

// Practice settings in one place (owners), the first-run checklist, the label check before
// saving, and the small things: sign-up errors on their fields, the landing page's words and
// example code, phone layouts and the owner's one-row navigation.

const EVIDENCE = process.env.CONFIDE_EVIDENCE_DIR;
async function evidence(page: Page, name: string) {
  if (!EVIDENCE) return;
  mkdirSync(EVIDENCE, { recursive: true });
  await page.screenshot({ path: path.join(EVIDENCE, `${name}.png`), fullPage: true });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("an owner finds practice settings from the nav, sets time zone, currency and locale, and fees follow them", async ({ users, page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await users.signedIn(page, "OWNER");
  await page.goto("/dashboard");
  const checklist = page.getByTestId("setup-checklist");
  await expect(checklist).toBeVisible();
  await expect(checklist).toContainText("0 of 5 done");
  await expect(checklist.getByRole("link", { name: "Confirm the time zone and currency" })).toBeVisible();
  await expectAccessible(page);
  await evidence(page, "checklist-1366");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Practice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice settings" })).toBeVisible();
  for (const section of ["Practice", "Security for everyone", "Retention", "Reminders", "More settings"]) {
    await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
  }
  await expectAccessible(page);
  await evidence(page, "practice-settings-1366");

  // A time zone Intl does not know is refused by the server, and nothing changes.
  await page.getByLabel("Time zone").evaluate((el) => {
    const option = document.createElement("option");
    option.value = "Mars/Olympus_Mons";
    option.textContent = "Mars";
    el.appendChild(option);
    (el as HTMLSelectElement).value = "Mars/Olympus_Mons";
  });
  await page.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose a time zone from the list." })).toBeVisible();

  await page.getByLabel("Practice name").fill("Lakeside Praxis E2E");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByLabel("Money and date format").selectOption("de-DE");
  await page.getByRole("button", { name: "Confirm and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Times, money and dates now follow these settings" })).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await expect(page.getByRole("button", { name: "Save practice details" })).toBeVisible();

  // Fees are typed and shown in euros, the German way.
  await page.goto("/schedule/types");
  const add = page.getByRole("region", { name: "Add a type" });
  await add.getByLabel("Name").fill("Paartherapie E2E");
  await add.getByLabel("Usual fee (€)").fill("62,50 €");
  await add.getByRole("button", { name: "Add type" }).click();
  await expect(page.locator('[data-type="Paartherapie E2E"]')).toContainText("62,50 €");

  // The checklist now shows the first two steps done.
  await page.goto("/dashboard");
  await expect(checklist).toContainText("2 of 5 done");
  await checklist.getByRole("button", { name: "Hide this checklist" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Checklist hidden" })).toBeVisible();
  await expect(checklist).toHaveCount(0);
});

test("an owner sets the practice's screen-lock time within 5 to 60 minutes", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/settings/practice");
  const minutes = page.getByLabel("Lock after (minutes)");
  await expect(minutes).toHaveValue("15");

  await minutes.fill("90");
  await minutes.evaluate((el) => el.removeAttribute("max")); // the server must refuse it too
  await page.getByRole("button", { name: "Save lock time" }).click();
  await expect(page.getByRole("status").filter({ hasText: "at most 60 and at least 5 minutes" })).toBeVisible();
  await expect(minutes).toHaveValue("15");

  await minutes.fill("30");
  await page.getByRole("button", { name: "Save lock time" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(minutes).toHaveValue("30");
});

test("therapists and managers do not get the practice-wide settings", async ({ users, page }) => {
  await users.signedIn(page, "THERAPIST");
  await page.goto("/settings/security");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Practice" })).toHaveCount(0);
  await expect(page.getByLabel("Lock after (minutes)")).toHaveCount(0);
  await page.goto("/settings/practice");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("setup-checklist")).toHaveCount(0);
});

test("an owner can relax the practice's 2FA rule only with a reason, and restore it", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/settings/practice");
  const rule = page.getByRole("checkbox", { name: /Require a second factor for every member/ });
  await expect(rule).not.toBeChecked(); // the fixture's practice starts relaxed, with a reason
  await page.getByLabel("If you turn this off, say why").fill("");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Say why the practice can do without" })).toBeVisible();

  await rule.check();
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every member now needs a second factor" })).toBeVisible();
  // The owner has no second factor yet, so the rule now takes them to enrolment.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
});

test("a working label that looks like the client's name is checked before it is saved, with an explicit choice", async ({ users, page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await users.signedIn(page, "THERAPIST");
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill("Brackenbury Tuesday");
  await page.getByLabel("Full name (to record identity)").fill("Ottoline Brackenbury");
  await page.getByRole("button", { name: "Create client" }).click();

  // Nothing is saved: the warning sits under the label, with what was typed kept.
  const check = page.getByTestId("label-check");
  await expect(check).toContainText("Not saved yet");
  await expect(check).toContainText("shares a word with a client's name");
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(page.getByLabel("Working label (optional)")).toHaveValue("Brackenbury Tuesday");
  await expect(page.getByLabel("Full name (to record identity)")).toHaveValue("Ottoline Brackenbury");
  await expectAccessible(page);
  await evidence(page, "label-check-1366");

  await check.getByLabel(/Keep this label anyway/).check();
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  await expect(page.getByRole("status").filter({ hasText: "You chose to keep a label that looks like a name" })).toBeVisible();

  // On the client's page: a name-like label is held back; a plain one saves at once.
  const labelForm = page.getByRole("region", { name: "Working label" });
  await labelForm.getByLabel("Label").fill("Ottoline follow-up");
  await labelForm.getByRole("button", { name: "Save" }).click();
  await expect(labelForm.getByTestId("label-check")).toContainText("Not saved yet");
  await page.reload();
  await expect(labelForm.getByLabel("Label")).toHaveValue("Brackenbury Tuesday");
  await labelForm.getByLabel("Label").fill("Wednesday 3pm");
  await labelForm.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Label saved." })).toBeVisible();
  await expect(labelForm.getByLabel("Label")).toHaveValue("Wednesday 3pm");
  await expect(labelForm.getByTestId("label-check")).toHaveCount(0);
});

test("sign-up errors sit on their fields", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Practice name").fill("Field Error Practice");
  await page.getByLabel("Your name").fill("Fenella Test");
  await page.getByLabel("Email address").fill(`field-errors-${Date.now()}@e2e.confide.test`);
  await page.getByLabel("Choose a password").fill("a long enough password 1");
  await page.getByLabel("Type the password again").fill("a different password 22");
  await page.getByRole("button", { name: "Create my practice" }).click();
  const confirm = page.getByLabel("Type the password again");
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await confirm.getAttribute("aria-describedby"))!;
  await expect(page.locator(`[id="${describedBy.split(" ").at(-1)}"]`)).toHaveText("The two passwords are not the same.");
  await expect(page.getByLabel("Practice name")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByLabel("Practice name")).toHaveValue("Field Error Practice");
  await expectAccessible(page);
});

test("the landing page speaks plainly and shows a real client code", async ({ page }) => {
  await page.goto("/");
  const text = await page.locator("main, body").first().innerText();
  for (const jargon of ["argon2id", "hash-chained", "pseudonymised", "append-only"]) expect(text).not.toContain(jargon);
  const codes = text.match(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g) ?? [];
  expect(codes.length).toBeGreaterThan(0);
  for (const code of codes) expect(parseClientCode(code), `${code} is a valid client code`).not.toBeNull();
});

/** Two clients seen this month (one paid, one not) and an open request, straight into the database. */
async function practiceWithActivity(owner: TestMember, colleague: TestMember) {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  try {
    const type = await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, category: "SESSION" } });
    const members = await prisma.membership.findMany({ where: { practiceId: owner.practiceId }, orderBy: { createdAt: "asc" } });
    const startOfMonth = new Date();
    startOfMonth.setUTCDate(1);
    startOfMonth.setUTCHours(10, 0, 0, 0);
    for (const [i, membership] of members.entries()) {
      const client = await prisma.client.create({ data: { practiceId: owner.practiceId, code: generateClientCode(), label: i ? "Thursday 2pm" : "Tuesday 10am" } });
      const startsAt = new Date(startOfMonth.getTime() + i * 86_400_000);
      await prisma.appointment.create({
        data: { practiceId: owner.practiceId, clientId: client.id, clinicianId: membership.id, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), type: "SESSION", practiceTypeId: type.id, status: "ATTENDED", feePence: 7500, paymentState: i ? "UNPAID" : "PAID", paidAt: i ? null : new Date(), createdById: membership.id },
      });
      if (!i) await prisma.dataRequest.create({ data: { practiceId: owner.practiceId, clientId: client.id, clientCode: client.code, kind: "ACCESS", clockStartedAt: new Date(), dueOn: new Date(Date.now() + 20 * 86_400_000) } });
    }
    expect(colleague.practiceId).toBe(owner.practiceId);
  } finally {
    await prisma.$disconnect();
  }
}

test("members, billing and requests read well on a phone, and members show their second factor", async ({ users, page }) => {
  const owner = await users.signedIn(page, "OWNER");
  const colleague = await users.create("THERAPIST", { practiceId: owner.practiceId });
  await practiceWithActivity(owner, colleague);
  for (const [width, height] of [[1366, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, url] of [["members", "/members"], ["billing", "/schedule/billing"], ["requests", "/requests"], ["practice-settings", "/settings/practice"], ["dashboard", "/dashboard"]] as const) {
      await page.goto(url);
      expect(await overflow(page), `${url} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
      await evidence(page, `${name}-${width}`);
    }
  }
  // On a phone each member, clinician and request is a card: headers give way to labels on each value.
  await page.goto("/members");
  const factors = page.getByTestId("second-factor");
  await expect(factors).toHaveCount(2);
  for (const f of await factors.allInnerTexts()) expect(f).toMatch(/^(On: (authenticator app|passkey|app and passkey)|Not set up)$/);
  await expect(page.getByRole("columnheader", { name: "Second factor" })).toBeHidden();
  expect(await factors.first().evaluate((el) => getComputedStyle(el, "::before").content)).toBe('"Second factor"');
  await expectAccessible(page);
  await page.goto("/schedule/billing");
  const outstanding = page.locator('td[data-label="Outstanding"]');
  await expect(outstanding).toHaveCount(3); // two clinicians and the practice
  await expect(outstanding.last()).toHaveText("£75.00");
  await expect(page.getByRole("columnheader", { name: "Outstanding" })).toBeHidden();
  await expectAccessible(page);
  await page.goto("/requests");
  await expect(page.locator('td[data-label="Due"]')).toHaveCount(1);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1366, height: 800 });
  await expect(page.getByRole("columnheader", { name: "Due" })).toBeVisible();
});

test("the owner's navigation fits one row on a laptop", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, demo.owner);
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  expect(await links.count()).toBeGreaterThanOrEqual(8);
  const tops = new Set((await links.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))));
  expect([...tops]).toHaveLength(1);
  // The brand, the menu and the account block share one header row too.
  const header = await page.locator("header").first().boundingBox();
  expect(header!.height).toBeLessThan(90);
});
