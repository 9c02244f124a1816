// The oversell window's fast path in a real browser: a sale on the seller's Shopify shop
// reaches the app as a signed webhook, locks its unit (shown on the order page), and the other
// channels (simulated Back Market and Refurbed) are pushed the lower quantity at once, without
// anyone pressing "sync now". The numbers shown are compared with what the channels received.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { demoCatalogue } from "@/lib/marketplaces/simulator/catalogue";
import { listingNumbers } from "./fixtures/dashboard-steps";
import { attachScreenshot } from "./fixtures/screenshot";
import { signInAs } from "./fixtures/sign-in";
import { addShopifySale, simulatedCodes, simulatorWrites } from "./fixtures/simulator";

/** A SKU no other spec sells: its numbers move only here. */
const sku = "PIX7-128-SNO-A";
const entry = demoCatalogue.find((candidate) => candidate.sku === sku);

/** The Publishable number of one listing row (variation × marketplace) on /v2/listing. */
async function publishableOn(page: Page, marketplace: string): Promise<number> {
  return (await listingNumbers(page, `/v2/listing?q=${sku}`, marketplace)).publishable;
}

/** The quantity last pushed for the SKU to a channel, after write `since`. */
async function lastPushed(channel: "backmarket" | "refurbed", since: number) {
  const writes = (await simulatorWrites()).filter((write) => write.seq > since);
  const mine = writes.filter((write) =>
    channel === "backmarket"
      ? write.path.endsWith(`/ws/listings/${entry?.bmListingId}`)
      : write.path.endsWith("OfferService/UpdateOffer") &&
        JSON.stringify(write.body).includes(`"${entry?.rfOfferId}"`),
  );
  const last = mine.at(-1);
  if (!last) return null;
  return Number(channel === "backmarket" ? last.body.quantity : last.body.stock);
}

test("sale on the shop → lock on the order page → lower quantity on the other channels", async ({
  page,
}, testInfo) => {
  if (!entry) throw new Error(`${sku} is not in the demo catalogue`);
  const before = (await simulatorWrites()).reduce((max, write) => Math.max(max, write.seq), 0);
  const sale = await addShopifySale(sku, 1);
  const externalId = String(sale.id);

  await signInAs(page, "viewer");
  // The webhook, not a sync, brings the order in: poll the list until it is there.
  await expect(async () => {
    await page.goto(`/orders?q=${externalId}`);
    await expect(
      page
        .getByRole("table", { name: "Orders" })
        .getByRole("link", { name: externalId, exact: true }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page
    .getByRole("table", { name: "Orders" })
    .locator("tbody tr")
    .filter({ hasText: simulatedCodes.shopify })
    .getByRole("link", { name: externalId, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${externalId}` })).toBeVisible();
  const lines = page.getByRole("table", { name: "Order lines" });
  await expect(lines).toContainText(sku);
  await expect(lines).toContainText("locked · 1 unit");
  await attachScreenshot(page, testInfo, "shopify-sale-locked");

  // The other channels were pushed what the listing page calls publishable: one unit fewer.
  const publishableBm = await publishableOn(page, simulatedCodes.backmarket);
  const publishableRf = await publishableOn(page, simulatedCodes.refurbed);
  expect(publishableBm).toBe(entry.stock - 1);
  expect(publishableRf).toBe(entry.stock - 1);
  await expect
    .poll(() => lastPushed("backmarket", before), { timeout: 15_000 })
    .toBe(publishableBm);
  await expect.poll(() => lastPushed("refurbed", before), { timeout: 15_000 }).toBe(publishableRf);
  await attachScreenshot(page, testInfo, "shopify-sale-listing");
});

test("admin: the shop's settings and 'Subscribe webhooks' on its page, at phone width, accessible", async ({
  page,
  baseURL,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin");
  await page.goto("/marketplaces");
  await page
    .getByRole("table", { name: "Marketplaces" })
    .getByRole("link", { name: `Edit ${simulatedCodes.shopify}`, exact: true })
    .click();
  await expect(page.getByLabel(/Shop domain/)).toHaveValue("refurb-demo-shop.myshopify.com");
  await expect(page.getByLabel(/Location id/)).toHaveValue("gid://shopify/Location/1");
  const webhooks = page.getByRole("region", { name: "Shopify webhooks" });
  await expect(webhooks).toContainText(`/api/webhooks/shopify/${simulatedCodes.shopify}`);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Nothing wider than the phone: the elements sticking out are named when it fails.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((element) => element.getBoundingClientRect().right > 391)
      .map((element) => `${element.tagName.toLowerCase()} ${element.textContent?.slice(0, 40)}`),
  );
  expect(overflowing).toEqual([]);

  await webhooks.getByLabel("Public URL of this install").fill(baseURL ?? "");
  await webhooks.getByRole("button", { name: "Subscribe webhooks" }).click();
  await expect(webhooks.getByRole("status")).toContainText("8 subscription(s) created");
  await attachScreenshot(page, testInfo, "shopify-webhooks-subscribed");
  // Again: nothing new, every topic already points here.
  await webhooks.getByRole("button", { name: "Subscribe webhooks" }).click();
  await expect(webhooks.getByRole("status")).toContainText("0 subscription(s) created, 8 already");
});
