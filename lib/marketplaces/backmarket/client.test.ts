// BackMarketClient against the simulator: every endpoint it uses, auth failures, pagination,
// and the faults NOTES.md warns about.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OrderResult } from "../adapter";
import type { ClientTimings } from "../client-options";
import { MarketplaceHttpError } from "../http/errors";
import { demoTokens } from "../simulator/catalogue";
import { type Simulator, startSimulator } from "../simulator/server";
import { captureLogger, fastTimings, must } from "../testing/fast-clients";
import { BackMarketClient } from "./client";

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
  overrides: { token?: string; userAgent?: string; timings?: Partial<ClientTimings> } = {},
) {
  return new BackMarketClient({
    marketplaceId: 1,
    code: "bm-fr",
    baseUrl: sim.url,
    token: overrides.token ?? demoTokens.backmarket,
    country: "fr-fr",
    userAgent: overrides.userAgent ?? "BM-Stocklock-Tests;dev@example.com",
    logger: log.logger,
    timings: fastTimings(overrides.timings),
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const ids = (results: OrderResult[]) =>
  results.map((r) => (r.ok ? r.order.externalId : `!${r.failure.externalId}`));
const orderRequests = () =>
  log
    .lines()
    .filter(
      (line) => line.msg === "marketplace request" && String(line.path).startsWith("/ws/orders?"),
    );

function addPaidOrders(count: number) {
  return Array.from({ length: count }, (_, index) =>
    sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: sim.store.listings[index % 14]?.sku ?? "X" }],
    }),
  );
}

