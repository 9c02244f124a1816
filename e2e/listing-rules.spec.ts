// The listing editor in a real browser against the production build: an admin changes one
// listing's allocation rules, sees the new publishable quantity previewed with its steps, saves,
// and the row shows the new number and a pending push (held a few seconds at the simulated
// marketplace, then sent). "Why?" opens from the keyboard; a bulk preview counts the listings;
// viewers get no editor.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { demoCatalogue } from "@/lib/marketplaces/simulator/catalogue";
import { attachScreenshot } from "./fixtures/screenshot";
import { signInAs } from "./fixtures/sign-in";
import { simulatedCodes, simulatorUrl } from "./fixtures/simulator";

// Not the SKU other specs count on (they expect no rules on it).
const sku = "IPH14P-256-PUR-A";
const marketplace = simulatedCodes.refurbed;
const offerId = demoCatalogue.find((entry) => entry.sku === sku)?.rfOfferId;

function listingRow(page: Page) {
  return page
    .getByRole("table", { name: "Listing" })
    .locator("tbody tr")
    .filter({ has: page.getByRole("cell", { name: marketplace, exact: true }) })
    .filter({ hasText: sku });
}

/** The number under a header of the row (the first number in its cell). */
async function numberUnder(page: Page, header: string): Promise<number> {
  const table = page.getByRole("table", { name: "Listing" });
  const headers = (await table.locator("thead th").allInnerTexts()).map((h) => h.trim());
  const cells = await listingRow(page).locator("td").allInnerTexts();
  const text = cells[headers.findIndex((h) => h.startsWith(header))] ?? "";
  const value = /-?\d+/.exec(text.replaceAll(",", ""))?.[0];
  if (value === undefined) throw new Error(`no number under ${header}: "${text}"`);
  return Number(value);
}

