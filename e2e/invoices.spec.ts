import { readFileSync } from "node:fs";
import { createPrismaClient } from "../lib/db/prisma";
import { firstPortalSignIn } from "./support/clients";
import { e2eEnvFile } from "./support/env";
import { expect, expectAccessible, test } from "./support/fixtures";
import { expireStepUp } from "./support/users";

// Invoices end to end: the owner sets up invoicing, issues October's invoices in one run, opens
// one (a recorded reveal after step-up), records a partial then a full payment and opens the
// receipt; the client then finds the invoice and receipt in the portal, on a phone.

const NAME = "Ignatius Vandersloot-Amari";
const STREET = "27 Wharf Street";
const EVIDENCE = "/work/evidence/invoices";

const prismaFor = () => createPrismaClient((JSON.parse(readFileSync(e2eEnvFile, "utf8")) as { appUrl: string }).appUrl, 1);

async function seedOctober(code: string, userId: string) {
  const prisma = prismaFor();
  try {
    const client = await prisma.client.findUniqueOrThrow({ where: { code: code.replaceAll("-", "") } });
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId, practiceId: client.practiceId } });
    const type = await prisma.practiceAppointmentType.findFirstOrThrow({ where: { practiceId: client.practiceId, category: "SESSION" } });
    const at = (day: string, status: "ATTENDED" | "CANCELLED_LATE" | "CANCELLED_BY_CLIENT", feePence: number) => ({
      practiceId: client.practiceId, clientId: client.id, clinicianId: membership.id, createdById: membership.id,
      startsAt: new Date(`2026-10-${day}T09:00:00Z`), endsAt: new Date(`2026-10-${day}T09:50:00Z`), type: "SESSION" as const, practiceTypeId: type.id, status, feePence,
    });
    await prisma.appointment.createMany({ data: [at("06", "ATTENDED", 6000), at("13", "ATTENDED", 6000), at("20", "CANCELLED_LATE", 6000), at("27", "CANCELLED_BY_CLIENT", 6000)] });
  } finally {
    await prisma.$disconnect();
  }
}

