import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newClient } from "./support/clients";

// The calendar you can work in: book on an empty slot with the keyboard, drag an appointment to
// another time, move one with the keyboard through its Move form, "book the next one" a week
// later across the October clock change, and mark past appointments attended in bulk so the
// month's billing charges them. Screenshots of the day and week views go to the evidence folder.

const EVIDENCE = process.env.CALENDAR_EVIDENCE ?? "test-results/calendar";
mkdirSync(EVIDENCE, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${EVIDENCE}/${name}.png`, fullPage: true });

/** A code is one line: its box is a single rectangle, and the CSS forbids breaking inside it. */
async function expectCodeOnOneLine(code: Locator) {
  expect(await code.evaluate((el) => [el.getClientRects().length, getComputedStyle(el).whiteSpace])).toEqual([1, "nowrap"]);
}

test("book on an empty slot with Enter, drag it, move it with the keyboard, book the next one", async ({ users, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Thursday");

  await page.goto("/schedule/rooms");
  await expectAccessible(page);
  await page.getByLabel("Room name").fill("Garden room");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByText("Garden room added. It is offered when booking.")).toBeVisible();
  await expect(page.locator('[data-room="Garden room"]')).toBeVisible();

  // The day's grid: a free slot is a link; focus it and press Enter.
  await page.goto("/schedule?view=day&date=2027-10-28");
  await expectAccessible(page);
  const slot = page.getByRole("link", { name: "Book Thursday 28 October at 11:00" });
  await slot.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/schedule\/new\?.*date=2027-10-28&time=11%3A00/);
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel("Date")).toHaveValue("2027-10-28");
  await expect(page.getByLabel("Start time")).toHaveValue("11:00");
  await page.getByLabel("Client").selectOption({ label: `${code} (Thursday)` });
  await page.getByLabel("Room (optional)").selectOption("Garden room");
  await page.getByLabel("Fee", { exact: true }).fill("70");
  await page.getByRole("button", { name: "Book", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/schedule\?view=week&date=2027-10-28/);
  await expect(page.getByText(`Appointment booked for ${code}.`)).toBeVisible();
  const thursday = page.getByRole("region", { name: "Thu 28 Oct" }).locator("[data-appointment]");
  await expect(thursday).toHaveCount(1);
  await expect(thursday).toContainText("11:00–11:50");
  await expect(thursday).toContainText(`Session: ${code}`);
  await expectCodeOnOneLine(thursday.locator(".font-mono"));
  // The booked time is no longer offered; the next free one is.
  await expect(page.getByRole("link", { name: "Book Thursday 28 October at 11:00" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Book Thursday 28 October at 12:00" })).toHaveCount(1);

  // Drag (desktop): onto the 14:00 slot of the day view.
  await page.goto("/schedule?view=day&date=2027-10-28");
  await page.waitForLoadState("networkidle");
  const card = page.locator("[data-appointment]").filter({ hasText: code });
  const target = page.locator('[data-slot-date="2027-10-28"][data-slot-time="14:00"]');
  // Both in view first, as for a person dragging (dragTo would otherwise scroll mid-drag).
  await target.scrollIntoViewIfNeeded();
  await expect(card).toBeInViewport();
  await card.dragTo(target);
  await expect(page.locator("#main").getByRole("status")).toHaveText(`Appointment for ${code} moved to 2027-10-28 at 14:00.`);
  await expect(card).toContainText("14:00–14:50");
  await expect(card).toContainText("Garden room");

  // Keyboard: open it with Enter, change the time in its Move form, submit with Enter.
  await card.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session with ${code}`);
  await expectAccessible(page);
  await page.getByLabel("New time").focus();
  await page.getByLabel("New time").fill("15:30");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Appointment moved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session with ${code}`);

  // Book the next one: same client, type, length and room, a week later at 15:30 London time,
  // although the clocks go back on 31 October.
  await page.getByRole("link", { name: "Book the next one" }).click();
  await page.waitForURL(/\/schedule\/new\?/);
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel("Date")).toHaveValue("2027-11-04");
  await expect(page.getByLabel("Start time")).toHaveValue("15:30");
  await expect(page.getByLabel("Client")).toHaveValue(code);
  await expect(page.getByLabel("Room (optional)")).toHaveValue("Garden room");
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("50");
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await page.waitForURL(/\/schedule\?view=week&date=2027-11-04/);
  const nextOne = page.getByRole("region", { name: "Thu 4 Nov" }).locator("[data-appointment]");
  await expect(nextOne).toContainText("15:30–16:20");
  await expect(nextOne).toContainText("Garden room");
  await page.getByRole("link", { name: "Previous week" }).click();
  await expect(page.getByRole("region", { name: "Thu 28 Oct" }).locator("[data-appointment]")).toContainText("15:30–16:20");
  await expectAccessible(page);

  // Evidence: the week and the day, on a laptop and on a phone.
  await shot(page, "week-1366x800");
  await page.goto("/schedule?view=day&date=2027-10-28");
  await shot(page, "day-1366x800");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/schedule?view=day&date=2027-10-28");
  await expectAccessible(page);
  await expectCodeOnOneLine(page.locator("[data-appointment] .font-mono").first());
  await shot(page, "day-390x844");
  await page.goto("/schedule?view=week&date=2027-10-28");
  await expectCodeOnOneLine(page.locator("[data-appointment] .font-mono").first());
  await shot(page, "week-390x844");
  await page.goto("/schedule/rooms");
  await shot(page, "rooms-390x844");
});

test("past appointments still scheduled are flagged, marked attended together, and billing then charges them", async ({ users, page }) => {
  test.setTimeout(120_000);
  const owner = await users.signedIn(page, "OWNER");
  const code = await newClient(page, "September");
  // Three weekly sessions in September 2026 (already past), booked from a slot link's form.
  await page.goto("/schedule/new?date=2026-09-01&time=09:00");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Client").selectOption({ label: `${code} (September)` });
  await page.getByLabel("Fee", { exact: true }).fill("60");
  await page.getByLabel("Every week").check();
  await page.getByLabel("Number of appointments").fill("3");
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByText(`3 appointments booked for ${code}.`)).toBeVisible();
  await expect(page.locator("[data-appointment]").filter({ hasText: code })).toContainText("Outcome needed");

  const row = () => page.getByRole("row", { name: new RegExp(owner.displayName) });
  await page.goto("/schedule/billing?month=2026-09");
  await expect(row().getByRole("cell")).toHaveText(["0", "£0.00", "£0.00", "£0.00", "0 (£0.00)"]);
  await expect(page.getByText("3 past appointments are still marked scheduled and not charged here.")).toBeVisible();
  await page.getByRole("link", { name: "Record outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record outcomes");
  await expect(page.getByRole("checkbox")).toHaveCount(3);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1366, height: 800 });
  await shot(page, "outcomes-1366x800");
  await page.getByRole("checkbox").nth(0).check();
  await page.getByRole("checkbox").nth(1).check();
  await page.getByRole("button", { name: "Mark ticked appointments attended" }).click();
  await expect(page.getByText("2 appointments marked attended.")).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(1);

  await page.goto("/schedule/billing?month=2026-09");
  await expect(row().getByRole("cell")).toHaveText(["2", "£120.00", "£0.00", "£120.00", "0 (£0.00)"]);
  await expect(page.getByText("1 past appointment is still marked scheduled and not charged here.")).toBeVisible();
});
