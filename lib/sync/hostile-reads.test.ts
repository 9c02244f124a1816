// Marketplaces that misbehave, end to end through the simulator into real PostgreSQL: paging
// that never ends, bodies cut short, pages that fail for good, lines and strings past the
// bounds of lib/marketplaces/limits.ts. Each of these failed on the code before the bounds
// (the run looped, lost the pages it had read, or locked what it was sent).
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { marketplaceStockLocks, orders } from "@/db/schema";
import type { FaultInput } from "@/lib/marketplaces/simulator/faults";
import { adapterOptions, createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 50 });
});
afterEach(async () => {
  await world.close();
});

/** Runs one sync with the requests the client sent counted (list pages included). */
async function syncCounting(
  type: "new" | "modified",
  marketplace: "bm-fr" | "rf",
  extra: { pageSize?: number; limits?: { maxPagesPerListing?: number } } = {},
) {
  const urls: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  const summary = await world.sync(type, marketplace, {
    pageSize: extra.pageSize,
    adapterOptions: { ...adapterOptions, limits: extra.limits, fetch: countingFetch },
  });
  const run = summary.runs[0];
  if (!run) throw new Error("no run");
  return { run, urls };
}

function addOrders(channel: "backmarket" | "refurbed", count: number) {
  return Array.from({ length: count }, () => world.sim.addOrder({ channel, lines: [{ sku: A }] }));
}

async function storedIds(marketplaceId: number): Promise<string[]> {
  const rows = await world.database.db
    .select({ externalId: orders.externalId })
    .from(orders)
    .where(eq(orders.marketplaceId, marketplaceId));
  return rows.map((row) => row.externalId).sort();
}

const endless = (match: FaultInput["match"]): FaultInput => ({
  kind: "endless-paging",
  // Bounded so the code before the guard ends too (and fails the assertions instead of hanging).
  count: 200,
  match,
});

describe("paging that never ends", () => {
  it("Back Market: distinct next links repeating the same orders stop the run, pages read stored", async () => {
    const created = addOrders("backmarket", 5);
    world.sim.injectFault(
      endless({ channel: "backmarket", method: "GET", pathPrefix: "/ws/orders" }),
    );
    const { run, urls } = await syncCounting("modified", "bm-fr", { pageSize: 2 });
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(
      /GET \/ws\/orders: paging stopped after 4 pages \(page 4 held only items this listing had already read\)/,
    );
    expect(run.counts.created).toBe(5);
    expect(await storedIds(world.bm.id)).toEqual(created.map((o) => String(o.id)).sort());
    expect(urls.filter((url) => /\/ws\/orders\?/.test(url))).toHaveLength(4);
  });

  it("Refurbed: a cursor cycle of two pages stops the run; the orders read are stored", async () => {
    const created = addOrders("refurbed", 5);
    world.sim.injectFault(
      endless({ channel: "refurbed", pathPrefix: "/refb.merchant.v1.OrderService/ListOrders" }),
    );
    const { run, urls } = await syncCounting("new", "rf", { pageSize: 2 });
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(/ListOrders: paging stopped after 3 pages/);
    expect(await storedIds(world.rf.id)).toEqual(
      created
        .slice(0, 4)
        .map((o) => String(o.id))
        .sort(),
    );
    expect(urls.filter((url) => url.endsWith("ListOrders"))).toHaveLength(3);
  });

  it("stops at the page limit and says so", async () => {
    addOrders("backmarket", 7);
    const { run } = await syncCounting("modified", "bm-fr", {
      pageSize: 2,
      limits: { maxPagesPerListing: 2 },
    });
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(/2 pages read, the limit for one listing/);
    expect(run.counts.created).toBe(4);
  });
});

describe("reads that fail", () => {
  const page2 = {
    channel: "backmarket",
    method: "GET",
    pathPrefix: "/ws/orders",
    query: { page: "2" },
  } as const;

  it("retries a 200 whose body was cut short and imports everything", async () => {
    addOrders("backmarket", 5);
    world.sim.injectFault({ kind: "truncated", count: 1, match: page2 });
    const { run } = await syncCounting("modified", "bm-fr", { pageSize: 2 });
    expect(run).toMatchObject({ status: "succeeded", counts: { created: 5, errors: 0 } });
  });

  it("keeps the orders of the pages read when a later page is cut short for good", async () => {
    const created = addOrders("backmarket", 5);
    world.sim.injectFault({ kind: "truncated", count: 1_000, match: page2 });
    const { run } = await syncCounting("modified", "bm-fr", { pageSize: 2 });
    expect(run.status).toBe("failed");
    expect(run.message).toMatch(/not JSON/);
    expect(run.counts.created).toBe(2);
    expect(await storedIds(world.bm.id)).toEqual(
      created
        .slice(0, 2)
        .map((o) => String(o.id))
        .sort(),
    );
  });
});

describe("orders past the bounds", () => {
  async function locksOf(externalId: string) {
    return world.database.db
      .select({ quantity: marketplaceStockLocks.quantity })
      .from(marketplaceStockLocks)
      .innerJoin(orders, eq(orders.id, marketplaceStockLocks.orderId))
      .where(eq(orders.externalId, externalId));
  }

  it("a line of 2,000,000,000 units is one failed order; the rest of its page is imported", async () => {
    const huge = world.sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: A, quantity: 2_000_000_000 }],
    });
    const fine = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    const { run } = await syncCounting("new", "bm-fr");
    expect(run).toMatchObject({ status: "partial", counts: { created: 1, errors: 1 } });
    expect(run.errors[0]).toMatchObject({
      orderId: String(huge.id),
      path: "items.0.quantity",
      message: expect.stringMatching(/quantity above 1000 units per line/),
    });
    expect(await storedIds(world.bm.id)).toEqual([String(fine.id)]);
    expect(await locksOf(String(huge.id))).toEqual([]);
    expect(await locksOf(String(fine.id))).toEqual([{ quantity: 1 }]);
  });

  it("an over-long string is one failed order with a clear error", async () => {
    const long = world.sim.addOrder({
      channel: "refurbed",
      lines: [{ sku: A, name: "x".repeat(100_000) }],
    });
    const fine = world.sim.addOrder({ channel: "refurbed", lines: [{ sku: A }] });
    const { run } = await syncCounting("new", "rf");
    expect(run).toMatchObject({ status: "partial", counts: { created: 1, errors: 1 } });
    expect(run.errors[0]).toMatchObject({
      orderId: String(long.id),
      path: "items.0.name",
      message: expect.stringMatching(/longer than 500 characters/),
    });
    expect(await storedIds(world.rf.id)).toEqual([String(fine.id)]);
  });
});
