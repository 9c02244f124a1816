// The simulator's responses, checked against the published specs' schemas (strictly: no field
// the spec does not declare), except the deviations NOTES.md documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAgainst,
  loadBackMarketSpec,
  loadRefurbedSpec,
  schemaAt,
} from "../testing/openapi-check";
import { type Simulator, startSimulator } from "./server";

const bmSpec = loadBackMarketSpec();
const rfSpec = loadRefurbedSpec();
const bmHeaders = {
  Authorization: "Basic demo-backmarket-token",
  "User-Agent": "BM-Stocklock-Tests;dev@example.com",
  Accept: "application/json",
  "Content-Type": "application/json",
};
const rfHeaders = {
  Authorization: "Plain demo-refurbed-token",
  "Content-Type": "application/json",
};

// NOTES.md: live Back Market addresses are snake_case although the spec declares camelCase.
const bmDeviations = {
  strict: true,
  allowedExtra: { Address: ["first_name", "last_name", "postal_code", "phone", "email"] },
} as const;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, history: 15 });
  // Every kind of line and document: paid, accepted (label), shipped (tracking), care folders.
  const paid = sim.addOrder({
    channel: "backmarket",
    lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }, { sku: "UNKNOWN-SKU" }],
  });
  sim.addOrder({
    channel: "backmarket",
    lines: [{ sku: "PIX7-128-SNO-A", state: "pending_payment" }],
  });
  const shipped = sim.addOrder({
    channel: "backmarket",
    lines: [{ sku: "MBA-M1-8-256-SG-A", state: "shipped" }],
  });
  sim.addCareFolder(shipped.lines[0]?.id ?? 0, "open", {
    kind: "CUSTOMER_TO_MERCHANT",
    state: "ALIVE",
  });
  sim.addCareFolder(paid.lines[0]?.id ?? 0, "closed");
  sim.addOrder({ channel: "refurbed", lines: [{ sku: "IPAD9-64-SG-A", quantity: 2 }] });
  const rfShipped = sim.addOrder({
    channel: "refurbed",
    lines: [
      { sku: "TABS8-128-GRA-B", state: "shipped" },
      { sku: "X", state: "rejected" },
    ],
  });
  sim.setRefurbedReturn(rfShipped.lines[0]?.id ?? 0, "DELIVERED");
});

afterAll(async () => {
  await sim.close();
});

