// ShopifyClient against the simulated shop: orders by updated_at with cursor paging, the unit
// layout of partly fulfilled and refunded lines, cost-based throttling, token refresh, and
// inventory writes with the compare and idempotency rules of the pinned version.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OrderResult } from "../adapter";
import { demoShopify } from "../simulator/catalogue";
import { type Simulator, startSimulator } from "../simulator/server";
import { captureLogger, fastTimings, must } from "../testing/fast-clients";
import { ShopifyClient, type ShopifyCredentials } from "./client";
import { shopifySettingsSchema } from "./settings";

let sim: Simulator;
let log: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  sim = await startSimulator({ seed: 3 });
  log = captureLogger();
});
afterEach(async () => {
  await sim.close();
});

function client(
  options: {
    apiVersion?: string;
    credentials?: ShopifyCredentials;
    limits?: { maxPagesPerListing: number };
  } = {},
) {
  return new ShopifyClient({
    marketplaceId: 3,
    code: "shop",
    baseUrl: sim.url,
    logger: log.logger,
    timings: fastTimings(),
    limits: options.limits,
    settings: shopifySettingsSchema.parse({
      shopDomain: "refurb-demo-shop.myshopify.com",
      locationId: "gid://shopify/Location/1",
      apiVersion: options.apiVersion ?? "2026-04",
    }),
    credentials: options.credentials ?? { kind: "static", token: demoShopify.token },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const okOrders = (results: OrderResult[]) =>
  results.map((result) => {
    if (!result.ok) throw new Error(`unexpected failure ${JSON.stringify(result.failure)}`);
    return result.order;
  });

const graphqlCalls = () =>
  log
    .lines()
    .filter(
      (line) => line.msg === "marketplace request" && String(line.path).endsWith("graphql.json"),
    );

describe("ShopifyClient orders", () => {
  it("pages every order updated since a date, 25 a page, each once", async () => {
    const skus = sim.shopify.shop.variants.map((v) => v.sku);
    for (let i = 0; i < 60; i++)
      sim.shopify.shop.createOrder({ lines: [{ sku: skus[i % 5] as string }] });
    const orders = okOrders(
      await collect(client().listOrdersModifiedSince(new Date(Date.now() - 60_000))),
    );
    expect(orders).toHaveLength(60);
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(60);
    expect(graphqlCalls()).toHaveLength(3);
    const first = must(orders[0]);
    expect(first.items).toEqual([
      expect.objectContaining({ quantity: 1, status: "accepted", marketplaceState: "unfulfilled" }),
    ]);
    expect(first.items[0]?.externalId).toMatch(/^\d+#1$/);
  });

  it("leaves out orders updated before the window (minus the overlap)", async () => {
    const old = sim.shopify.shop.createOrder({
      lines: [{ sku: "IPH13-128-MID-A" }],
      createdAt: new Date(Date.now() - 3_600_000),
    });
    const recent = sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    const orders = okOrders(
      await collect(client().listOrdersModifiedSince(new Date(Date.now() - 600_000))),
    );
    expect(orders.map((o) => o.externalId)).toEqual([String(recent.id)]);
    expect(orders.map((o) => o.externalId)).not.toContain(String(old.id));
  });

  it("splits a line of 3 with 1 fulfilled and 1 refunded before fulfilment into units that keep their state", async () => {
    const shop = sim.shopify.shop;
    const order = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 3 }] });
    const lineId = must(order.lines[0]).id;
    shop.fulfil(order.id, [{ lineId, quantity: 1 }]);
    shop.refund(order.id, [{ lineId, quantity: 1, restockType: "cancel" }]);
    const result = must(await client().getOrder(String(order.id)));
    const statuses = okOrders([result])[0]?.items.map((i) => [i.externalId, i.status]);
    expect(statuses).toEqual([
      [`${lineId}#1`, "shipped"],
      [`${lineId}#2`, "accepted"],
      [`${lineId}#3`, "cancelled"],
    ]);
  });

  it("reports a refund after fulfilment as refunded on the fulfilled unit", async () => {
    const shop = sim.shopify.shop;
    const order = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }] });
    const lineId = must(order.lines[0]).id;
    shop.fulfil(order.id, [{ lineId, quantity: 1 }]);
    shop.refund(order.id, [{ lineId, quantity: 1, restockType: "return" }]);
    const items = okOrders([must(await client().getOrder(String(order.id)))])[0]?.items;
    expect(items?.map((i) => [i.externalId, i.status, i.marketplaceState])).toEqual([
      [`${lineId}#1`, "refunded", "refunded_after_fulfilment"],
      [`${lineId}#2`, "accepted", "unfulfilled"],
    ]);
  });

  it("maps pending payment, cancellation and full fulfilment", async () => {
    const shop = sim.shopify.shop;
    const pending = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }], paid: false });
    const cancelled = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    shop.cancel(cancelled.id);
    const shipped = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }] });
    shop.fulfil(shipped.id);
    const c = client();
    const status = async (id: number) =>
      okOrders([must(await c.getOrder(String(id)))])[0]?.items.map((i) => i.status);
    expect(await status(pending.id)).toEqual(["pending"]);
    expect(await status(cancelled.id)).toEqual(["cancelled"]);
    expect(await status(shipped.id)).toEqual(["shipped", "shipped"]);
    expect(await c.getOrder("999")).toBeNull();
  });

  it("reads every line of an order with more than the first page of lines", async () => {
    const skus = sim.shopify.shop.variants.map((v) => v.sku);
    const order = sim.shopify.shop.createOrder({ lines: skus.map((sku) => ({ sku })) });
    const items = okOrders([must(await client().getOrder(String(order.id)))])[0]?.items ?? [];
    expect(items).toHaveLength(skus.length);
    expect(skus.length).toBeGreaterThan(10);
  });

  it("reads a line of 250 units (a B2B lot) as 250 items, 10 of them shipped", async () => {
    const shop = sim.shopify.shop;
    const order = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 250 }] });
    const lineId = must(order.lines[0]).id;
    shop.fulfil(order.id, [{ lineId, quantity: 10 }]);
    const items = okOrders([must(await client().getOrder(String(order.id)))])[0]?.items ?? [];
    expect(items).toHaveLength(250);
    expect(items.filter((i) => i.status === "shipped")).toHaveLength(10);
    expect(items.filter((i) => i.status === "accepted")).toHaveLength(240);
    expect(new Set(items.map((i) => i.externalId)).size).toBe(250);
  });

  it("new orders: paid and pending orders with units to ship, not fulfilled or cancelled ones", async () => {
    const shop = sim.shopify.shop;
    const open = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    const partial = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }] });
    shop.fulfil(partial.id, [{ lineId: must(partial.lines[0]).id, quantity: 1 }]);
    const done = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    shop.fulfil(done.id);
    const cancelled = shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    shop.cancel(cancelled.id);
    const ids = okOrders(await collect(client().listNewOrders())).map((o) => o.externalId);
    expect(ids.sort()).toEqual([String(open.id), String(partial.id)].sort());
  });

  it("stops paging at the page limit and says why, after yielding what it read", async () => {
    for (let i = 0; i < 30; i++)
      sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    const seen: string[] = [];
    await expect(async () => {
      for await (const result of client({
        limits: { maxPagesPerListing: 1 },
      }).listOrdersModifiedSince(new Date(0))) {
        if (result.ok) seen.push(result.order.externalId);
      }
    }).rejects.toThrow(/paging stopped after 1 pages/);
    expect(seen).toHaveLength(25);
  });
});

