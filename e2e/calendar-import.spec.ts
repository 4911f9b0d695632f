import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";

// A clinician connects an external booking calendar served locally, sees a bad address refused,
// syncs, books the event that names a client (matched through the vault, shown by code), keeps
// another as busy time (visible in the week view as "Busy (external)", without its title),
// and disconnects: the appointment stays.

export const CALENDAR_CLIENT = "Evangeline Thistlewood";
const SECRET_PATH = "/e2e-private-feed-7f3a/basic.ics";
let server: Server;
let base = "";

const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
const ics = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const intake = at(3, 9);
const dentist = at(3, 14);
// Runs into the next morning: a busy block shows on every day it covers.
const dentistEnd = at(4, 10);
const feed = [
  "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//e2e//EN",
  "BEGIN:VEVENT", "UID:intake@e2e", "DTSTAMP:20261101T000000Z", `DTSTART:${ics(intake)}`, `DTEND:${ics(new Date(intake.getTime() + 50 * 60_000))}`, "SUMMARY:Intake call – Evangeline T.", "END:VEVENT",
  "BEGIN:VEVENT", "UID:dentist@e2e", "DTSTAMP:20261101T000000Z", `DTSTART:${ics(dentist)}`, `DTEND:${ics(dentistEnd)}`, "SUMMARY:Dentist", "END:VEVENT",
  "BEGIN:VEVENT", "UID:lunch@e2e", "DTSTAMP:20261101T000000Z", `DTSTART:${ics(at(4, 12))}`, `DTEND:${ics(at(4, 13))}`, "SUMMARY:Lunch with the team", "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === SECRET_PATH) res.writeHead(200, { "content-type": "text/calendar" }).end(feed);
    else res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign in</body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});

async function newClient(page: Page): Promise<string> {
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Working label (optional)").fill("Thursdays");
  await page.getByLabel("Full name (to record identity)").fill(CALENDAR_CLIENT);
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  return (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
}

const event = (page: Page, text: string) => page.getByRole("article").filter({ hasText: text });

test("a clinician connects a calendar, books a matched event, keeps one as busy time and disconnects", async ({ users, page }) => {
  test.setTimeout(120_000);
  await users.signedIn(page, "OWNER");
  const code = await newClient(page);

  await page.goto("/schedule");
  await page.getByRole("link", { name: "Connected calendar" }).click();
  await expect(page.getByRole("heading", { name: "Connected calendar", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page);

  // An address that is not a calendar is refused, what was typed stays, nothing is connected.
  await page.getByLabel("Calendar's iCal address").fill(`${base}/not-a-calendar.ics`);
  await page.getByRole("button", { name: "Connect and sync" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "did not return an iCalendar" })).toBeVisible();
  await expect(page.getByLabel("Calendar's iCal address")).toHaveValue(`${base}/not-a-calendar.ics`);
  await page.screenshot({ path: "test-results/calendar-import-refused.png", fullPage: true });

  await page.getByLabel("Calendar's iCal address").fill(`${base}${SECRET_PATH}`);
  await page.getByRole("button", { name: "Connect and sync" }).click();
  await expect(page.getByText("Calendar connected: 3 events")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Connected to 127.0.0.1" })).toBeVisible();
  await expect(page.getByText(SECRET_PATH)).toHaveCount(0);
  await expect(event(page, "Evangeline T.")).toContainText(`Suggested: ${code} (Thursdays)`);
  await expect(event(page, "Dentist")).toContainText("No client's name found");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/calendar-import-pending.png", fullPage: true });

  // Book the matched event: the suggested client is preselected.
  await expect(event(page, "Evangeline T.").getByLabel("Client")).toHaveValue(code.replaceAll("-", ""));
  await event(page, "Evangeline T.").getByLabel("Fee", { exact: true }).fill("65");
  await event(page, "Evangeline T.").getByRole("button", { name: "Book as appointment" }).click();
  await expect(page.getByText(`Appointment booked for ${code}.`)).toBeVisible();
  await event(page, "Dentist").getByRole("button", { name: "Keep as busy time" }).click();
  await expect(page.getByText("Kept as busy time.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "To decide (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Busy time (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Booked as appointments (1)" })).toBeVisible();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Calendar synced: 0 new, 0 changed, 0 gone.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Booked as appointments (1)" })).toBeVisible();
  await event(page, "Lunch with the team").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByText("Event dismissed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "To decide (0)" })).toBeVisible();
  await page.getByText("Dismissed (1)").click();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/calendar-import-decided.png", fullPage: true });

  // The week view: the appointment by code, the busy block without its title.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(dentist);
  const nextDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(dentistEnd);
  await page.goto(`/schedule?view=week&date=${day}`);
  // On both days it covers (only one of them is in this week when the first is a Sunday).
  const sunday = new Date(`${day}T12:00:00Z`).getUTCDay() === 0;
  await expect(page.locator("[data-busy]")).toHaveCount(sunday ? 1 : 2);
  await expect(page.locator("[data-busy]").first()).toContainText("Busy (external)");
  await expect(page.locator("[data-appointment]").filter({ hasText: code })).toHaveCount(1);
  await expect(page.getByText("Dentist")).toHaveCount(0);
  await expect(page.getByText("Evangeline")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/calendar-import-week.png", fullPage: true });
  // The next day's view shows the rest of the block, to its end time.
  const endTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(dentistEnd);
  await page.goto(`/schedule?view=day&date=${nextDay}`);
  await expect(page.locator("[data-busy]")).toHaveCount(1);
  await expect(page.locator("[data-busy]")).toContainText(endTime);

  // Disconnect: the address and events go, the appointment stays.
  await page.goto("/schedule/calendar");
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Calendar disconnected.")).toBeVisible();
  await expect(page.getByLabel("Calendar's iCal address")).toHaveValue("");
  await page.goto(`/schedule?view=week&date=${day}`);
  await expect(page.locator("[data-busy]")).toHaveCount(0);
  await expect(page.locator("[data-appointment]").filter({ hasText: code })).toHaveCount(1);
});
