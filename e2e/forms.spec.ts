import { expect, expectAccessible, test } from "./support/fixtures";

// An owner builds an intake form with an identity question, a clinical question and a consent,
// publishes and sends it; the client answers it on their phone in two sittings; the clinician
// reads the clinical answer and the consent, and sees the identity answers only by a reveal.

const NAME = "Perpetua Vandermolen";
const DOB = "1979-11-02";
const CLINICAL = "Cannot sleep before exams and it is getting worse.";
const STATEMENT = "I agree to start therapy and understand how my information is kept.";
const EVIDENCE = process.env.FORMS_EVIDENCE_DIR ?? "test-results";

test("an intake form built, sent, answered on the portal in two sittings, and read with an audited reveal", async ({ users, page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  await users.signedIn(page, "OWNER");

  // The owner builds the form.
  await page.goto("/forms");
  await expectAccessible(page);
  await page.getByLabel("Title").fill("Before your first session");
  await page.getByRole("button", { name: "Start a form" }).click();
  await page.waitForURL(/\/forms\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
  const addQuestion = async (q: { kind: string; home: string; label: string; statement?: string }) => {
    await page.getByLabel("Kind of question").selectOption(q.kind);
    await page.getByLabel("Where the answer is kept").selectOption(q.home);
    await page.getByLabel("Question", { exact: true }).fill(q.label);
    if (q.statement) await page.getByLabel("Consent statement (for a consent question)").fill(q.statement);
    await page.getByLabel("The client must answer this").check();
    await page.getByRole("button", { name: "Add question" }).click();
    await expect(page.locator(`[data-question="${q.label}"]`)).toBeVisible();
    await page.waitForLoadState("networkidle");
  };
  // A date of birth that is not a date question is refused, and what was typed stays.
  await page.getByLabel("Kind of question").selectOption("short_text");
  await page.getByLabel("Where the answer is kept").selectOption("dateOfBirth");
  await page.getByLabel("Question", { exact: true }).fill("Your date of birth");
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByText("Question 1: Date of birth must be a date question.")).toBeVisible();
  await expect(page.getByLabel("Question", { exact: true })).toHaveValue("Your date of birth");

  await addQuestion({ kind: "short_text", home: "fullName", label: "Your full name" });
  await addQuestion({ kind: "date", home: "dateOfBirth", label: "Your date of birth" });
  await addQuestion({ kind: "long_text", home: "clinical", label: "What brings you to therapy?" });
  await addQuestion({ kind: "consent", home: "clinical", label: "Consent to therapy", statement: STATEMENT });
  await expect(page.locator('[data-question="Your full name"]')).toContainText("Identity vault: Full name");
  await expect(page.locator('[data-question="What brings you to therapy?"]')).toContainText("Clinical record");
  await expect(page.locator('[data-question="Consent to therapy"]')).toContainText("typed name kept in the vault");
  await expectAccessible(page);
  await page.screenshot({ path: `${EVIDENCE}/form-builder-1366.png`, fullPage: true });
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByText("Version 1 is published and never changes.")).toBeVisible();

  // A new client with portal access, and the form sent to them.
  await page.goto("/clients/new");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.waitForURL(/\/clients\/[0-9A-Z]{4}-/);
  const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Issue portal access" }).click();
  const pin = (await page.getByTestId("one-time-pin").textContent())!.trim();
  await page.getByLabel("Send a form to the portal").selectOption({ label: "Before your first session" });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator('[data-form="Before your first session"]')).toContainText("Waiting for the client");

  // The client, on their phone. First sitting: the first page, then they leave.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const client = await phone.newPage();
  await client.goto("/portal");
  await client.getByLabel("Your code").fill(code);
  await client.getByLabel("PIN").fill(pin);
  await client.getByRole("button", { name: "Sign in" }).click();
  await client.waitForURL("**/portal/pin");
  await client.getByLabel("New PIN", { exact: true }).fill("481930");
  await client.getByLabel("New PIN again").fill("481930");
  await client.getByRole("button", { name: "Save my PIN" }).click();
  await client.waitForURL("**/portal/home");
  await expect(client.getByRole("heading", { name: "Forms to fill in" })).toBeVisible();
  await client.screenshot({ path: `${EVIDENCE}/portal-home-forms-390.png` });
  await client.getByRole("link", { name: /Before your first session/ }).click();
  await client.waitForURL(/\/portal\/form\//);
  await expect(client.getByText("Page 1 of 2")).toBeVisible();
  await client.getByLabel("1. Your full name").fill(NAME);
  await client.getByLabel("2. Your date of birth").fill(DOB);
  await client.getByLabel("3. What brings you to therapy?").fill(CLINICAL);
  await expectAccessible(client);
  await client.screenshot({ path: `${EVIDENCE}/portal-form-390.png`, fullPage: true });
  await client.getByRole("button", { name: "Save and continue" }).click();
  await expect(client.getByText("Page 2 of 2")).toBeVisible();
  await client.goto("/portal/home");

  // Second sitting: they carry on where they left off; the first page kept their answers.
  await client.getByRole("link", { name: /Before your first session.*Carry on/ }).click();
  await expect(client.getByText("Page 2 of 2")).toBeVisible();
  await client.goto(`${new URL(client.url()).pathname}?page=0`);
  await expect(client.getByLabel("1. Your full name")).toHaveValue(NAME);
  await expect(client.getByLabel("3. What brings you to therapy?")).toHaveValue(CLINICAL);
  await client.getByRole("button", { name: "Save and continue" }).click();
  await expect(client.getByText(STATEMENT)).toBeVisible();
  await client.getByLabel("I agree").check();
  await client.getByLabel("Type your full name to sign").fill(NAME);
  await expectAccessible(client);
  await client.screenshot({ path: `${EVIDENCE}/portal-form-consent-390.png`, fullPage: true });
  await client.getByRole("button", { name: "Save and continue" }).click();
  await expect(client.getByText("Last step")).toBeVisible();
  await client.getByRole("button", { name: "Send to the practice" }).click();
  await client.waitForURL("**/portal/home");
  await expect(client.getByText("Your form has been sent to the practice.")).toBeVisible();
  await expect(client.getByRole("heading", { name: "Forms to fill in" })).toHaveCount(0);
  await phone.close();

  // The clinician (the owner created the client, so is assigned): completed, answers, consent.
  await page.reload();
  await expect(page.locator('[data-form="Before your first session"]')).toContainText("Completed");
  await page.getByRole("link", { name: "Open answers to Before your first session" }).click();
  await page.waitForURL(/\/forms\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("clinical-answer")).toHaveText(CLINICAL);
  await expect(page.getByTestId("consent-record")).toContainText("Agreed on");
  await expect(page.getByTestId("consent-record")).toContainText("to version 1 of this statement");
  await expect(page.getByText(NAME)).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("Why do you need to see it?").selectOption("contact");
  await page.getByRole("button", { name: "Show identity answers" }).click();
  await expect(page.getByTestId("revealed")).toContainText(NAME);
  await expect(page.getByTestId("revealed")).toContainText(DOB);
  await expect(page.getByText("This reveal has been recorded")).toBeVisible();
  await page.screenshot({ path: `${EVIDENCE}/form-answers-revealed-1366.png`, fullPage: true });
  await page.getByRole("button", { name: "Hide now" }).click();
  await expect(page.getByText(NAME)).toHaveCount(0);
});
