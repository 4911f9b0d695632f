import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { newClient } from "./support/clients";

// A clinician's week: book a weekly series across the March clock change, see it at 10:00
// London time, move one occurrence, be refused a double booking, record attendance and
// payment, open the appointment's note, and find it in the month's billing.

const card = (page: Page, day: string) => page.getByRole("region", { name: day }).locator("[data-appointment]");

test("a clinician books a weekly series, moves one, is refused a double booking, records payment, opens the note and sees the billing", async ({ users, page }) => {
  test.setTimeout(120_000);
  const therapist = await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Wednesday mornings");
  // The practice's rooms are a list the owner keeps; the booking chooses from it.
  await page.goto("/schedule/rooms");
  await page.getByLabel("Room name").fill("Garden room");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByText("Garden room added. It is offered when booking.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { name: "Schedule" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Book appointment" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Client").selectOption({ label: `${code} (Wednesday mornings)` });
  await page.getByLabel("Date").fill("2027-03-17");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("Room (optional)").selectOption("Garden room");
  await page.getByLabel("Fee", { exact: true }).fill("60");
  await page.getByLabel("Every week").check();
  await page.getByLabel("Number of appointments").fill("4");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await page.waitForURL(/\/schedule\?view=week&date=2027-03-17/);
  await expect(page.getByText("4 appointments booked")).toBeVisible();

  // After the clocks go forward on 28 March, still 10:00 London time.
  await page.getByRole("link", { name: "Next week" }).click();
  await expect(page.getByText(/Week of Monday 22 March/)).toBeVisible();
  await page.getByRole("link", { name: "Next week" }).click();
  await expect(page.getByText(/Week of Monday 29 March/)).toBeVisible();
  await expect(card(page, "Wed 31 Mar")).toContainText("10:00–10:50");
  await expect(card(page, "Wed 31 Mar")).toContainText(code);
  await expect(page.getByText("Octavia")).toHaveCount(0);
  await expectAccessible(page);

  // Move only this occurrence to 11:00.
  await card(page, "Wed 31 Mar").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session with ${code}`);
  await expectAccessible(page);
  await page.getByLabel("New time").fill("11:00");
  await page.getByRole("button", { name: "Move appointment" }).click();
  await expect(page.getByText("Appointment moved.")).toBeVisible();
  await page.getByRole("link", { name: "Back to the week" }).click();
  await expect(card(page, "Wed 31 Mar")).toContainText("11:00–11:50");
  await page.getByRole("link", { name: "Next week" }).click();
  await expect(page.getByText(/Week of Monday 5 April/)).toBeVisible();
  await expect(card(page, "Wed 7 Apr")).toContainText("10:00–10:50");

  // A second booking over the 7 April one is refused with a clear message.
  await page.goto("/schedule/new?date=2027-04-07");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Client").selectOption({ label: `${code} (Wednesday mornings)` });
  await page.getByLabel("Start time").fill("10:30");
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already booked" })).toHaveText(`${therapist.displayName} is already booked on Wed, 7 Apr 2027, 10:00–10:50. Choose another time or clinician.`);

  // The first occurrence: attended and paid, then its note.
  await page.goto("/schedule?view=day&date=2027-03-17");
  await page.getByRole("link", { name: /10:00–10:50/ }).click();
  await page.getByRole("button", { name: "Mark attended" }).click();
  await expect(page.getByTestId("status")).toHaveText("Attended");
  await page.getByLabel("Payment state").selectOption("PAID");
  await page.getByRole("button", { name: "Save payment" }).click();
  await expect(page.getByTestId("payment")).toHaveText("£60.00, paid");
  const appointmentUrl = page.url();
  await page.getByRole("link", { name: "Write note" }).click();
  await page.getByRole("button", { name: "Start note" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z-]+\/notes\/[0-9a-f-]{36}$/);
  const noteUrl = page.url();
  await page.goto(appointmentUrl);
  await page.getByRole("link", { name: "Open note" }).click();
  await page.waitForURL(noteUrl);

  // The month's billing.
  await page.goto("/schedule/billing?month=2027-03");
  const row = page.getByRole("row", { name: new RegExp(therapist.displayName) });
  await expect(row.getByRole("cell")).toHaveText(["1", "£60.00", "£60.00", "£0.00", "0 (£0.00)"]);
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += chunk;
  expect(text).toContain(`2027-03,${therapist.displayName},1,60.00,60.00,0.00,0,0.00,0`);
});

test("the calendar feed link is shown once, serves iCalendar, and stops when turned off", async ({ users, page, request }) => {
  await users.signedIn(page, "THERAPIST");
  await page.goto("/schedule/feed");
  await expect(page.getByText("Your feed is off.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on the feed" }).click();
  const url = await page.getByLabel("Calendar feed link").inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expectAccessible(page);
  const path = new URL(url).pathname;
  const feed = await request.get(path);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await expect(page.getByText(/Your feed is on/)).toBeVisible();
  await page.getByRole("button", { name: "Turn off the feed" }).click();
  await expect(page.getByText("Calendar feed turned off.")).toBeVisible();
  await expect(page.getByText("Your feed is off.")).toBeVisible();
  expect((await request.get(path)).status()).toBe(404);
});
