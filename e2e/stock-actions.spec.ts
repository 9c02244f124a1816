// The dashboard's actions in a real browser against the production build, with "sync now"
// talking to the marketplace simulator: operators sync and resync, admins release locks,
// viewers see no buttons and are refused when they post an action anyway.
import { type Browser, expect, type Page, type Request, test } from "@playwright/test";
import { listingNumbers, openOrder, syncNow } from "./fixtures/dashboard-steps";
import { attachScreenshot } from "./fixtures/screenshot";
import { signInAs } from "./fixtures/sign-in";
import {
  addSimulatorOrder,
  advanceSimulatorOrder,
  roomySku,
  simulatedCodes,
} from "./fixtures/simulator";
import type { e2eUsers } from "./fixtures/users";

const simBm = simulatedCodes.backmarket;

test.describe("dashboard actions", () => {
  test("operator: sync now, the run finishes, the new lock is on the order; resync follows a shipment", async ({
    page,
  }, testInfo) => {
    const externalId = await addSimulatorOrder(roomySku);
    await signInAs(page, "operator");

    await syncNow(page, "new", simBm);
    await attachScreenshot(page, testInfo, "sync-now-finished");

    await openOrder(page, externalId);
    const lines = page.getByRole("table", { name: "Order lines" });
    await expect(lines).toContainText("locked · 1 unit");
    await expect(page.getByRole("button", { name: "Resync this order" })).toBeVisible();
    // Releasing is an admin's call.
    await expect(page.getByRole("button", { name: /Release lock/ })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "order-locked-operator");

    // Shipped on the marketplace; "resync this order" follows it into a consumed lock.
    await advanceSimulatorOrder(externalId, "shipped");
    await page.getByRole("button", { name: "Resync this order" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `updated from ${simBm}: shipped` }),
    ).toContainText("1 consumed");
    await expect(lines).toContainText("consumed · 1 unit");

    // The listing's own button starts the stock sync.
    await page.goto("/v2/listing");
    const stock = page.getByRole("form", { name: "Sync stock now" });
    await stock.getByLabel("Marketplace").selectOption({ label: simBm });
    await stock.getByRole("button", { name: "Sync stock now" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `stock sync of ${simBm} started` }),
    ).toBeVisible();
    await attachScreenshot(page, testInfo, "listing-sync-stock-now");
  });

  test("admin: release a lock with a reason; the badge and the listing change", async ({
    page,
  }, testInfo) => {
    const externalId = await addSimulatorOrder(roomySku, 2);
    await signInAs(page, "admin");
    await syncNow(page, "new", simBm);
    await openOrder(page, externalId);
    const orderUrl = page.url();
    const lines = page.getByRole("table", { name: "Order lines" });
    await expect(lines).toContainText("locked · 2 units");
    const listingUrl = await lines.getByRole("link", { name: roomySku }).getAttribute("href");
    if (!listingUrl) throw new Error("no listing link on the order line");
    const before = await listingNumbers(page, listingUrl, simBm);

    await page.goto(orderUrl);
    await page.getByRole("button", { name: /^Release lock of line/ }).click();
    const dialog = page.getByRole("dialog", { name: /Release the lock of line/ });
    await expect(dialog).toBeVisible();
    // Cancel changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(lines).toContainText("locked · 2 units");

    await page.getByRole("button", { name: /^Release lock of line/ }).click();
    await dialog.getByLabel("Reason (required)").fill("Customer cancelled by phone");
    await attachScreenshot(page, testInfo, "release-lock-dialog");
    await dialog.getByRole("button", { name: "Release lock" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Lock released" })).toContainText(
      `2 units of ${roomySku} are free again`,
    );
    await expect(lines).toContainText("cancelled · 2 units");
    await expect(lines.locator("dt", { hasText: "released" })).toBeVisible();
    await expect(lines).toContainText("“Customer cancelled by phone” — admin@e2e.test");
    await expect(page.getByRole("button", { name: /^Release lock of line/ })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "order-lock-released");

    const after = await listingNumbers(page, listingUrl, simBm);
    expect(after).toEqual({
      onHand: before.onHand,
      lockedHere: before.lockedHere - 2,
      lockedTotal: before.lockedTotal - 2,
      available: before.available + 2,
      // No buffer on the simulated listings: publishable follows available.
      publishable: before.publishable + 2,
    });
    await attachScreenshot(page, testInfo, "listing-after-release");
  });

  test("viewer: no action buttons, and an action posted anyway is refused with nothing changed", async ({
    browser,
  }, testInfo) => {
    // An admin's release and sync-now requests, captured and stopped before the server.
    const admin = await signedInPage(browser, "admin");
    await admin.goto("/v2/stock-locks?status=locked");
    await admin
      .getByRole("table", { name: "Stock locks" })
      .locator("tbody tr")
      .first()
      .locator('a[href^="/orders/"]')
      .click();
    await expect(admin).toHaveURL(/\/orders\/\d+$/);
    const orderUrl = admin.url();
    const release = await captureAction(admin, async () => {
      await admin
        .getByRole("button", { name: /^Release lock of line/ })
        .first()
        .click();
      const dialog = admin.getByRole("dialog");
      await dialog.getByLabel("Reason (required)").fill("viewer replay test");
      await dialog.getByRole("button", { name: "Release lock" }).click();
    });
    await admin.goto("/sync");
    const sync = await captureAction(admin, () =>
      admin.getByRole("form", { name: "Sync now" }).getByRole("button").click(),
    );
    await admin.context().close();

    const viewer = await signedInPage(browser, "viewer");
    await viewer.goto(orderUrl);
    const lines = viewer.getByRole("table", { name: "Order lines" });
    await expect(lines).toBeVisible();
    const lockedBefore = await lines.getByText(/^locked · /).count();
    expect(lockedBefore).toBeGreaterThan(0);
    await expect(viewer.getByRole("button", { name: "Resync this order" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: /Release lock/ })).toHaveCount(0);
    await attachScreenshot(viewer, testInfo, "order-viewer");

    expect(await replay(viewer, release)).toContain('"forbidden"');
    await viewer.reload();
    await expect(lines.getByText(/^locked · /)).toHaveCount(lockedBefore);

    await viewer.goto("/sync");
    await expect(viewer.getByRole("form", { name: "Sync now" })).toHaveCount(0);
    const caption = viewer.getByText(/^[\d,]+ runs$/);
    const runsBefore = await caption.textContent();
    expect(await replay(viewer, sync)).toContain('"forbidden"');
    await viewer.reload();
    await expect(caption).toHaveText(runsBefore ?? "");
    await attachScreenshot(viewer, testInfo, "sync-viewer");

    await viewer.goto("/v2/listing");
    await expect(viewer.getByRole("table", { name: "Listing" })).toBeVisible();
    await expect(viewer.getByRole("form", { name: "Sync stock now" })).toHaveCount(0);
    await viewer.context().close();
  });
});

async function signedInPage(browser: Browser, role: keyof typeof e2eUsers): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, role);
  return page;
}

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Runs `act`, catches the server-action POST it makes and aborts it (nothing reaches the server). */
async function captureAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  let captured: Request | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = request;
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await act();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unroute("**/*");
  if (!captured) throw new Error("no server action was posted");
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree"];
  const headers = Object.fromEntries(
    Object.entries(captured.headers()).filter(([name]) => keep.includes(name)),
  );
  return { url: captured.url(), headers, body: captured.postData() ?? "" };
}

/** Posts a captured server action from this page (its cookies, same origin); the raw answer. */
async function replay(page: Page, action: CapturedAction): Promise<string> {
  return page.evaluate(async ({ url, headers, body }) => {
    const response = await fetch(url, { method: "POST", headers, body });
    return response.text();
  }, action);
}