describe("ShopifyClient throttling", () => {
  it("waits for the bucket when Shopify answers THROTTLED, then gets the page", async () => {
    sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    sim.shopify.bucket.configure({
      maximumAvailable: 2_000,
      restoreRate: 4_000,
      currentlyAvailable: 0,
    });
    const started = Date.now();
    const orders = okOrders(await collect(client().listOrdersModifiedSince(new Date(0))));
    expect(orders).toHaveLength(1);
    expect(log.lines().some((line) => line.msg === "Shopify throttled the call; waiting")).toBe(
      true,
    );
    // (902 − 0) / 4000 points per second: about a quarter second, not the 1 s blind wait.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("waits before a call the bucket cannot pay for, instead of being throttled", async () => {
    for (let i = 0; i < 60; i++)
      sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    // Room for two pages in a burst, then 2,000 points a second.
    sim.shopify.bucket.configure({
      maximumAvailable: 1_900,
      restoreRate: 2_000,
      currentlyAvailable: 1_900,
    });
    const orders = okOrders(await collect(client().listOrdersModifiedSince(new Date(0))));
    expect(orders).toHaveLength(60);
    expect(
      log.lines().filter((line) => line.msg === "Shopify throttled the call; waiting"),
    ).toHaveLength(0);
  });
});