async function bm(pathAndQuery: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${sim.url}${pathAndQuery}`, {
    method: init.method ?? "GET",
    headers: bmHeaders,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function rf(method: string, body: unknown) {
  const response = await fetch(`${sim.url}/refb.merchant.v1.${method}`, {
    method: "POST",
    headers: rfHeaders,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const bmResponse = (path: string, method: string, status = "200") =>
  schemaAt(bmSpec, [
    "paths",
    path,
    method,
    "responses",
    status,
    "content",
    "application/json",
    "schema",
  ]);
const rfDefinition = (name: string) => schemaAt(rfSpec, ["definitions", name]);

describe("Back Market endpoints match the published OpenAPI", () => {
  it("GET /ws/orders (every page) and GET /ws/orders/{id}", async () => {
    let next: string | null = "/ws/orders?page-size=7";
    let pages = 0;
    while (next) {
      const { status, body } = await bm(next.replace(sim.url, ""));
      expect(status).toBe(200);
      expect(checkAgainst(bmSpec, bmResponse("/ws/orders", "get"), body, bmDeviations)).toEqual([]);
      next = (body as { next: string | null }).next;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    const [first] = sim.store.ordersOf("backmarket");
    const one = await bm(`/ws/orders/${first?.id}`);
    expect(
      checkAgainst(bmSpec, bmResponse("/ws/orders/{order_id}", "get"), one.body, bmDeviations),
    ).toEqual([]);
  });

  it("POST /ws/orders/{id} (accept a SKU) answers an Order; errors are ErrorResponseV1", async () => {
    const order = sim.addOrder({ channel: "backmarket", lines: [{ sku: "SGS22-128-BLK-A" }] });
    const accepted = await bm(`/ws/orders/${order.id}`, {
      method: "POST",
      body: { order_id: order.id, new_state: 2, sku: "SGS22-128-BLK-A" },
    });
    expect(accepted.status).toBe(200);
    expect(
      checkAgainst(
        bmSpec,
        bmResponse("/ws/orders/{order_id}", "post"),
        accepted.body,
        bmDeviations,
      ),
    ).toEqual([]);
    const refused = await bm(`/ws/orders/${order.id}`, {
      method: "POST",
      body: { order_id: order.id, new_state: 2 },
    });
    expect(refused.status).toBe(400);
    expect(
      checkAgainst(
        bmSpec,
        schemaAt(bmSpec, ["components", "schemas", "ErrorResponseV1"]),
        refused.body,
        { strict: true },
      ),
    ).toEqual([]);
  });

  it("GET /ws/listings, GET and POST /ws/listings/{id}", async () => {
    const list = await bm("/ws/listings?page-size=50");
    expect(
      checkAgainst(bmSpec, bmResponse("/ws/listings", "get"), list.body, bmDeviations),
    ).toEqual([]);
    const id = sim.store.listings[0]?.bmListingId;
    const one = await bm(`/ws/listings/${id}`);
    expect(
      checkAgainst(bmSpec, bmResponse("/ws/listings/{listingId}", "get"), one.body, bmDeviations),
    ).toEqual([]);
    const updated = await bm(`/ws/listings/${id}`, { method: "POST", body: { quantity: 4 } });
    expect(
      checkAgainst(
        bmSpec,
        bmResponse("/ws/listings/{listingId}", "post"),
        updated.body,
        bmDeviations,
      ),
    ).toEqual([]);
  });

  it("GET /ws/sav and GET /ws/shipping/v1/deliveries", async () => {
    const care = await bm("/ws/sav?page=1");
    expect((care.body as { results: unknown[] }).results.length).toBeGreaterThan(0);
    expect(checkAgainst(bmSpec, bmResponse("/ws/sav", "get"), care.body, bmDeviations)).toEqual([]);
    const deliveries = await bm("/ws/shipping/v1/deliveries");
    expect((deliveries.body as { results: unknown[] }).results.length).toBeGreaterThan(0);
    expect(
      checkAgainst(
        bmSpec,
        bmResponse("/ws/shipping/v1/deliveries", "get"),
        deliveries.body,
        bmDeviations,
      ),
    ).toEqual([]);
  });

  it("GET /ws/sav/{careFolderId}: claims with return labels", async () => {
    const [folder] = sim.store.careFolders.filter((f) => f.claims[0]?.returnLabels.length);
    const details = await bm(`/ws/sav/${folder?.id}`);
    expect(details.status).toBe(200);
    expect(
      checkAgainst(bmSpec, bmResponse("/ws/sav/{careFolderId}", "get"), details.body, bmDeviations),
    ).toEqual([]);
    expect(await bm("/ws/sav/1")).toMatchObject({ status: 404 });
  });

  it("the checker catches a wrong type, an undeclared field, and the address deviation without its allowance", async () => {
    const order = { $ref: "#/components/schemas/Order" };
    expect(checkAgainst(bmSpec, order, { order_id: "12", surprise: 1 }, { strict: true })).toEqual([
      "$.order_id: expected integer, got string",
      "$: property surprise is not in the spec (Order)",
    ]);
    const [first] = sim.store.ordersOf("backmarket");
    const live = await bm(`/ws/orders/${first?.id}`);
    expect(checkAgainst(bmSpec, order, live.body, { strict: true })).toContain(
      "$.shipping_address: property first_name is not in the spec (Address)",
    );
  });
});

describe("Refurbed endpoints match the published swagger", () => {
  it("ListOrders, GetOrder, ListShippingLabels", async () => {
    const list = await rf("OrderService/ListOrders", { pagination: { limit: 100 } });
    expect((list.body as { orders: unknown[] }).orders.length).toBeGreaterThan(10);
    expect(
      checkAgainst(rfSpec, rfDefinition("ListOrdersResponse"), list.body, { strict: true }),
    ).toEqual([]);
    const [order] = sim.store.ordersOf("refurbed").filter((o) => o.labelPath);
    const one = await rf("OrderService/GetOrder", { id: String(order?.id) });
    expect(
      checkAgainst(rfSpec, rfDefinition("GetOrderResponse"), one.body, { strict: true }),
    ).toEqual([]);
    const labels = await rf("OrderService/ListShippingLabels", { order_id: String(order?.id) });
    expect((labels.body as { shipping_labels: unknown[] }).shipping_labels).toHaveLength(1);
    expect(
      checkAgainst(rfSpec, rfDefinition("ListShippingLabelsResponse"), labels.body, {
        strict: true,
      }),
    ).toEqual([]);
  });

  it("ListOrderItemReturns", async () => {
    const list = await rf("OrderItemReturnService/ListOrderItemReturns", {
      pagination: { limit: 10 },
      filter: { state: { any_of: ["DELIVERED"] } },
    });
    expect((list.body as { returns: unknown[] }).returns).toHaveLength(1);
    expect(
      checkAgainst(rfSpec, rfDefinition("ListOrderItemReturnsResponse"), list.body, {
        strict: true,
      }),
    ).toEqual([]);
  });

  it("UpdateOrderItemState, ListOffers, UpdateOffer; errors are google.rpc.Status", async () => {
    const order = sim.addOrder({ channel: "refurbed", lines: [{ sku: "PIX7-128-SNO-A" }] });
    const accepted = await rf("OrderItemService/UpdateOrderItemState", {
      id: String(order.lines[0]?.id),
      state: "ACCEPTED",
    });
    expect(accepted.status).toBe(200);
    expect(
      checkAgainst(rfSpec, rfDefinition("UpdateOrderItemStateResponse"), accepted.body, {
        strict: true,
      }),
    ).toEqual([]);
    const offers = await rf("OfferService/ListOffers", { pagination: { limit: 100 } });
    expect(
      checkAgainst(rfSpec, rfDefinition("ListOffersResponse"), offers.body, { strict: true }),
    ).toEqual([]);
    const updated = await rf("OfferService/UpdateOffer", {
      identifier: { sku: "PIX7-128-SNO-A" },
      stock: 2,
    });
    expect(
      checkAgainst(rfSpec, rfDefinition("UpdateOfferResponse"), updated.body, { strict: true }),
    ).toEqual([]);
    const illegal = await rf("OrderItemService/UpdateOrderItemState", {
      id: String(order.lines[0]?.id),
      state: "RETURNED",
    });
    expect(illegal.status).toBe(400);
    expect(checkAgainst(rfSpec, rfDefinition("Status"), illegal.body, { strict: true })).toEqual(
      [],
    );
  });
});