test("the owner issues a month's invoices, opens one, records part and full payment and a receipt; the client reads it in the portal", async ({ users, page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  const owner = await users.signedIn(page, "OWNER");
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill("Tuesdays");
  await page.getByLabel("Full name (to record identity)").fill(NAME);
  await page.getByLabel("Address").fill(`${STREET}\nSkipton\nBD23 1AA`);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();
  await seedOctober(code, owner.userId);

  // Settings: the practice's address, VAT wording, how to pay, and the owner's registration.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices" }).click();
  await page.locator("#main").getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("The practice's address on invoices").fill("4 Canal Basin\nSkipton BD23 2AB");
  await page.getByLabel("Print the VAT exemption for health services on invoices").check();
  await page.getByLabel("Payment instructions").fill("Bank transfer to sort code 20-00-00, account 55779911");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Invoicing settings saved");
  await page.getByLabel("Body (e.g. BACP, UKCP, HCPC)").fill("UKCP");
  await page.getByLabel("Number").fill("2019-0042");
  await page.getByRole("button", { name: /Save registration of/ }).click();
  await expect(page.getByRole("status")).toContainText("Registration saved");
  await expectAccessible(page);

  // One run for October: one invoice per client; the list shows the code, never the name.
  await page.goto("/invoices");
  await page.getByLabel("Month of the appointments").fill("2026-10");
  await page.getByRole("button", { name: "Issue invoices" }).click();
  await expect(page.getByRole("status")).toContainText("Issued 1 invoice (INV-000001)");
  const row = page.getByRole("row", { name: /INV-000001/ });
  await expect(row).toContainText(code);
  await expect(row).toContainText("£180.00");
  await expect(row).toContainText("Unpaid");
  await expect(page.getByText(NAME)).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: `${EVIDENCE}/invoice-list-1366.png`, fullPage: true });

  // Opening it is a reveal: confirm who you are first.
  await expireStepUp(owner.userId);
  await row.getByRole("link", { name: "INV-000001" }).click();
  await page.waitForURL(/\/step-up/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
  const invoiceUrl = page.url();
  expect(invoiceUrl).not.toContain("Ignatius");
  const doc = page.getByRole("article");
  await expect(doc.getByRole("heading", { name: "Invoice", level: 1 })).toBeVisible();
  await expect(doc.getByText(NAME)).toBeVisible();
  await expect(doc.getByText(STREET)).toBeVisible();
  await expect(doc.getByText("Registered: UKCP 2019-0042").first()).toBeVisible();
  await expect(doc.getByText(/Exempt from VAT/)).toBeVisible();
  await expect(doc.getByText(/sort code 20-00-00/)).toBeVisible();
  await expect(doc.getByRole("row")).toHaveCount(4);
  await expect(doc.getByRole("row", { name: /Session, 20 October 2026/ })).toContainText("£60.00");
  const response = await page.reload();
  expect(response!.headers()["cache-control"]).toContain("no-store");
  await expectAccessible(page);
  await page.screenshot({ path: `${EVIDENCE}/invoice-document-1366.png`, fullPage: true });

  // A partial payment, then the rest: the status follows, and each payment has a receipt.
  await page.getByLabel("Amount (GBP)").fill("50");
  await page.getByLabel("How").selectOption("BANK_TRANSFER");
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Receipt RCT-000001 is ready");
  await expect(doc.getByText("Status: Part paid")).toBeVisible();
  await expect(page.getByRole("region", { name: "Totals" })).toContainText("Amount due£130.00");
  await page.getByLabel("Amount (GBP)").fill("130.00");
  await page.getByLabel("How").selectOption("CARD");
  await page.getByRole("button", { name: "Record", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Receipt RCT-000002 is ready");
  await expect(doc.getByText("Status: Paid")).toBeVisible();
  await page.getByRole("link", { name: "Receipt RCT-000002" }).click();
  await expect(page.getByRole("heading", { name: "Receipt", level: 1 })).toBeVisible();
  await expect(page.getByText("Received with thanks: £130.00 by card.")).toBeVisible();
  await expect(page.getByText(/Provided by: .*\(UKCP 2019-0042\)/)).toBeVisible();
  await expectAccessible(page);

  // The trail has each opening as a billing reveal, by code only.
  const prisma = prismaFor();
  try {
    const events = await prisma.auditEvent.findMany({ where: { practiceId: owner.practiceId, action: { in: ["invoice.opened", "identity.revealed", "invoice.issued", "invoice.payment_recorded"] } } });
    expect(events.filter((e) => e.action === "invoice.opened").length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.action === "invoice.payment_recorded")).toHaveLength(2);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain("Ignatius");
  } finally {
    await prisma.$disconnect();
  }

  // The client, on a phone: their invoice and receipt in the portal.
  const clientContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const client = await clientContext.newPage();
  await firstPortalSignIn(client, code, pin, "482913");
  await client.getByRole("link", { name: "Your invoices and receipts" }).click();
  await expect(client.getByRole("heading", { name: "Your invoices and receipts" })).toBeVisible();
  await expect(client.getByText(/Paid/).first()).toBeVisible();
  await expect(client.getByText(/Art\. 17\(3\)\(b\)/)).toBeVisible();
  await expectAccessible(client);
  await client.getByRole("link", { name: "Invoice INV-000001" }).click();
  await expect(client.getByRole("article").getByText(NAME)).toBeVisible();
  await expect(client.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await expectAccessible(client);
  await client.screenshot({ path: `${EVIDENCE}/portal-invoice-390.png`, fullPage: true });
  await client.goto("/portal/invoices");
  await client.getByRole("link", { name: "Receipt RCT-000001" }).click();
  await expect(client.getByText("Received with thanks: £50.00 by bank transfer.")).toBeVisible();
  await clientContext.close();
});