describe("ShopifyClient tokens", () => {
  const credentials: ShopifyCredentials = {
    kind: "client_credentials",
    clientId: demoShopify.clientId,
    clientSecret: demoShopify.clientSecret,
  };

  it("gets a client-credentials token once and reuses it", async () => {
    const c = client({ credentials });
    await c.testConnection();
    await c.testConnection();
    expect(sim.shopify.tokens.issuedCount).toBe(1);
  });

  it("requests a new token when Shopify refuses an expired one", async () => {
    const c = client({ credentials });
    await c.testConnection();
    sim.shopify.tokens.expireAll();
    await c.testConnection();
    expect(sim.shopify.tokens.issuedCount).toBe(2);
  });

  it("renews a token before it expires", async () => {
    await sim.close();
    sim = await startSimulator({ seed: 3, shopify: { credentials: { tokenLifetimeS: 1 } } });
    const c = client({ credentials });
    await c.testConnection();
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Half its life gone: renewed before the call, never refused.
    await c.testConnection();
    expect(sim.shopify.tokens.issuedCount).toBe(2);
    expect(log.lines().filter((line) => line.status === 401)).toHaveLength(0);
  });

  it("refuses wrong client credentials and a wrong static token (401)", async () => {
    await expect(
      client({ credentials: { ...credentials, clientSecret: "wrong" } }).testConnection(),
    ).rejects.toMatchObject({ httpStatus: 401 });
    await expect(
      client({ credentials: { kind: "static", token: "nope" } }).testConnection(),
    ).rejects.toMatchObject({
      httpStatus: 401,
    });
  });
});

describe("ShopifyClient inventory", () => {
  const item = (sku: string) =>
    `gid://shopify/InventoryItem/${must(sim.shopify.shop.variantBySku(sku)).inventoryItemId}`;

  it("lists each SKU's inventory item and available quantity at the location", async () => {
    const listings = await collect(client().listListings());
    expect(listings.every((l) => l.ok)).toBe(true);
    expect(listings.find((l) => l.ok && l.listing.sku === "IPH13-128-MID-A")).toEqual({
      ok: true,
      listing: { sku: "IPH13-128-MID-A", externalListingId: item("IPH13-128-MID-A"), quantity: 12 },
    });
  });

  it("refuses a SKU carried by two variants", async () => {
    const twin = must(sim.shopify.shop.variants[1]);
    twin.sku = "IPH13-128-MID-A";
    const listings = await collect(client().listListings());
    const failure = listings.find((l) => !l.ok);
    expect(failure).toMatchObject({ ok: false, failure: { externalId: "IPH13-128-MID-A" } });
    expect(listings.some((l) => l.ok && l.listing.sku === "IPH13-128-MID-A")).toBe(false);
  });

  for (const apiVersion of ["2025-10", "2026-01", "2026-04"]) {
    it(`sets available with a compare against the quantity read (${apiVersion})`, async () => {
      await client({ apiVersion }).setListingQuantity(item("IPH13-128-MID-A"), 7);
      const sets = sim.shopify.shop.quantitySets;
      expect(sets).toHaveLength(1);
      expect(sets[0]).toMatchObject({
        sku: "IPH13-128-MID-A",
        previous: 12,
        quantity: 7,
        locationId: 1,
      });
      expect(sets[0]?.at).toBeInstanceOf(Date);
    });
  }

  it("re-reads and retries when a sale changed the quantity between read and write", async () => {
    const shop = sim.shopify.shop;
    const c = client();
    let raced = false;
    const original = shop.available.bind(shop);
    shop.available = (inventoryItemId, locationId) => {
      const value = original(inventoryItemId, locationId);
      // A sale lands right after the client's first read.
      if (!raced && shop.quantitySets.length === 0) {
        raced = true;
        queueMicrotask(() => shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] }));
      }
      return value;
    };
    await c.setListingQuantity(item("IPH13-128-MID-A"), 5);
    expect(original(must(shop.variantBySku("IPH13-128-MID-A")).inventoryItemId, 1)).toBe(5);
    expect(shop.quantitySets).toHaveLength(1);
    expect(shop.quantitySets[0]?.previous).toBe(11);
  });

  it("writes nothing when the shop already shows the quantity", async () => {
    await client().setListingQuantity(item("IPH13-128-MID-A"), 12);
    expect(sim.shopify.shop.quantitySets).toHaveLength(0);
  });

  it("the 2026-04 shop refuses a set without changeFromQuantity or without an idempotency key", async () => {
    const call = async (query: string, variables: unknown) => {
      const response = await fetch(`${sim.url}/admin/api/2026-04/graphql.json`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-access-token": demoShopify.token,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    };
    const input = {
      name: "available",
      reason: "correction",
      quantities: [
        {
          inventoryItemId: item("IPH13-128-MID-A"),
          locationId: "gid://shopify/Location/1",
          quantity: 3,
        },
      ],
    };
    const mutation = `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "k-1") { userErrors { code } } }`;
    const noKey = `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }`;
    expect((await call(mutation, { input })).errors?.[0]?.message).toMatch(
      /changeFromQuantity is required/,
    );
    const withCompare = {
      ...input,
      quantities: [{ ...input.quantities[0], changeFromQuantity: 12 }],
    };
    expect((await call(noKey, { input: withCompare })).errors?.[0]?.message).toMatch(/@idempotent/);
    // The same key twice applies once.
    await call(mutation, { input: withCompare });
    await call(mutation, { input: withCompare });
    expect(sim.shopify.shop.quantitySets).toHaveLength(1);
  });
});