async function holdRefurbedPushes(ms: number): Promise<void> {
  const response = await fetch(`${simulatorUrl}/_simulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      kind: "delay",
      ms,
      match: { channel: "refurbed", pathPrefix: "/refb.merchant.v1.OfferService/UpdateOffer" },
    }),
  });
  expect(response.status).toBe(201);
}

async function refurbedQuantitiesSent(): Promise<unknown[]> {
  const response = await fetch(`${simulatorUrl}/_simulator/writes?channel=refurbed`);
  const { writes } = (await response.json()) as { writes: { path: string; body: unknown }[] };
  return writes.filter((write) => write.path.includes("UpdateOffer")).map((write) => write.body);
}

test.describe("listing rules editor", () => {
  test("admin: change a row's rules, preview, save; the new number and a pending push show", async ({
    page,
  }, testInfo) => {
    await signInAs(page, "admin");
    await page.goto(`/v2/listing?q=${sku}`);
    await expect(listingRow(page)).toHaveCount(1);
    const available = await numberUnder(page, "Available");
    const before = await numberUnder(page, "Publishable");
    expect(before).toBe(Math.max(0, available));
    expect(available).toBeGreaterThan(2);
    const expected = Math.floor(((available - 1) * 50) / 100);

    // "Why?" from the keyboard: the disclosure opens with Enter and ends at the same number.
    const why = listingRow(page).getByText("why?");
    await why.focus();
    await page.keyboard.press("Enter");
    const steps = listingRow(page).locator("details ol");
    await expect(steps).toBeVisible();
    await expect(steps.locator("li").first()).toContainText("on hand");
    await expect(steps.locator("li").last()).toContainText(`published${before}`);

    await listingRow(page)
      .getByRole("button", { name: `Edit rules of ${sku} on ${marketplace}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Rules of ${sku} on ${marketplace}` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Buffer/).fill("1");
    await dialog.getByLabel(/^Share %/).fill("50");
    const preview = dialog.getByRole("region", { name: "Preview" });
    await expect(preview.getByTestId("preview-publishable")).toHaveText(`${before} → ${expected}`);
    await expect(preview).toContainText("− buffer 1");
    await expect(preview).toContainText("× share 50 %");
    // An impossible share is refused before anything is sent, and Save waits for a preview.
    await dialog.getByLabel(/^Share %/).fill("0");
    await expect(dialog).toContainText("Share %: at least 1 %");
    await expect(dialog.getByRole("button", { name: "Save rules" })).toBeDisabled();
    await dialog.getByLabel(/^Share %/).fill("50");
    await expect(preview.getByTestId("preview-publishable")).toHaveText(`${before} → ${expected}`);
    const axe = await new AxeBuilder({ page }).include("dialog").analyze();
    expect(axe.violations).toEqual([]);
    await attachScreenshot(page, testInfo, "listing-rules-preview");

    // The marketplace holds the push for a while: the page shows it pending meanwhile.
    await holdRefurbedPushes(6_000);
    const sentBefore = (await refurbedQuantitiesSent()).length;
    await dialog.getByRole("button", { name: "Save rules" }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole("status").filter({ hasText: "Rules saved on 1 listing" }),
    ).toContainText("1 new quantity to push");
    await expect(listingRow(page)).toContainText("buffer 1 · 50 %");
    await expect.poll(() => numberUnder(page, "Publishable")).toBe(expected);
    await expect(listingRow(page)).toContainText("pending");
    await attachScreenshot(page, testInfo, "listing-rules-saved-pending");

    // Then it is sent: the marketplace got the new number and the row is in sync.
    await expect
      .poll(async () => (await refurbedQuantitiesSent()).slice(sentBefore), { timeout: 20_000 })
      .toContainEqual({ identifier: { id: offerId }, stock: expected });
    await expect(async () => {
      await page.reload();
      await expect(listingRow(page)).toContainText("in sync");
    }).toPass({ timeout: 20_000 });

    // Put it back, so other specs see the listing as the demo has it.
    await listingRow(page)
      .getByRole("button", { name: `Edit rules of ${sku} on ${marketplace}` })
      .click();
    await dialog.getByLabel(/^Buffer/).fill("0");
    await dialog.getByLabel(/^Share %/).fill("");
    await expect(preview.getByTestId("preview-publishable")).toHaveText(`${expected} → ${before}`);
    await dialog.getByRole("button", { name: "Save rules" }).click();
    await expect(dialog).toBeHidden();
    await expect(listingRow(page)).toContainText("no rules");
  });

  test("admin: a bulk preview counts the selected listings; at phone width the page still works", async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "admin");
    await page.goto(`/v2/listing?q=${sku}`);
    const rows = page.getByRole("table", { name: "Listing" }).locator("tbody tr");
    // The rows stream in after the page shell: count them once the second one is there.
    await expect(rows.nth(1)).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    await page.getByRole("checkbox", { name: "Select every listing on this page" }).check();
    await page.getByRole("button", { name: `Edit rules of ${count} selected` }).click();
    const dialog = page.getByRole("dialog", { name: `Rules of ${count} selected listing(s)` });
    await dialog.getByLabel("change max").check();
    await dialog.getByLabel(/^Max/).fill("1");
    await expect(dialog.getByTestId("preview-counts")).toContainText(
      `${count} listing(s) · ${count} with new rules`,
    );
    await expect(dialog.getByRole("table", { name: "Examples" })).toContainText(sku);
    await attachScreenshot(page, testInfo, "listing-rules-bulk-preview-390");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(rows.first()).not.toContainText("max 1");
  });

  test("viewer: no rule editor, and 'why?' still explains each number", async ({ page }) => {
    await signInAs(page, "viewer");
    await page.goto(`/v2/listing?q=${sku}`);
    await expect(listingRow(page)).toHaveCount(1);
    await expect(page.getByRole("button", { name: /Edit rules/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await listingRow(page).getByText("why?").click();
    await expect(listingRow(page).locator("details ol")).toContainText("published");
  });

  test("admin: a marketplace's defaults for new listings are saved and shown again", async ({
    page,
  }, testInfo) => {
    await signInAs(page, "admin");
    await page.goto("/marketplaces");
    await page.getByRole("link", { name: "Edit bm-it" }).click();
    const form = page.getByRole("form", { name: "Defaults for new listings" });
    await expect(form.getByLabel(/^Buffer/)).toHaveValue("0");
    await form.getByLabel(/^Buffer/).fill("2");
    await form.getByLabel(/^Max/).fill("5");
    await form.getByRole("button", { name: "Save defaults" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Defaults for new listings saved." }),
    ).toBeVisible();
    await page.reload();
    await expect(form.getByLabel(/^Buffer/)).toHaveValue("2");
    await expect(form.getByLabel(/^Max/)).toHaveValue("5");
    await expect(form.getByLabel(/^Share %/)).toHaveValue("");
    const axe = await new AxeBuilder({ page }).include("form[aria-label]").analyze();
    expect(axe.violations).toEqual([]);
    await attachScreenshot(page, testInfo, "marketplace-listing-defaults");
    // Back as the demo has them.
    await form.getByLabel(/^Buffer/).fill("0");
    await form.getByLabel(/^Max/).fill("");
    await form.getByRole("button", { name: "Save defaults" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Defaults for new listings saved." }),
    ).toHaveCount(1);
  });
});
