import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/prisma";
import { expect, expectAccessible, test } from "./support/fixtures";
import { firstPortalSignIn } from "./support/clients";
import { e2eEnvFile } from "./support/env";
import { showOutbox } from "./support/outbox";

// Appointment reminders end to end: the owner turns them on, the client opts in in the portal,
// the clinician sees the opt-in on the client's page, the job runs as cron would run it, and the
// development outbox shows the reminder (and only one, however often the job runs).

const NAME = "Ptolemy Featherstonehaugh";
// The development outbox outlives a run of the suite: a fresh address finds this run's email.
const EMAIL = `ptolemy.f+${randomBytes(4).toString("hex")}@example.org`;

function runReminderJob() {
  const { serverEnv } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { serverEnv: Record<string, string> };
  const root = path.resolve(import.meta.dirname, "..");
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/reminders-send.ts"], {
    cwd: root,
    env: { ...process.env, ...serverEnv },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

test("a client opts in, the clinician sees it, and the job emails one reminder", async ({ users, page, browser }) => {
  test.setTimeout(120_000);
  const owner = await users.signedIn(page, "OWNER");

  // The owner turns reminders on for the practice.
  await page.goto("/schedule/reminders");
  await expect(page.getByText("Off: the practice sends no reminder emails.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Turn reminders on or off in Practice settings" }).click();
  await expect(page).toHaveURL(/\/settings\/practice#reminders-heading$/);
  await page.getByLabel("Send appointment reminder emails").check();
  await page.getByLabel("Hours before the appointment").fill("24");
  await page.getByRole("button", { name: "Save reminder settings" }).click();
  await expect(page.getByText("Saved. Clients who opted in get a reminder 24 hours before each appointment.")).toBeVisible();

  // A client with an email in the vault, and portal access.
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Full name (to record identity)").fill(NAME);
  await page.getByLabel("Email", { exact: true }).fill(EMAIL);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await expect(page.getByTestId("reminder-consent")).toHaveText(/Off: the client has not asked/);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();

  // The client opts in from the portal.
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await firstPortalSignIn(client, code, pin, "482916");
  await expect(client.getByText("Reminders are off.")).toBeVisible();
  await client.getByRole("button", { name: "Email me reminders" }).click();
  await expect(client.getByText("Reminders are on.", { exact: true })).toBeVisible();
  await expectAccessible(client);
  await clientContext.close();

  // The clinician sees it on the client's page.
  await page.reload();
  await expect(page.getByTestId("reminder-consent")).toHaveText(/On: the client turned them on in the portal/);
  await expectAccessible(page);

  // An appointment in three hours, booked straight into the database for a fixed time.
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  try {
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: owner.userId } });
    const c = await prisma.client.findUniqueOrThrow({ where: { code: code.replace(/-/g, "") } });
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 3_600_000) * 3_600_000);
    await prisma.appointment.create({
      data: { practiceId: owner.practiceId, clientId: c.id, clinicianId: membership.id, startsAt, endsAt: new Date(startsAt.getTime() + 50 * 60_000), type: "SESSION", practiceTypeId: (await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: owner.practiceId, category: "SESSION" } })).id, room: "Blue Room", createdById: membership.id },
    });
  } finally {
    await prisma.$disconnect();
  }

  // Cron runs the job, twice (other specs' practices may be due too, so the outbox is the judge).
  expect(runReminderJob()).toMatch(/^Reminders: \d+ practice\(s\) sending/);
  runReminderJob();

  await showOutbox(page);
  const subject = `Appointment reminder from E2E Practice`;
  const reminders = page.getByRole("article").filter({ hasText: EMAIL }).filter({ hasText: subject });
  await expect(reminders).toHaveCount(1);
  await expect(reminders).toContainText("At the practice, Blue Room.");
  await expect(reminders).toContainText("(Europe/London time)");
  await expect(reminders).toContainText("please contact the practice");
  await expect(reminders).not.toContainText(code);
  await expect(reminders).not.toContainText(NAME);
});
