import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import pg from "pg";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./support/fixtures";
import { firstPortalSignIn, newClient } from "./support/clients";
import { e2eEnvFile } from "./support/env";

// The measures story: the therapist asks for the PHQ-9 and GAD-7 before every session; the client
// answers before each of three appointments in the portal (saving halfway once); the last PHQ-9
// has a risk answer, so the client sees the crisis text and the therapist's home page shows it;
// the client page charts the trend with "reliable improvement"; the client's copy of their data
// holds the answers; after erasure nothing of them remains.

const shots = "/work/evidence/measures";

/** Ticks the answers (option indexes) on the portal form, one per item. */
async function tick(page: Page, answers: number[]) {
  for (const [i, value] of answers.entries()) {
    await page.getByRole("group", { name: new RegExp(`^${i + 1}\\. `) }).locator(`input[value="${value}"]`).check();
  }
}

test("measures before every session, answered in the portal, charted, risk shown, copied and erased", async ({ users, page, browser }) => {
  test.setTimeout(240_000);
  const therapist = await users.signedIn(page, "OWNER");
  const code = await newClient(page, "Thursday measures");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();

  // Three appointments in the next three days (booked straight into the database to keep this short).
  const { ownerUrl } = JSON.parse(readFileSync(e2eEnvFile, "utf8"));
  const sql = new pg.Client({ connectionString: ownerUrl });
  await sql.connect();
  const canonical = code.replaceAll("-", "");
  const { id: clientId, practiceId } = (await sql.query(`SELECT id, "practiceId" FROM client WHERE code = $1`, [canonical])).rows[0];
  const clinician = (await sql.query(`SELECT id FROM membership WHERE "userId" = $1`, [therapist.userId])).rows[0].id;
  const type = (await sql.query(`SELECT id FROM appointment_type WHERE "practiceId" = $1 AND category = 'SESSION' LIMIT 1`, [practiceId])).rows[0].id;
  const appointments: string[] = [];
  for (const hours of [20, 44, 68]) {
    const row = await sql.query(
      `INSERT INTO appointment (id, "practiceId", "clientId", "clinicianId", "startsAt", "endsAt", type, "practiceTypeId", "createdById", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, now() + make_interval(hours => $4), now() + make_interval(hours => $4, mins => 50), 'SESSION', $5, $3, now()) RETURNING id`,
      [practiceId, clientId, clinician, hours, type],
    );
    appointments.push(row.rows[0].id);
  }

  // The therapist asks for both measures before every session.
  await page.reload();
  for (const measure of ["PHQ-9", "GAD-7"]) {
    await page.getByLabel("Measure", { exact: true }).selectOption({ label: measure });
    await page.getByLabel("Ask", { exact: true }).selectOption({ label: "Before every session" });
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByText(`${measure} will be asked before each appointment`)).toBeVisible();
  }

  // The client, on their phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const client = await phone.newPage();
  await firstPortalSignIn(client, code, pin, "305817");
  const rounds = [
    { phq: [3, 2, 2, 2, 2, 2, 2, 3, 0], gad: [3, 2, 2, 2, 2, 2, 2] }, // PHQ-9 18, GAD-7 15
    { phq: [2, 2, 2, 1, 1, 1, 2, 2, 0], gad: [2, 2, 2, 1, 2, 2, 1] }, // 13, 12
    { phq: [2, 1, 2, 1, 1, 1, 1, 1, 1], gad: [2, 1, 1, 1, 1, 1, 1] }, // 11 with item 9 at 1, 8
  ];
  for (const [round, answers] of rounds.entries()) {
    await client.goto("/portal/home");
    await expect(client.getByRole("heading", { name: "Questions from your therapist" })).toBeVisible();
    await client.getByRole("link", { name: /^PHQ-9/ }).click();
    await expect(client.getByText("Over the last 2 weeks, how often have you been bothered by any of the following problems?")).toBeVisible();
    if (round === 0) {
      // Halfway, they stop and come back: their answers are kept.
      await tick(client, answers.phq.slice(0, 4));
      await client.getByRole("button", { name: "Save and finish later" }).click();
      await expect(client.getByText("Saved. You can come back and finish later.")).toBeVisible();
      await client.goto("/portal/home");
      await expect(client.getByText("4 of 9 answered")).toBeVisible();
      await client.getByRole("link", { name: /^PHQ-9/ }).click();
      await expect(client.getByRole("group", { name: /^4\. / }).locator('input[value="2"]')).toBeChecked();
      await expectAccessible(client);
      await client.screenshot({ path: `${shots}/portal-answering-390x844.png`, fullPage: true });
    }
    await tick(client, answers.phq);
    await client.getByRole("button", { name: "Send my answers" }).click();
    await expect(client.getByRole("heading", { name: "Thank you" })).toBeVisible();
    if (round === 2) {
      await expect(client.getByTestId("crisis-text")).toContainText("116 123");
      await expect(client.getByTestId("crisis-text")).toContainText("999");
      await client.screenshot({ path: `${shots}/portal-crisis-390x844.png`, fullPage: true });
    } else {
      await expect(client.getByTestId("crisis-text")).toHaveCount(0);
    }
    await client.goto("/portal/home");
    await client.getByRole("link", { name: /^GAD-7/ }).click();
    await tick(client, answers.gad);
    await client.getByRole("button", { name: "Send my answers" }).click();
    await expect(client.getByRole("heading", { name: "Thank you" })).toBeVisible();
  }
  await client.goto("/portal/home");
  await expect(client.getByRole("heading", { name: "Questions from your therapist" })).toHaveCount(0);

  // Three weeks on: the sessions happened (moved into the past, with the days the answers count for).
  for (const [i, id] of appointments.entries()) {
    await sql.query(`UPDATE appointment SET "startsAt" = now() - make_interval(days => $2), "endsAt" = now() - make_interval(days => $2) + interval '50 minutes', status = 'ATTENDED' WHERE id = $1`, [id, 15 - i * 7]);
    await sql.query(`UPDATE measure_response SET "takenOn" = (now() - make_interval(days => $2))::date WHERE "appointmentId" = $1`, [id, 15 - i * 7]);
  }

  // The therapist's home page shows the risk answer, with when it was answered.
  await page.goto("/dashboard");
  const panel = page.getByTestId("risk-panel");
  await expect(panel).toContainText(code);
  await expect(panel).toContainText("PHQ-9 item 9");
  await page.setViewportSize({ width: 1366, height: 800 });
  await panel.screenshot({ path: `${shots}/risk-panel.png` });
  // ...and, since the therapist last looked, each questionnaire the client completed: its name, never its score.
  const changes = page.locator('[data-home-section="changes"]');
  const completed = changes.getByRole("listitem").filter({ hasText: `${code} (Thursday measures) completed the PHQ-9` });
  await expect(completed).toHaveCount(3);
  await expect(changes.getByRole("listitem").filter({ hasText: "completed the GAD-7" })).toHaveCount(3);
  await expect(completed.first().getByRole("link", { name: code })).toHaveAttribute("href", `/clients/${code}#measures`);
  await changes.screenshot({ path: "/work/evidence/followups/home-changes-1366.png" });

  // The client page: the trend, the change and the session markers.
  await page.goto(`/clients/${code}`);
  await expect(page.getByTestId("client-risk")).toContainText("PHQ-9 item 9");
  await expect(page.getByTestId("change-PHQ9")).toHaveText("Reliable improvement");
  await expect(page.getByTestId("change-GAD7")).toHaveText("Reliable improvement");
  await expect(page.getByTestId("scores-PHQ9").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("chart-PHQ9").getByTestId("session-marker")).toHaveCount(3);
  await expectAccessible(page);
  await page.locator("#measures").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/client-chart-1366x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator("#measures").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/client-chart-390x844.png` });
  await page.setViewportSize({ width: 1366, height: 800 });

  // The caseload, sorted by latest score.
  await page.goto("/clients?measure=PHQ9&sort=score");
  await expect(page.getByRole("row", { name: new RegExp(code) }).getByTestId("latest-score")).toHaveText("11");

  // The client's copy of their data holds the answers.
  await client.getByLabel("What would you like?").selectOption({ label: "A copy of my data" });
  await client.getByRole("button", { name: "Send request" }).click();
  await expect(client.getByText("Your request has been sent")).toBeVisible();
  await page.goto("/requests");
  await page.getByRole("link", { name: "A copy of my data" }).click();
  await page.getByLabel("Your opinion").fill("No likelihood of serious harm; nothing withheld.");
  await page.getByRole("button", { name: "Record review" }).click();
  await page.getByRole("button", { name: "Prepare the copy" }).click();
  await expect(page.getByText("The client can download their copy")).toBeVisible();
  await client.reload();
  const href = await client.getByRole("link", { name: "Download your copy (ZIP)" }).getAttribute("href");
  const files = unzipSync(new Uint8Array(await (await client.request.get(href!)).body()));
  const copy = JSON.parse(strFromU8(files["export.json"]!));
  expect(copy.questionnaires.map((q: { measure: string; score: number }) => `${q.measure} ${q.score}`)).toEqual(["PHQ-9 18", "GAD-7 15", "PHQ-9 13", "GAD-7 12", "PHQ-9 11", "GAD-7 8"]);

  // Erasure: nothing of the answers remains.
  await client.getByLabel("What would you like?").selectOption({ label: "Delete my data" });
  await client.getByLabel("I understand, and I want the practice to delete my data.").check();
  await client.getByRole("button", { name: "Send my request to delete my data" }).click();
  await expect(client.getByText("Your request has been sent")).toBeVisible();
  await page.goto("/requests");
  await page.getByRole("link", { name: "Delete my data" }).click();
  await page.getByLabel("Type ERASE to confirm").fill("ERASE");
  await page.getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByText("erased for good")).toBeVisible();
  try {
    for (const table of ["measure_response", "measure_assignment", "client_notes_key"]) {
      expect((await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE "clientId" = $1`, [clientId])).rows[0].n, table).toBe(0);
    }
  } finally {
    await sql.end();
    await phone.close();
  }
});

test("an owner words the crisis text and sees outcomes in counts only", async ({ users, page }) => {
  await users.signedIn(page, "OWNER");
  await page.goto("/measures/settings");
  await expect(page.getByLabel("Crisis text")).toContainText("Samaritans");
  await expectAccessible(page);
  await page.getByLabel("Crisis text").fill("Call the clinic's duty line on 0113 496 0000.\nIn an emergency call 999.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Crisis text saved.")).toBeVisible();
  await expect(page.getByLabel("Crisis text")).toHaveValue("Call the clinic's duty line on 0113 496 0000.\nIn an emergency call 999.");
  await page.getByRole("button", { name: "Use the default" }).click();
  await expect(page.getByText("Crisis text set back to the default.")).toBeVisible();
  await page.goto("/clients");
  await page.getByRole("link", { name: "Outcomes summary" }).click();
  await expect(page.getByTestId("outcomes").getByRole("row")).toHaveCount(4);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.screenshot({ path: `${shots}/outcomes-1366x800.png` });
});
