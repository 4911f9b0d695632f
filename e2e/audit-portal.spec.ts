import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { firstPortalSignIn, newClient } from "./support/clients";

// The portal is easy to find and shows what a client needs (their practice, upcoming
// appointments with a way to ask to cancel, withdrawing a request, erasure explained and
// confirmed), and the audit review finds all of it from the client's code as a person types it.

const EVIDENCE = process.env.CONFIDE_EVIDENCE_DIR;
const SIZES = [{ name: "desktop", width: 1366, height: 800 }, { name: "phone", width: 390, height: 844 }];

/** Screenshots at both sizes into CONFIDE_EVIDENCE_DIR, when set (for people to look at; asserts nothing). */
async function snap(page: Page, name: string) {
  if (!EVIDENCE) return;
  mkdirSync(EVIDENCE, { recursive: true });
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${EVIDENCE}/${name}-${size.name}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

test("the landing and sign-in pages lead to the portal, which says what to do about a forgotten PIN", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Go to the client portal" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to your portal" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Forgotten your PIN?" })).toBeVisible();
  await expect(page.getByText("Ask your therapist or the practice for a new one.")).toBeVisible();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in to the client portal" }).click();
  await page.waitForURL("**/portal");
  await expectAccessible(page);
});

test("a client asks to cancel, withdraws a request and confirms an erasure; the owner finds it all from a dashed lower-case code", async ({ users, page, browser }) => {
  test.setTimeout(150_000);
  const owner = await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Portal story");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();
  await page.goto("/schedule/new?date=2027-05-12");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Client").selectOption({ label: `${code} (Portal story)` });
  await page.getByLabel("Start time").fill("10:00");
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await page.waitForURL(/\/schedule\?/);

  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await firstPortalSignIn(client, code, pin, "472915");
  // Test practices are named "E2E Practice <tag>" (lib/test-api/members.ts).
  await expect(client.getByTestId("practice-name")).toHaveText(/^E2E Practice [0-9a-f]{8}$/);
  const appointments = client.getByRole("list", { name: "Upcoming appointments" });
  await expect(appointments.getByRole("listitem")).toHaveCount(1);
  await expect(appointments).toContainText("Wednesday, 12 May 2027 at 10:00 to 10:50");

  // Asking to cancel: the practice decides, the portal says so.
  await appointments.getByRole("button", { name: /Ask to cancel/ }).click();
  await expect(client.getByText("Sent. The practice will confirm the cancellation with you.")).toBeVisible();
  await expect(appointments).toContainText("You asked to cancel this on");
  await expect(appointments.getByRole("button", { name: /Ask to cancel/ })).toHaveCount(0);

  // A request, then withdrawn.
  await client.getByLabel("What would you like?").selectOption({ label: "Object or restrict" });
  await client.getByRole("button", { name: "Send request" }).click();
  await expect(client.getByText("Your request has been sent")).toBeVisible();
  await client.getByRole("button", { name: "Withdraw your request: Object or restrict" }).click();
  await expect(client.getByText("Your request is withdrawn.")).toBeVisible();
  await expect(client.locator("#requests")).toContainText("Withdrawn by you");
  await expect(client.getByRole("button", { name: /Withdraw your request/ })).toHaveCount(0);

  // Erasure: explained first, and refused by the browser without the box ticked.
  await expect(client.getByTestId("erasure-explained")).toHaveCount(0);
  await client.getByLabel("What would you like?").selectOption({ label: "Delete my data" });
  await expect(client.getByTestId("erasure-explained")).toContainText("deleted for good");
  await client.getByRole("button", { name: "Send my request to delete my data" }).click();
  await expect(client.getByText("Your request has been sent")).toHaveCount(0);
  await client.getByLabel("I understand, and I want the practice to delete my data.").check();
  await client.getByRole("button", { name: "Send my request to delete my data" }).click();
  await expect(client.getByText("Your request has been sent")).toBeVisible();
  await expect(client.getByRole("button", { name: "Withdraw your request: Delete my data" })).toBeVisible();
  await expectAccessible(client);
  await snap(client, "portal-home");
  await clientContext.close();

  // The practice sees the cancellation request on the schedule and the appointment.
  await page.goto("/schedule?view=day&date=2027-05-12");
  await expect(page.getByText("Client asked to cancel")).toBeVisible();

  // The owner types the code as a person might: lower case, with dashes.
  await page.goto("/audit");
  await page.getByLabel("Client code or record id").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Apply filters" }).click();
  const events = page.getByRole("list", { name: "Audit events, newest first" }).getByRole("listitem");
  for (const sentence of [
    `Client ${code} asked to cancel an appointment`,
    `Client ${code} withdrew a data request`,
    `Client ${code} made a data request`,
    `Client ${code} changed their portal PIN`,
    `${owner.displayName} booked an appointment for client ${code}`,
    `${owner.displayName} issued portal access for client ${code}`,
    `${owner.displayName} added client ${code}`,
  ]) await expect(events.filter({ hasText: sentence }).first()).toBeVisible();
  for (const text of await events.allInnerTexts()) expect(text).toContain(code);
  await expect(page.getByLabel("Action").locator("optgroup[label='Client portal']")).toHaveCount(1);
  await expectAccessible(page);
  await snap(page, "audit-review");

  await events.filter({ hasText: `${owner.displayName} booked an appointment` }).first().getByRole("link").click();
  await expect(page.getByText(`${owner.displayName}, owner`)).toBeVisible();
  await expect(page.getByText(/(GMT|BST) \(London time\)/)).toBeVisible();
  await expectAccessible(page);
  await snap(page, "audit-event");
});

test("a refused event says why in words, and the last chain check stays on screen with its time", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/clients/ZZZZ-ZZZZ-ZZZZ");
  await page.goto("/audit?outcome=DENIED");
  await expect(page.getByRole("list", { name: "Audit events, newest first" }).getByText(/was refused client .*'s record \(refused: (that is not a valid code|no record has that code)\)|was refused a client's record \(refused: /).first()).toBeVisible();
  await expect(page.getByTestId("last-verification")).toContainText("has not been checked yet");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("last-verification")).toContainText(/Intact — last checked .* \(London time\) by .*: all [\d,]+ events check out\./);
  await page.reload();
  await expect(page.getByTestId("last-verification")).toContainText(/Intact — last checked/);
});

test("\"Print handout\" prints the handout alone: practice, portal address, code and one-time PIN", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Handout");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const handout = page.locator("#portal-handout");
  await expect(handout).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(handout).toBeVisible();
  await expect(handout.getByTestId("handout-practice")).toHaveText(/^E2E Practice [0-9a-f]{8}$/);
  await expect(handout).toContainText("/portal");
  await expect(handout).toContainText(code);
  await expect(handout.getByTestId("one-time-pin")).toHaveText(/^\d{8}$/);
  // Nothing else of the page: not the record's heading, the navigation, the button or the PIN warning.
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print handout" })).toBeHidden();
  await expect(page.getByText("This PIN is shown only now.")).toBeHidden();
  if (EVIDENCE) await page.screenshot({ path: `${EVIDENCE}/handout-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
