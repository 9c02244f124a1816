// Returns in a real browser against the production build, with the marketplace simulator:
// a refund after shipping shows up as an expected return; an operator receives it, an admin
// restocks it, and the listing's on-hand, available and publishable quantities grow by the
// returned unit on /v2/listing. The page passes axe at a phone's width.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { listingNumbers, openOrder, syncNow } from "./fixtures/dashboard-steps";
import { E2E_PREPARED_RETURNS } from "./fixtures/prepared-returns";
import { attachScreenshot } from "./fixtures/screenshot";
import { signInAs } from "./fixtures/sign-in";
import {
  addSimulatorOrder,
  advanceSimulatorOrder,
  roomySku,
  simulatedCodes,
} from "./fixtures/simulator";

const simBm = simulatedCodes.backmarket;

test.describe("returns", () => {
  test("refund after shipping → expected return → received → restocked: the listing's publishable quantity grows", async ({
    page,
  }, testInfo) => {
    const externalId = await addSimulatorOrder(roomySku);
    await signInAs(page, "admin");
    await syncNow(page, "new", simBm);
    await advanceSimulatorOrder(externalId, "shipped");
    await syncNow(page, "modified", simBm);
    await advanceSimulatorOrder(externalId, "returned"); // Back Market line state 6
    await syncNow(page, "modified", simBm);

    await openOrder(page, externalId);
    const lines = page.getByRole("table", { name: "Order lines" });
    await expect(lines).toContainText("expected");
    const listingUrl = await lines.getByRole("link", { name: roomySku }).getAttribute("href");
    if (!listingUrl) throw new Error("no listing link on the order line");
    const before = await listingNumbers(page, listingUrl, simBm);

    await page.goto(`/returns?q=${externalId}`);
    const table = page.getByRole("table", { name: "Returns" });
    const row = table.locator("tbody tr").filter({ hasText: externalId });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("expected");
    await expect(row).toContainText("Back Market refund after shipping");
    await attachScreenshot(page, testInfo, "returns-expected");

    await row.getByRole("button", { name: /^Receive return/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "received" })).toBeVisible();
    await expect(row).toContainText("received");
    // Receiving moves no stock.
    expect(await listingNumbers(page, listingUrl, simBm)).toEqual(before);

    await page.goto(`/returns?q=${externalId}`);
    await row.getByRole("button", { name: /^Restock return/ }).click();
    const dialog = page.getByRole("dialog", { name: /Restock return/ });
    await expect(dialog).toBeVisible();
    await attachScreenshot(page, testInfo, "restock-dialog");
    await dialog.getByRole("button", { name: "Restock" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Restocked 1 unit" })).toContainText(
      `as ${roomySku}`,
    );
    // The default view lists what waits for staff: the restocked return has left it.
    await expect(row).toHaveCount(0);
    await page.goto(`/returns?q=${externalId}&status=restocked`);
    await expect(row).toContainText(`restocked as ${roomySku}`);

    const after = await listingNumbers(page, listingUrl, simBm);
    expect(after).toEqual({
      ...before,
      onHand: before.onHand + 1,
      available: before.available + 1,
      // No buffer on the simulated listings: publishable follows available.
      publishable: before.publishable + 1,
    });
    await attachScreenshot(page, testInfo, "listing-after-restock");
  });

  test("viewer: reads /returns without action buttons; the page passes axe at a phone's width", async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "viewer");
    await page.goto("/returns?status=expected,received,restocked,written_off");
    await expect(page.getByRole("heading", { level: 1, name: "Returns" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Returns" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Summary" })).toContainText("Expected");
    // The prepared returns (e2e/prepare/40-returns.ts) wait for staff, but not for a viewer.
    const rows = page.getByRole("table", { name: "Returns" }).locator("tbody tr");
    await expect(rows.filter({ hasText: "Manual (staff)" })).toHaveCount(E2E_PREPARED_RETURNS);
    await expect(
      page.getByRole("button", { name: /^(Receive|Restock|Write off) return/ }),
    ).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await attachScreenshot(page, testInfo, "returns-viewer-phone");
  });

  test("operator: may receive, but restocking and writing off are an admin's", async ({ page }) => {
    await signInAs(page, "operator");
    await page.goto("/returns?source=manual");
    const rows = page.getByRole("table", { name: "Returns" }).locator("tbody tr");
    await expect(rows.filter({ hasText: "expected" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Receive return/ }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Restock|Write off) return/ })).toHaveCount(0);
  });
});
