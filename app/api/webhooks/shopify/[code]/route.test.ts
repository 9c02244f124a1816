// POST /api/webhooks/shopify/[code] on real PostgreSQL with the simulated shop: refusals
// (unknown code, missing or wrong signature, a signed body replayed for another shop, an
// oversized body) store nothing; deliveries the shop sends are processed once each, locks
// follow, duplicates are dropped and out-of-order deliveries never move an order backwards.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { demoShopify } from "@/lib/marketplaces/simulator/catalogue";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";
import { SIM_SHOP_DOMAIN } from "@/lib/marketplaces/simulator/shopify/shop";
import { createVariations } from "@/lib/stock/testing/fixtures";

const database = useTestDatabase();
const SECRET = demoShopify.clientSecret;
const CODE = "shop-test";

let sim: Simulator;
let receiver: Server;
let receiverUrl: string;
let route: typeof import("./route");
let receiving: typeof import("@/lib/jobs/shopify-webhooks");
let closeDb: () => Promise<void>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, shopify: { webhookRetryDelaysMs: [20, 50] } });
  process.env.DATABASE_URL = database.current.url;
  process.env.SYNC_EXECUTION = "inline";
  process.env.TEST_SHOP_TOKEN = demoShopify.token;
  process.env.TEST_SHOP_WEBHOOK_SECRET = SECRET;
  vi.resetModules();
  ({ closeDb } = await import("@/db/client"));
  await closeDb();
  route = await import("./route");
  receiving = await import("@/lib/jobs/shopify-webhooks");
  const db = database.current.db;
  await queryRows(
    db,
    sql`insert into marketplaces (code, name, provider, base_url, token_env, settings)
        values (${CODE}, 'Shop', 'shopify', ${sim.url}, 'TEST_SHOP_TOKEN', ${JSON.stringify({
          shopDomain: SIM_SHOP_DOMAIN,
          locationId: "gid://shopify/Location/1",
          apiVersion: "2026-04",
          webhookSecretEnv: "TEST_SHOP_WEBHOOK_SECRET",
        })}::jsonb)`,
  );
  await createVariations(db, [{ sku: "IPH13-128-MID-A", onHand: 12 }]);
  // The shop's deliveries reach the route through a real HTTP server, as Shopify's would.
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const code = (req.url ?? "").split("/").pop() ?? "";
    const response = await route.POST(
      new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
      { params: Promise.resolve({ code }) },
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/shopify/${CODE}`;
});

afterAll(async () => {
  await receiving?.webhooksSettled();
  await sim?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await closeDb?.();
});

beforeEach(() => {
  sim.shopify.webhooks.target = null;
  Object.assign(sim.shopify.webhooks.modes, { duplicate: false, hold: false });
});

async function counts() {
  const [row] = await queryRows<{ deliveries: number; orders: number; runs: number }>(
    database.current.db,
    sql`select (select count(*)::int from webhook_deliveries) as deliveries,
          (select count(*)::int from orders) as orders,
          (select count(*)::int from sync_runs where trigger = 'webhook') as runs`,
  );
  return row;
}

function sign(body: string, secret: string = SECRET): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

function post(code: string, body: string, headers: Record<string, string>): Promise<Response> {
  return route.POST(
    new Request(`http://localhost/api/webhooks/shopify/${code}`, { method: "POST", headers, body }),
    { params: Promise.resolve({ code }) },
  );
}

const orderBody = (id: number, updatedAt: string) =>
  JSON.stringify({
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    updated_at: updatedAt,
    line_items: [],
  });

