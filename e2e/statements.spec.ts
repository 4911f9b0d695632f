import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createPrismaClient } from "../lib/db/prisma";
import { e2eEnvFile } from "./support/env";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

// A client's statement: the assigned therapist confirms it is them, generates October's
// statement, sees it addressed to the client with the right totals, and prints it without the
// app around it; a practice manager without contact reveal is refused.

export const STATEMENT_CLIENT = "Cordelia Thistlewood-Amsel";
const ADDRESS_LINE = "3 Quarry Bank";

async function createClient(page: Page): Promise<string> {
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill("Thursday 9am");
  await page.getByLabel("Full name (to record identity)").fill(STATEMENT_CLIENT);
  await page.getByLabel("Address").fill(`${ADDRESS_LINE}\nHebden Bridge\nHX7 8AD`);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  return (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
}

/** October's appointments, written straight to the database (booking has its own spec). */
async function seedOctober(code: string, userId: string) {
  const { appUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string };
  const prisma = createPrismaClient(appUrl, 1);
  try {
    const client = await prisma.client.findUniqueOrThrow({ where: { code: code.replaceAll("-", "") } });
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId, practiceId: client.practiceId } });
    const session = await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: client.practiceId, category: "SESSION" } });
    const at = (day: string, status: "ATTENDED" | "CANCELLED_LATE" | "DID_NOT_ATTEND", feePence: number, paymentState: "PAID" | "UNPAID" | "WAIVED") => ({
      practiceId: client.practiceId,
      clientId: client.id,
      clinicianId: membership.id,
      createdById: membership.id,
      startsAt: new Date(`2026-10-${day}T08:00:00Z`),
      endsAt: new Date(`2026-10-${day}T08:50:00Z`),
      type: "SESSION" as const,
      practiceTypeId: session.id,
      status,
      feePence,
      paymentState,
      paidAt: paymentState === "PAID" ? new Date(`2026-10-${day}T12:00:00Z`) : null,
    });
    await prisma.appointment.createMany({
      data: [at("01", "ATTENDED", 6000, "PAID"), at("08", "ATTENDED", 6000, "UNPAID"), at("15", "CANCELLED_LATE", 3000, "UNPAID"), at("22", "DID_NOT_ATTEND", 6000, "WAIVED")],
    });
  } finally {
    await prisma.$disconnect();
  }
}

const totals = (page: Page) => page.getByRole("region", { name: "Totals" });

test("a therapist confirms it is them, generates a statement addressed to the client with its totals, and prints it; a manager is refused", async ({ users, page, browser }) => {
  test.setTimeout(120_000);
  const therapist = await users.signedIn(page, "THERAPIST");
  const code = await createClient(page);
  await seedOctober(code, therapist.userId);

  // On the client's page: choose the period; generating first asks to confirm who you are.
  await expireStepUp(therapist.userId);
  await page.reload();
  const section = page.getByRole("region", { name: "Statement" });
  await section.getByLabel("From", { exact: true }).fill("2026-10-01");
  await section.getByLabel("To", { exact: true }).fill("2026-10-31");
  await expectAccessible(page);
  await section.getByRole("button", { name: "Generate statement" }).click();
  await page.waitForURL(/\/step-up/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Password").fill(therapist.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL(new RegExp(`/clients/${code}/statement\\?from=2026-10-01&to=2026-10-31$`));
  expect(page.url()).not.toContain("Cordelia");

  const statement = page.getByRole("article");
  await expect(statement.getByRole("heading", { name: "Statement", level: 1 })).toBeVisible();
  await expect(statement.getByText(STATEMENT_CLIENT)).toBeVisible();
  await expect(statement.getByText(ADDRESS_LINE)).toBeVisible();
  await expect(statement.getByText(therapist.displayName.replace("Tester", "E2E Practice"))).toBeVisible();
  await expect(statement.getByRole("row")).toHaveCount(5);
  await expect(statement.getByRole("row", { name: /Thu,? 1 Oct 2026/ })).toContainText("09:00–09:50");
  await expect(statement.getByRole("row", { name: /Thu,? 22 Oct 2026/ })).toContainText("Waived");
  await expect(totals(page)).toHaveText(/Charged£150\.00Paid£60\.00Waived£60\.00Outstanding£90\.00/);
  await expect(page).toHaveTitle(/^Statement/);
  await expectAccessible(page);

  // Made afresh on each request and never cached.
  const response = await page.reload();
  expect(response!.headers()["cache-control"]).toContain("no-store");

  // Printed: the statement alone, without the app's navigation or the controls.
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(statement.getByText(STATEMENT_CLIENT)).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // A month with nothing in it says so.
  await page.getByLabel("From", { exact: true }).fill("2027-01-01");
  await page.getByLabel("To", { exact: true }).fill("2027-01-31");
  await page.getByRole("button", { name: "Change period" }).click();
  await page.waitForURL(/from=2027-01-01/);
  await expect(page.getByText(/No appointments between 1 January 2027 and 31 January 2027/)).toBeVisible();
  await expect(totals(page)).toHaveText(/Charged£0\.00.*Outstanding£0\.00/);

  // A practice manager, where the owner has not allowed contact reveal, is refused.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await users.signedIn(managerPage, "MANAGER", { practiceId: therapist.practiceId });
  await managerPage.goto(`/clients/${code}`);
  await expect(managerPage.getByRole("region", { name: "Statement" })).toHaveCount(0);
  await managerPage.goto(`/clients/${code}/statement?from=2026-10-01&to=2026-10-31`);
  await expect(managerPage.getByRole("heading", { name: "You cannot generate this statement" })).toBeVisible();
  await expect(managerPage.getByText(STATEMENT_CLIENT)).toHaveCount(0);
  await expectAccessible(managerPage);
  await managerContext.close();
});
