import { expect, expectAccessible, test } from "./support/fixtures";
import { newClient } from "./support/clients";

// An owner adds a practice appointment type, sees the booking form take its defaults (but keep
// what they typed), then imports appointments from a CSV: the preview names a room not on the
// practice's list and a row that overlaps another; with the room added and the file fixed, it
// imports, and the appointments are in the week view under the type.

export const TYPE_NAME = "Couples session E2E";

const csvFile = (rows: string[]) => ({ name: "appointments.csv", mimeType: "text/csv", buffer: Buffer.from(["client_code,date,time,type,room,fee", ...rows].join("\n")) });

test("an owner adds a type, books with its defaults, and imports appointments from a CSV after fixing an overlap", async ({ users, page }) => {
  test.setTimeout(120_000);
  await users.signedIn(page, "OWNER");
  await page.goto("/dashboard");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
  await page.getByRole("link", { name: "Appointment types" }).click();
  await expect(page.getByRole("heading", { name: "Appointment types", level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const add = page.getByRole("region", { name: "Add a type" });
  await add.getByLabel("Name").fill(TYPE_NAME);
  await add.getByLabel("Usual length (minutes)").fill("80");
  await add.getByLabel("Usual fee (£)").fill("95");
  await add.getByRole("button", { name: "Add type" }).click();
  await expect(page.getByText(`${TYPE_NAME} added.`)).toBeVisible();
  await expect(page.locator(`[data-type="${TYPE_NAME}"]`)).toContainText("80 minutes · £95.00 · not used yet");
  // The same name in another case is refused, and what was typed stays.
  await add.getByLabel("Name").fill(TYPE_NAME.toUpperCase());
  await add.getByRole("button", { name: "Add type" }).click();
  await expect(add.getByRole("alert")).toContainText(`There is already a type called ${TYPE_NAME}`);
  await expect(add.getByLabel("Name")).toHaveValue(TYPE_NAME.toUpperCase());
  await expectAccessible(page);

  const code = await newClient(page, "Import pair");

  // The booking form takes the type's defaults, but never replaces what the user typed.
  await page.goto("/schedule/new");
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel("Type")).toHaveValue(/.+/);
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("50");
  await page.getByLabel("Type").selectOption({ label: TYPE_NAME });
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("80");
  await expect(page.getByLabel("Fee", { exact: true })).toHaveValue("95.00");
  await page.getByLabel("Length (minutes)").fill("45");
  await page.getByLabel("Type").selectOption({ label: "Assessment" });
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("45");
  await expect(page.getByLabel("Fee", { exact: true })).toHaveValue("");

  // Import: the first row names a room not on the list; the second overlaps the first (80 minutes from 10:00).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await page.waitForLoadState("networkidle");
  const section = page.getByRole("region", { name: "Import appointments from a CSV file" });
  await section.getByLabel("Appointments CSV file").setInputFiles(csvFile([`${code},2027-05-12,10:00,${TYPE_NAME},Blue room,`, `${code},2027-05-12,11:00,session,,`]));
  await section.getByRole("button", { name: "Check the file" }).click();
  const problems = section.getByRole("table", { name: "Problems in the file" });
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1)).toContainText("2");
  await expect(problems.getByRole("row").nth(1)).toContainText("room");
  await expect(problems.getByRole("row").nth(1)).toContainText("This room is not on the practice's list");
  await expect(section.getByText("Nothing has been imported")).toBeVisible();
  await expectAccessible(page);

  // The room goes on the practice's list; the same file then shows the overlap.
  await page.goto("/schedule/rooms");
  await page.getByLabel("Room name").fill("Blue room");
  await page.getByRole("button", { name: "Add room" }).click();
  await expect(page.getByText("Blue room added. It is offered when booking.")).toBeVisible();
  await page.goto("/import");
  await page.waitForLoadState("networkidle");
  await section.getByLabel("Appointments CSV file").setInputFiles(csvFile([`${code},2027-05-12,10:00,${TYPE_NAME},Blue room,`, `${code},2027-05-12,11:00,session,,`]));
  await section.getByRole("button", { name: "Check the file" }).click();
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("time");
  await expect(problems.getByRole("row").nth(1)).toContainText("Overlaps row 2");

  await section.getByLabel("Appointments CSV file").setInputFiles(csvFile([`${code},2027-05-12,10:00,${TYPE_NAME},Blue room,`, `${code},2027-05-12,11:30,session,,40`]));
  await section.getByRole("button", { name: "Check the file" }).click();
  await expect(section.getByText("All 2 rows are ready: 2 appointments for 1 client with 1 clinician, from 2027-05-12 to 2027-05-12.")).toBeVisible();
  await section.getByRole("button", { name: "Import 2 appointments" }).click();
  await expect(section.getByRole("status")).toContainText("Imported 2 appointments");
  await section.getByRole("link", { name: "See them in the schedule" }).click();
  await page.waitForURL(/\/schedule\?view=week&date=2027-05-12/);
  const day = page.getByRole("region", { name: "Wed 12 May" }).locator("[data-appointment]");
  await expect(day).toHaveCount(2);
  await expect(day.nth(0)).toContainText("10:00–11:20");
  await expect(day.nth(0)).toContainText(`${TYPE_NAME}: ${code}`);
  await expect(day.nth(0)).toContainText("Blue room");
  await expect(day.nth(1)).toContainText("11:30–12:20");
  await expect(day.nth(1)).toContainText(`Session: ${code}`);
  await expectAccessible(page);
});