function headersFor(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": "orders/updated",
    "x-shopify-shop-domain": SIM_SHOP_DOMAIN,
    "x-shopify-webhook-id": `wh-${Math.random()}`,
    "x-shopify-api-version": "2026-04",
    "x-shopify-hmac-sha256": sign(body),
    ...extra,
  };
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await sim.shopify.webhooks.settle();
    await receiving.webhooksSettled();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("refusals store nothing", () => {
  const body = orderBody(5678900001, "2026-11-29T10:00:00-05:00");

  it.each([
    ["an unknown marketplace code", "nope", headersFor(body)],
    ["a missing signature", CODE, { ...headersFor(body), "x-shopify-hmac-sha256": "" }],
    [
      "a wrong signature",
      CODE,
      headersFor(body, { "x-shopify-hmac-sha256": sign(body, "another-secret") }),
    ],
    [
      "a signature of another body",
      CODE,
      headersFor(body, { "x-shopify-hmac-sha256": sign(`${body} `) }),
    ],
    [
      "a signed body replayed for another shop",
      CODE,
      headersFor(body, { "x-shopify-shop-domain": "another-shop.myshopify.com" }),
    ],
  ])("%s → 401", async (_what, code, headers) => {
    const before = await counts();
    const response = await post(code, body, headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized" });
    expect(await counts()).toEqual(before);
  });

  it("an oversized body → 413 before anything is read", async () => {
    const before = await counts();
    const big = JSON.stringify({ padding: "x".repeat(1024 * 1024 + 10) });
    const response = await post(CODE, big, headersFor(big));
    expect(response.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("a signed delivery without its webhook id → 400, nothing stored", async () => {
    const before = await counts();
    const headers = headersFor(body);
    delete headers["x-shopify-webhook-id"];
    expect((await post(CODE, body, headers)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("deliveries from the shop", () => {
  async function order(externalId: number) {
    const rows = await queryRows<{ unit: string; item: string; lock: string | null }>(
      database.current.db,
      sql`select oi.external_id as unit, oi.status as item, l.status as lock
          from orders o join order_items oi on oi.order_id = o.id
          left join marketplace_stock_locks l on l.order_item_id = oi.id
          where o.external_id = ${String(externalId)} order by oi.external_id`,
    );
    return rows;
  }

  it("a sale locks its units once, though every delivery arrives twice", async () => {
    sim.shopify.webhooks.target = receiverUrl;
    sim.shopify.webhooks.modes.duplicate = true;
    const before = await counts();
    const sale = sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }] });
    await waitFor(async () => (await order(sale.id)).length === 2, "the order");
    const units = await order(sale.id);
    expect(units.map((u) => [u.item, u.lock])).toEqual([
      ["accepted", "locked"],
      ["accepted", "locked"],
    ]);
    const deliveries = sim.shopify.webhooks.log.filter((d) => d.uri === receiverUrl);
    // orders/create, orders/paid and inventory_levels/update, each sent twice: stored once each.
    expect(deliveries.every((d) => d.delivered)).toBe(true);
    const after = await counts();
    expect((after?.deliveries ?? 0) - (before?.deliveries ?? 0)).toBe(deliveries.length);
    // orders/create re-read the order; orders/paid (same update) found it as new as itself,
    // and the copies of each delivery started nothing: one run.
    expect((after?.runs ?? 0) - (before?.runs ?? 0)).toBe(1);
  });

  it("held deliveries released newest first: the order ends in its latest state, older ones skipped", async () => {
    sim.shopify.webhooks.target = receiverUrl;
    const sale = sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A", quantity: 3 }] });
    await waitFor(async () => (await order(sale.id)).length === 3, "the order");
    const lineId = sale.lines[0]?.id as number;
    sim.shopify.webhooks.modes.hold = true;
    sim.shopify.shop.fulfil(sale.id, [{ lineId, quantity: 1 }]);
    sim.shopify.shop.refund(sale.id, [{ lineId, quantity: 1, restockType: "cancel" }]);
    expect(sim.shopify.webhooks.release(true)).toBeGreaterThan(3);
    await waitFor(
      async () => (await order(sale.id)).some((u) => u.lock === "cancelled"),
      "the refund",
    );
    expect((await order(sale.id)).map((u) => [u.unit.split("#")[1], u.item, u.lock])).toEqual([
      ["1", "shipped", "consumed"],
      ["2", "accepted", "locked"],
      ["3", "cancelled", "cancelled"],
    ]);
    const statuses = await queryRows<{ topic: string; status: string }>(
      database.current.db,
      sql`select topic, status from webhook_deliveries
          where subject->>'orderId' = ${String(sale.id)} order by id`,
    );
    expect(statuses.every((s) => s.status === "processed" || s.status === "skipped")).toBe(true);
    // Deliveries of one order are processed in turn: the older ones found nothing newer.
    expect(statuses.filter((s) => s.status === "skipped").length).toBeGreaterThan(0);
    const [stored] = await queryRows<{ modified_at: Date }>(
      database.current.db,
      sql`select modified_at from orders where external_id = ${String(sale.id)}`,
    );
    expect(new Date(stored?.modified_at ?? 0).toISOString()).toBe(sale.updatedAt.toISOString());
  });

  it("a delivery older than the stored order changes nothing and starts no run", async () => {
    sim.shopify.webhooks.target = receiverUrl;
    const sale = sim.shopify.shop.createOrder({ lines: [{ sku: "IPH13-128-MID-A" }] });
    await waitFor(async () => (await order(sale.id)).length === 1, "the order");
    sim.shopify.webhooks.target = null;
    sim.shopify.shop.cancel(sale.id); // the shop moved on; its deliveries are lost
    const before = await counts();
    const stale = orderBody(sale.id, "2020-01-01T10:00:00+01:00");
    const response = await post(CODE, stale, headersFor(stale));
    expect(response.status).toBe(200);
    await receiving.webhooksSettled();
    expect((await counts())?.runs).toBe(before?.runs);
    expect((await order(sale.id)).map((u) => u.lock)).toEqual(["locked"]);
    const [row] = await queryRows<{ status: string }>(
      database.current.db,
      sql`select status from webhook_deliveries order by id desc limit 1`,
    );
    expect(row?.status).toBe("skipped");
  });

  it("the same delivery replayed by id is acknowledged and dropped", async () => {
    const body = orderBody(424242, "2026-11-29T10:00:00Z");
    const headers = headersFor(body, { "x-shopify-webhook-id": "replayed-1" });
    expect((await post(CODE, body, headers)).status).toBe(200);
    await receiving.webhooksSettled();
    const before = await counts();
    const again = await post(CODE, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true });
    expect(await counts()).toEqual(before);
  });

  it("during a secret rotation (variable holding new,old) both secrets sign; afterwards only the new", async () => {
    const body = orderBody(434343, "2026-11-29T10:00:00Z");
    process.env.TEST_SHOP_WEBHOOK_SECRET = `rotated-secret-value,${SECRET}`;
    try {
      const old = headersFor(body, { "x-shopify-webhook-id": "rot-1" });
      const fresh = headersFor(body, {
        "x-shopify-webhook-id": "rot-2",
        "x-shopify-hmac-sha256": sign(body, "rotated-secret-value"),
      });
      expect((await post(CODE, body, old)).status).toBe(200);
      expect((await post(CODE, body, fresh)).status).toBe(200);
      process.env.TEST_SHOP_WEBHOOK_SECRET = "rotated-secret-value";
      const late = headersFor(body, { "x-shopify-webhook-id": "rot-3" });
      expect((await post(CODE, body, late)).status).toBe(401);
    } finally {
      process.env.TEST_SHOP_WEBHOOK_SECRET = SECRET;
      await receiving.webhooksSettled();
    }
  });
});
