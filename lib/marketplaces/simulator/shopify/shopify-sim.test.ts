// The simulated Shopify shop as the NOTES describe Shopify: versions falling forward, the
// single-query cost ceiling, THROTTLED answers, and webhook deliveries that are signed, retried
// until answered 2xx, duplicated and reordered on demand.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoShopify } from "../catalogue";
import { type Simulator, startSimulator } from "../server";

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ shopify: { webhookRetryDelaysMs: [10, 10, 10] } });
});
afterEach(async () => {
  await sim.close();
});

async function graphql(version: string, query: string, variables: unknown = {}) {
  const response = await fetch(`${sim.url}/admin/api/${version}/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": demoShopify.token },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON answer by its known paths
  return { response, body: (await response.json()) as Record<string, any> };
}

/** A receiver failing each delivery's first attempts with `statuses`, recording what it got. */
async function receiver(statuses: number[]) {
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    const id = req.headers["x-shopify-webhook-id"];
    const attempt = received.filter((r) => r.headers["x-shopify-webhook-id"] === id).length;
    res.writeHead(statuses[attempt - 1] ?? 200);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("simulated Shopify Admin API", () => {
  it("serves a version that fell out of support as the oldest supported one; refuses unknown ones", async () => {
    const old = await graphql("2023-04", "{ shop { name } }");
    expect(old.response.headers.get("x-shopify-api-version")).toBe("2025-10");
    expect(old.body.data.shop.name).toBeTruthy();
    expect((await graphql("2031-01", "{ shop { name } }")).response.status).toBe(404);
  });

  it("answers every call with its cost and the bucket's state", async () => {
    const { body } = await graphql("2026-04", "{ shop { name } }");
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: {
        maximumAvailable: 2000,
        currentlyAvailable: expect.any(Number),
        restoreRate: 100,
      },
    });
  });

  it("refuses a query whose requested cost is above 1,000 points", async () => {
    const { body } = await graphql(
      "2026-04",
      "{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }",
    );
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });

  it("answers THROTTLED (HTTP 200, no data) when the bucket is short", async () => {
    sim.shopify.bucket.configure({ currentlyAvailable: 0, restoreRate: 1 });
    const { response, body } = await graphql("2026-04", "{ orders(first: 10) { nodes { id } } }");
    expect(response.status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: "Throttled",
      extensions: { code: "THROTTLED" },
    });
    expect(body.extensions.cost.actualQueryCost).toBeNull();
  });
});

describe("simulated Shopify webhooks", () => {
  it("signs each delivery with the client secret over the exact body and sends Shopify's headers", async () => {
    const target = await receiver([]);
    try {
      sim.shopify.webhooks.target = target.url;
      sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
      await sim.shopify.webhooks.settle();
      const create = target.received.find((r) => r.headers["x-shopify-topic"] === "orders/create");
      expect(create?.headers).toMatchObject({
        "x-shopify-shop-domain": "refurb-demo-shop.myshopify.com",
        "x-shopify-api-version": "2026-04",
        "x-shopify-webhook-id": expect.any(String),
        "x-shopify-event-id": expect.any(String),
        "x-shopify-triggered-at": expect.any(String),
      });
      const hmac = createHmac("sha256", demoShopify.clientSecret)
        .update(create?.body ?? "")
        .digest("base64");
      expect(create?.headers["x-shopify-hmac-sha256"]).toBe(hmac);
      // REST dates carry the shop's offset, not UTC.
      expect(JSON.parse(create?.body ?? "{}").updated_at).toMatch(/\+01:00$/);
    } finally {
      await target.close();
    }
  });

  it("retries a delivery until it is answered 2xx, with the same webhook id", async () => {
    const target = await receiver([500, 503]);
    try {
      sim.shopify.webhooks.target = target.url;
      sim.shopify.shop.markPaid(
        sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }], paid: false }).id,
      );
      await sim.shopify.webhooks.settle();
      const first = sim.shopify.webhooks.log[0];
      expect(first).toMatchObject({ delivered: true, attempts: 3, status: 200 });
      const ids = target.received.filter(
        (r) => r.headers["x-shopify-webhook-id"] === first?.webhookId,
      );
      expect(ids).toHaveLength(3);
    } finally {
      await target.close();
    }
  });

  it("duplicates deliveries, and holds then releases them newest first, on demand", async () => {
    const target = await receiver([]);
    try {
      sim.shopify.webhooks.target = target.url;
      sim.shopify.webhooks.modes.duplicate = true;
      sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
      await sim.shopify.webhooks.settle();
      const sent = sim.shopify.webhooks.log.length;
      expect(target.received).toHaveLength(sent * 2);

      target.received.length = 0;
      Object.assign(sim.shopify.webhooks.modes, { duplicate: false, hold: true });
      const order = sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
      sim.shopify.shop.fulfil(order.id);
      expect(target.received).toHaveLength(0);
      const held = sim.shopify.webhooks.log.slice(sent);
      expect(sim.shopify.webhooks.release(true)).toBe(held.length);
      await sim.shopify.webhooks.settle();
      expect(target.received.map((r) => r.headers["x-shopify-webhook-id"])).toEqual(
        held.map((d) => d.webhookId).reverse(),
      );
    } finally {
      await target.close();
    }
  });
});
