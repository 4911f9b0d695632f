import { demo, expect, expectAccessible, signIn, test } from "./support/fixtures";

test("the signed-in pages work on this screen size without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 }); // a small phone, narrower than the device preset
  await signIn(page, demo.owner);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  for (const path of ["/dashboard", "/clients", "/clients/new", "/requests", "/requests/retention", "/members", "/audit", "/settings/security", "/settings/two-factor", "/settings/practice", "/schedule/billing", "/settings/templates"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await expectAccessible(page);
});

test("keyboard users can skip straight to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
