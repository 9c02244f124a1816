// RefurbedClient against the simulator: every method it calls, auth failure, id-cursor
// pagination, one unit per item, and faults.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CapabilityNotSupportedError, type OrderResult } from "../adapter";
import type { ClientTimings } from "../client-options";
import { demoTokens } from "../simulator/catalogue";
import { type Simulator, startSimulator } from "../simulator/server";
import { captureLogger, fastTimings, must } from "../testing/fast-clients";
import { RefurbedClient } from "./client";

let sim: Simulator;
let log: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  sim = await startSimulator({ seed: 5 });
  log = captureLogger();
});
afterEach(async () => {
  await sim.close();
});

function client(overrides: { token?: string; timings?: Partial<ClientTimings> } = {}) {
  return new RefurbedClient({
    marketplaceId: 2,
    code: "refurbed",
    baseUrl: sim.url,
    token: overrides.token ?? demoTokens.refurbed,
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
const listCalls = () =>
  log
    .lines()
    .filter(
      (line) =>
        line.msg === "marketplace request" &&
        line.path === "/refb.merchant.v1.OrderService/ListOrders",
    );

function addNewOrders(count: number) {
  return Array.from({ length: count }, (_, index) =>
    sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: sim.store.listings[index % 14]?.sku ?? "X" }],
    }),
  );
}

