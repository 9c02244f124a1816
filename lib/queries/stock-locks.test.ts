import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLarge } from "@/db/seed/large";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { lockList } from "@/lib/lists/stock-locks";
import { upsertOrder } from "@/lib/runtime";
import { releaseLock } from "@/lib/stock/manual-operations";
import { createMarketplace, createVariations, makeOrder } from "@/lib/stock/testing/fixtures";
import { settle } from "./settle";
import { listLocks, lockSummary } from "./stock-locks";

const database = useTestDatabase();

function search(raw: Record<string, string>) {
  return parseListParams(lockList, raw).values;
}

describe("lock list queries (real PostgreSQL)", () => {
  beforeAll(async () => {
    await seedLarge(database.current.db, { orders: 400, variations: 40, seed: 3 });
  });

  it("filters, counts and pages from the same inputs", async () => {
    const db = database.current.db;
    const [expected] = (await db.execute(
      sql`select count(*)::int as n, sum(quantity)::int as units from marketplace_stock_locks
          where status = 'consumed' and marketplace_id = (select id from marketplaces where code = 'bm-fr')`,
    )) as unknown as { n: number; units: number }[];
    const [bmFr] = (await db.execute(
      sql`select id from marketplaces where code = 'bm-fr'`,
    )) as unknown as { id: number }[];
    const page = await listLocks(
      db,
      search({ marketplace: String(bmFr?.id), status: "consumed", perPage: "25" }),
      3,
    );
    expect(page.total).toBe(expected?.n);
    expect(page.units).toBe(expected?.units);
    expect(page.rows).toHaveLength(Math.min(25, expected?.n ?? 0));
    for (const row of page.rows) {
      expect(row).toMatchObject({ status: "consumed", marketplaceCode: "bm-fr" });
    }
    // Sorted newest first, ties by id.
    const times = page.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("finds locks by order id, SKU text and staleness", async () => {
    const db = database.current.db;
    const [lock] = (await listLocks(db, search({ status: "locked", perPage: "25" }), 3)).rows;
    if (!lock) throw new Error("the seed made no active lock");
    const byOrder = await listLocks(db, search({ order: lock.orderExternalId }), 3);
    expect(byOrder.rows.every((r) => r.orderId === lock.orderId)).toBe(true);
    expect(byOrder.rows.map((r) => r.id)).toContain(lock.id);

    const bySku = await listLocks(db, search({ q: lock.sku.toLowerCase() }), 3);
    expect(bySku.rows.length).toBeGreaterThan(0);
    expect(
      bySku.rows.every((r) => r.sku.includes(lock.sku) || r.orderExternalId.startsWith(lock.sku)),
    ).toBe(true);

    // A LIKE wildcard in the search is matched literally.
    expect((await listLocks(db, search({ q: "%" }), 3)).total).toBe(0);

    const stale = await listLocks(db, search({ stale: "1", perPage: "200" }), 1);
    const summary = await lockSummary(db, 1);
    expect(stale.total).toBe(summary.staleLocks);
    const dayAgo = Date.now() - 86_400_000;
    expect(stale.rows.every((r) => r.status === "locked" && r.createdAt.getTime() < dayAgo)).toBe(
      true,
    );
  });

  it("flags and counts locks staff must look at: a vanished line, a shipment after a release", async () => {
    const db = database.current.db;
    const mp = await createMarketplace(db, "flags-mp");
    await createVariations(db, [{ sku: "FLAG-A", onHand: 5 }]);
    const line = (externalId: string, status: "accepted" | "shipped" = "accepted") => ({
      externalId,
      sku: "FLAG-A",
      status,
    });
    const lines = [line("L1"), line("L2"), line("L3")];
    await db.transaction((tx) => upsertOrder(tx, makeOrder(mp, "FLAG-1", lines)));
    const [released] = (await db.execute(
      sql`select l.id from marketplace_stock_locks l join order_items oi on oi.id = l.order_item_id
          where oi.external_id = 'L3' and l.order_id = (select id from orders where external_id = 'FLAG-1')`,
    )) as unknown as { id: number }[];
    if (!released) throw new Error("no lock for L3");
    await db.transaction((tx) =>
      releaseLock(tx, { lockId: released.id, reason: "customer called", actor: "test" }),
    );
    // L2 vanishes from the order; L3 ships although its lock was released.
    await db.transaction((tx) =>
      upsertOrder(tx, makeOrder(mp, "FLAG-1", [line("L1"), line("L3", "shipped")])),
    );

    const [counts] = (await db.execute(
      sql`select (count(*) filter (where flag = 'item_vanished' and status = 'locked'))::int as vanished,
            (count(*) filter (where flag = 'shipped_after_release'))::int as shipped
          from marketplace_stock_locks`,
    )) as unknown as { vanished: number; shipped: number }[];
    expect(counts).toEqual({ vanished: 1, shipped: 1 });
    const summary = await lockSummary(db, 3);
    expect(summary.vanishedLocks).toBe(counts?.vanished);
    expect(summary.shippedAfterRelease).toBe(counts?.shipped);

    const vanished = await listLocks(db, search({ flag: "item_vanished", status: "locked" }), 3);
    expect(vanished.rows.map((r) => [r.orderExternalId, r.flag, r.status])).toEqual([
      ["FLAG-1", "item_vanished", "locked"],
    ]);
    const shipped = await listLocks(db, search({ flag: "shipped_after_release" }), 3);
    expect(shipped.rows.map((r) => [r.id, r.flag, r.status, r.releaseReason])).toEqual([
      [released.id, "shipped_after_release", "consumed", "customer called"],
    ]);
    // The unit left stock once: 5 on hand, one shipped.
    const [variation] = (await db.execute(
      sql`select on_hand, locked_quantity from variations where sku = 'FLAG-A'`,
    )) as unknown as { on_hand: number; locked_quantity: number }[];
    expect(variation).toEqual({ on_hand: 4, locked_quantity: 2 });
  });

  it("surfaces a failing query as an error result with the database's message", async () => {
    const result = await settle("broken", () =>
      database.current.db.execute(sql`select * from no_such_table`),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "42P01" } });
    if (!result.ok) expect(result.error.message).toContain("no_such_table");
  });
});