describe("BackMarketClient", () => {
  it("refuses a wrong token (401) and a missing User-Agent (CDN 403) without retrying", async () => {
    await expect(client({ token: "wrong" }).testConnection()).rejects.toMatchObject({
      code: "unauthorized",
      httpStatus: 401,
    });
    const error = await client({ userAgent: "curl/8.0" })
      .testConnection()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketplaceHttpError);
    expect((error as MarketplaceHttpError).httpStatus).toBe(403);
    expect((error as MarketplaceHttpError).message).toMatch(/HTML page/);
    expect(
      log.lines().filter((line) => line.msg === "marketplace request failed; retrying"),
    ).toHaveLength(0);
    await expect(client().testConnection()).resolves.toBeUndefined();
  });

  it("pages through new orders by 50 following `next`, and clamps larger page sizes", async () => {
    const created = addPaidOrders(120);
    sim.addOrder({ channel: "backmarket", lines: [{ sku: "IPH13-128-MID-A", state: "accepted" }] });
    const results = await collect(client().listNewOrders({ pageSize: 500 }));
    expect(ids(results)).toEqual(created.map((order) => String(order.id)));
    expect(orderRequests().map((line) => line.path)).toEqual([
      "/ws/orders?state=1&page=1&page-size=50",
      "/ws/orders?state=1&page=2&page-size=50",
      "/ws/orders?state=1&page=3&page-size=50",
    ]);
  });

  it("maps an order: statuses per line, unit price from the line total, customer, documents", async () => {
    const order = sim.addOrder({
      channel: "backmarket",
      lines: [
        { sku: "IPH13-128-MID-A", quantity: 2, unitPrice: "489.00" },
        { sku: "NOT-IN-CATALOGUE", state: "cancelled", unitPrice: "10.00" },
      ],
      customer: { firstName: "Camille", lastName: "Martin", country: "FR" },
    });
    const [result] = await collect(client().listNewOrders());
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.order).toMatchObject({
      marketplaceId: 1,
      externalId: String(order.id),
      marketplaceState: "1",
      currency: "EUR",
      totalAmount: "988.00",
      customerName: "Camille Martin",
      shippingCountry: "FR",
      deliveryNoteUrl: `${sim.url}/static/delivery_notes/${order.id}.pdf`,
      labelUrl: null,
    });
    expect(result.order.items).toEqual([
      expect.objectContaining({
        sku: "IPH13-128-MID-A",
        quantity: 2,
        unitPrice: "489.00",
        status: "new",
        marketplaceState: "1",
      }),
      expect.objectContaining({
        sku: "NOT-IN-CATALOGUE",
        quantity: 1,
        status: "cancelled",
        marketplaceState: "4",
      }),
    ]);
  });

  it("lists orders modified since a date, and fetches hidden (state 0/8) orders by id", async () => {
    const old = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "PIX7-128-SNO-A", state: "shipped" }],
      createdAt: new Date(Date.now() - 3 * 86_400_000),
    });
    const recent = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "PIX7-128-SNO-A", state: "accepted" }],
    });
    const checking = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "PIX7-128-SNO-A", state: "payment_check" }],
    });
    const results = await collect(
      client().listOrdersModifiedSince(new Date(Date.now() - 86_400_000)),
    );
    expect(ids(results)).toEqual([String(recent.id)]);
    sim.advanceLines("backmarket", old.id, "returned");
    expect(
      ids(await collect(client().listOrdersModifiedSince(new Date(Date.now() - 60_000)))),
    ).toEqual([String(old.id), String(recent.id)]);
    const hidden = await client().getOrder(String(checking.id));
    expect(hidden?.ok && hidden.order.items[0]?.status).toBe("pending");
    expect(await client().getOrder("999")).toBeNull();
  });

  it("accepts with one POST per SKU (new_state 2), reports a refused SKU, then resolves the label", async () => {
    const order = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "IPH13-128-MID-A" }, { sku: "SGS22-128-BLK-A" }],
    });
    const [a, b] = order.lines.map((line) => ({ externalId: String(line.id), sku: line.sku }));
    const results = await client().acceptItems(String(order.id), [
      must(a),
      must(b),
      { externalId: "1", sku: "NOT-THERE" },
    ]);
    expect(results.map((r) => [r.sku, r.ok])).toEqual([
      ["IPH13-128-MID-A", true],
      ["SGS22-128-BLK-A", true],
      ["NOT-THERE", false],
    ]);
    expect(results[2]?.error).toMatch(/sku not found/);
    expect(sim.writes("backmarket").map((w) => [w.path, w.body, w.status])).toEqual([
      [`/ws/orders/${order.id}`, { order_id: order.id, new_state: 2, sku: "IPH13-128-MID-A" }, 200],
      [`/ws/orders/${order.id}`, { order_id: order.id, new_state: 2, sku: "SGS22-128-BLK-A" }, 200],
      [`/ws/orders/${order.id}`, { order_id: order.id, new_state: 2, sku: "NOT-THERE" }, 400],
    ]);
    const fetched = await client().getOrder(String(order.id));
    expect(fetched?.ok && fetched.order.items.map((item) => item.status)).toEqual([
      "accepted",
      "accepted",
    ]);
    expect(fetched?.ok && fetched.order.labelUrl).toBe(
      `${sim.url}/static/shipment_labels/eu-backmarket-${order.id}-1.pdf`,
    );
    expect(await client().getShippingDocuments(String(order.id))).toEqual({
      labelUrl: `${sim.url}/static/shipment_labels/eu-backmarket-${order.id}-1.pdf`,
      deliveryNoteUrl: `${sim.url}/static/delivery_notes/${order.id}.pdf`,
    });
  });

  it("lists care folders 10 a page, reads open ones in full, and filters by modification date", async () => {
    const orders = addPaidOrders(12);
    for (const order of orders)
      sim.addCareFolder(must(order.lines[0]).id, order.id % 2 ? "open" : "closed");
    const records = await collect(client().listCareRecords());
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.ok)).toBe(true);
    const first = records[0];
    expect(first?.ok && first.record).toMatchObject({
      orderItemExternalId: String(must(orders[0]?.lines[0]).id),
      customerReturn: null,
    });
    const savPaths = log
      .lines()
      .filter((l) => String(l.path).startsWith("/ws/sav"))
      .map((l) => String(l.path));
    expect(savPaths.filter((path) => path.startsWith("/ws/sav?"))).toEqual([
      "/ws/sav?page=1",
      "/ws/sav?page=2",
    ]);
    // Only open folders are read in full (to find return labels).
    const open = sim.store.careFolders.filter((folder) => folder.state === "open");
    expect(savPaths.filter((path) => /^\/ws\/sav\/\d+$/.test(path)).sort()).toEqual(
      open.map((folder) => `/ws/sav/${folder.id}`).sort(),
    );
    expect(await collect(client().listCareRecords(new Date(Date.now() + 120_000)))).toEqual([]);
  });

  it("a customer-to-merchant label that has not expired makes a care record a customer return", async () => {
    const [a, b, c] = addPaidOrders(3).map((order) => must(order.lines[0]).id);
    sim.addCareFolder(must(a), "open", { kind: "CUSTOMER_TO_MERCHANT", state: "USED" });
    sim.addCareFolder(must(b), "open", { kind: "CUSTOMER_TO_MERCHANT", state: "EXPIRED" });
    sim.addCareFolder(must(c), "open", { kind: "MERCHANT_TO_CUSTOMER", state: "ALIVE" });
    const records = await collect(client().listCareRecords());
    const returning = records.flatMap((r) => (r.ok && r.record.customerReturn ? [r.record] : []));
    expect(returning).toEqual([
      expect.objectContaining({
        orderItemExternalId: String(a),
        customerReturn: { note: expect.stringMatching(/return label USED/) },
      }),
    ]);
  });

  it("lists listings and sets a listing's quantity", async () => {
    const listings = await collect(client().listListings({ pageSize: 5 }));
    expect(listings).toHaveLength(14);
    const first = must(sim.store.listings[0]);
    expect(listings[0]).toEqual({
      ok: true,
      listing: { sku: first.sku, externalListingId: first.bmListingId, quantity: first.quantity },
    });
    await client().setListingQuantity(first.bmListingId, 3);
    expect(first.quantity).toBe(3);
    expect(sim.writes("backmarket")).toEqual([
      expect.objectContaining({
        path: `/ws/listings/${first.bmListingId}`,
        body: { quantity: 3 },
        status: 200,
      }),
    ]);
    await expect(client().setListingQuantity("no-such-listing", 1)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("yields every order exactly once through a 429 burst (no Retry-After) and repeated orders mid-pagination", async () => {
    const created = addPaidOrders(120);
    sim.injectFault({
      kind: "status",
      status: 429,
      body: "html",
      count: 3,
      match: { pathPrefix: "/ws/orders", query: { page: "2" } },
    });
    sim.injectFault({ kind: "repeat-across-pages", match: { pathPrefix: "/ws/orders" } });
    const results = await collect(client().listNewOrders());
    expect(ids(results)).toEqual(created.map((order) => String(order.id)));
    const page2 = orderRequests().find((line) => String(line.path).includes("page=2"));
    expect(page2?.retries).toBe(3);
  });

  it("skips and reports a malformed order while the rest import", async () => {
    const [a, b] = addPaidOrders(2);
    const bad = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "IPH13-128-MID-A" }],
      malformed: "quantity",
    });
    const badDate = sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: "IPH13-128-MID-A" }],
      malformed: "date",
    });
    const [c] = addPaidOrders(1);
    const results = await collect(client().listNewOrders());
    expect(ids(results)).toEqual(
      [must(a).id, must(b).id, `!${bad.id}`, `!${badDate.id}`, must(c).id].map(String),
    );
    const failures = results.flatMap((r) => (r.ok ? [] : [r.failure]));
    expect(failures[0]).toMatchObject({
      externalId: String(bad.id),
      path: "orderlines.0.quantity",
    });
    expect(failures[1]).toMatchObject({
      externalId: String(badDate.id),
      path: "date_creation",
      message: expect.stringMatching(/not a date/),
    });
  });

  it("retries a timed-out request and a 500, and gives up after the retries", async () => {
    addPaidOrders(2);
    sim.injectFault({ kind: "delay", ms: 400, count: 1, match: { pathPrefix: "/ws/orders" } });
    sim.injectFault({
      kind: "status",
      status: 500,
      count: 1,
      skip: 1,
      match: { pathPrefix: "/ws/orders" },
    });
    const results = await collect(client({ timings: { timeoutMs: 150 } }).listNewOrders());
    expect(results).toHaveLength(2);
    expect(orderRequests()[0]?.retries).toBe(2);
    expect(log.text()).toMatch(/timed out after 150 ms/);

    sim.injectFault({ kind: "status", status: 503, count: 50 });
    const error = await collect(client().listNewOrders()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unavailable", httpStatus: 503 });
  });

  it("never logs the token", async () => {
    addPaidOrders(1);
    await collect(client().listNewOrders());
    await client({ token: "wrong" })
      .testConnection()
      .catch(() => undefined);
    expect(log.lines().length).toBeGreaterThan(1);
    expect(log.text()).not.toContain(demoTokens.backmarket);
    expect(log.text()).not.toContain("Basic");
  });
});