describe("RefurbedClient", () => {
  it("refuses a wrong token with UNAUTHENTICATED (401), not retried", async () => {
    await expect(client({ token: "wrong" }).testConnection()).rejects.toMatchObject({
      code: "unauthorized",
      httpStatus: 401,
    });
    expect(log.text()).toMatch(/16 |UNAUTHENTICATED|authorization header/);
    expect(
      log.lines().filter((line) => line.msg === "marketplace request failed; retrying"),
    ).toHaveLength(0);
    await expect(client().testConnection()).resolves.toBeUndefined();
    expect(log.text()).not.toContain(demoTokens.refurbed);
  });

  it("pages new orders by id cursor (limit ≤ 100) until has_more is false", async () => {
    const created = addNewOrders(230);
    sim.addOrder({ channel: "refurbed", lines: [{ sku: "PIX7-128-SNO-A", state: "accepted" }] });
    const results = await collect(client().listNewOrders({ pageSize: 1000 }));
    expect(ids(results)).toEqual(created.map((order) => String(order.id)));
    expect(listCalls()).toHaveLength(3);
  });

  it("maps one unit per item, item states, the order total and customer", async () => {
    const order = sim.addOrder({
      channel: "refurbed",
      lines: [
        { sku: "IPAD9-64-SG-A", quantity: 2, unitPrice: "279.00" },
        { sku: "", unitPrice: "50.00" },
      ],
      customer: { firstName: "Anna", lastName: "Gruber", country: "AT" },
    });
    const [result] = await collect(client().listNewOrders());
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.order).toMatchObject({
      externalId: String(order.id),
      marketplaceState: "NEW",
      totalAmount: "608.00",
      currency: "EUR",
      customerName: "Anna Gruber",
      shippingCountry: "AT",
      deliveryNoteUrl: null,
    });
    expect(
      result.order.items.map((item) => [item.sku, item.quantity, item.unitPrice, item.status]),
    ).toEqual([
      ["IPAD9-64-SG-A", 1, "279.00", "new"],
      ["IPAD9-64-SG-A", 1, "279.00", "new"],
      ["", 1, "50.00", "new"],
    ]);
  });

  it("re-lists open and recently released orders for `modified` (no modified-since filter)", async () => {
    const old = Date.now() - 10 * 86_400_000;
    const oldShipped = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "PIX7-128-SNO-A", state: "shipped" }],
      createdAt: new Date(old),
    });
    const oldOpen = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "PIX7-128-SNO-A", state: "accepted" }],
      createdAt: new Date(old),
    });
    const recentShipped = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "PIX7-128-SNO-A", state: "shipped" }],
    });
    const results = await collect(
      client().listOrdersModifiedSince(new Date(Date.now() - 86_400_000)),
    );
    expect(ids(results).sort()).toEqual([String(oldOpen.id), String(recentShipped.id)].sort());
    expect(ids(results)).not.toContain(String(oldShipped.id));
  });

  it("accepts each item with UpdateOrderItemState ACCEPTED, reporting per item", async () => {
    const order = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }],
    });
    const cancelled = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "IPH13-128-MID-A", state: "cancelled" }],
    });
    const items = order.lines.map((line) => ({ externalId: String(line.id), sku: line.sku }));
    const gone = { externalId: String(must(cancelled.lines[0]).id), sku: "IPH13-128-MID-A" };
    const results = await client().acceptItems(String(order.id), [...items, gone]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]?.error).toMatch(/illegal state transition from CANCELLED to ACCEPTED/);
    expect(sim.writes("refurbed").map((w) => [w.path, w.body, w.status])).toEqual([
      [
        "/refb.merchant.v1.OrderItemService/UpdateOrderItemState",
        { id: items[0]?.externalId, state: "ACCEPTED" },
        200,
      ],
      [
        "/refb.merchant.v1.OrderItemService/UpdateOrderItemState",
        { id: items[1]?.externalId, state: "ACCEPTED" },
        200,
      ],
      [
        "/refb.merchant.v1.OrderItemService/UpdateOrderItemState",
        { id: gone.externalId, state: "ACCEPTED" },
        400,
      ],
    ]);
    const fetched = await client().getOrder(String(order.id));
    expect(fetched?.ok && fetched.order.marketplaceState).toBe("ACCEPTED");
    expect(fetched?.ok && fetched.order.labelUrl).toBe(
      `${sim.url}/static/shipment_labels/eu-refurbed-${order.id}-1.pdf`,
    );
    expect(await client().getOrder("123")).toBeNull();
  });

  it("lists offers by cursor and sets an offer's stock with UpdateOffer", async () => {
    const listings = await collect(client().listListings({ pageSize: 4 }));
    expect(listings).toHaveLength(14);
    const first = must(sim.store.listings[0]);
    expect(listings[0]).toEqual({
      ok: true,
      listing: { sku: first.sku, externalListingId: first.rfOfferId, quantity: first.quantity },
    });
    await client().setListingQuantity(first.rfOfferId, 0);
    expect(first.quantity).toBe(0);
    expect(sim.writes("refurbed")).toEqual([
      expect.objectContaining({
        path: "/refb.merchant.v1.OfferService/UpdateOffer",
        body: { identifier: { id: first.rfOfferId }, stock: 0 },
      }),
    ]);
  });

  it("has no care records: the capability is off and the call says so", async () => {
    expect(client().capabilities.care).toBe(false);
    await expect(collect(client().listCareRecords())).rejects.toBeInstanceOf(
      CapabilityNotSupportedError,
    );
  });

  it("lists order-item returns by id cursor, 100 a page, initiated since a date", async () => {
    const shipped = Array.from({ length: 103 }, (_, index) =>
      sim.addOrder({
        channel: "refurbed",
        lines: [{ sku: sim.store.listings[index % 14]?.sku ?? "X", state: "shipped" }],
      }),
    );
    for (const order of shipped) sim.setRefurbedReturn(must(order.lines[0]).id, "INITIATED");
    const entry = must(sim.store.refurbedReturns[1]);
    sim.setRefurbedReturn(entry.orderLineId, "DELIVERED");
    expect(client().capabilities.returns).toBe(true);
    const all = await collect(client().listReturns());
    expect(all).toHaveLength(103);
    expect(all[1]).toEqual({
      ok: true,
      record: {
        externalId: String(entry.id),
        orderExternalId: String(entry.orderId),
        orderItemExternalId: String(entry.orderLineId),
        state: "DELIVERED",
        initiatedAt: entry.initiatedAt,
        deliveredAt: entry.deliveredAt,
        trackingNumber: entry.trackingNumber,
      },
    });
    const pages = log
      .lines()
      .filter(
        (line) => line.path === "/refb.merchant.v1.OrderItemReturnService/ListOrderItemReturns",
      );
    expect(pages).toHaveLength(2);
    expect(await collect(client().listReturns(new Date(Date.now() + 60_000)))).toEqual([]);
  });

  it("yields every order once through a 429 burst honouring X-RateLimit-Reset, with a repeated cursor item", async () => {
    const created = addNewOrders(250);
    const reset = String(Math.floor(Date.now() / 1000));
    sim.injectFault({
      kind: "status",
      status: 429,
      count: 2,
      skip: 1,
      headers: { "X-RateLimit-Reset": reset },
      match: { channel: "refurbed" },
    });
    sim.injectFault({ kind: "repeat-across-pages", match: { channel: "refurbed" } });
    const results = await collect(client().listNewOrders());
    expect(ids(results)).toEqual(created.map((order) => String(order.id)));
    expect(listCalls()[1]?.retries).toBe(2);
  });

  it("skips and reports a malformed order; retries a timeout", async () => {
    const [a] = addNewOrders(1);
    const bad = sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: "PIX7-128-SNO-A" }],
      malformed: "state",
    });
    const [c] = addNewOrders(1);
    sim.injectFault({ kind: "delay", ms: 400, count: 1, match: { channel: "refurbed" } });
    const results = await collect(client({ timings: { timeoutMs: 150 } }).listNewOrders());
    expect(ids(results)).toEqual([String(must(a).id), `!${bad.id}`, String(must(c).id)]);
    const failure = results.find((r) => !r.ok);
    expect(failure?.ok === false && failure.failure).toMatchObject({
      path: "items.0.state",
      message: "unknown order-item state",
    });
    expect(listCalls()[0]?.retries).toBe(1);
  });
});
