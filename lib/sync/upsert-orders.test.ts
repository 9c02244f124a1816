// upsertOrders (a page in one go) against upsertOrder one order at a time, on real PostgreSQL:
// the same results, locks, counters, ledger and events; and a page with one bad order.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { orderLimits } from "@/lib/domain/order-limits";
import { logger } from "@/lib/log";
import { orderEventBus, type UpsertOrderResult, upsertOrder, upsertOrders } from "@/lib/runtime";
import { checkStockInvariants } from "@/lib/stock/invariants";
import {
  createMarketplace,
  createVariations,
  type LineSpec,
  makeOrder,
} from "@/lib/stock/testing/fixtures";
import { processListedPage } from "./import-order";
import { startRun } from "./runs";
import type { SyncContext } from "./sync-context";

/** A page exercising every rule, with SKUs prefixed so two copies do not share stock. */
function scenario(mp: number, prefix: string): NormalizedOrder[][] {
  const line = (sku: string, status: LineSpec["status"], quantity = 1): LineSpec => ({
    sku: `${prefix}-${sku}`,
    status,
    quantity,
  });
  const order = (ext: string, lines: LineSpec[]) =>
    makeOrder(
      mp,
      ext,
      lines.map((l, i) => ({ ...l, externalId: `${ext}-${i + 1}` })),
    );
  return [
    // First page: the last units (oversold by the third order), an unmapped line, a line
    // first seen shipped, two lines of one variation in one order, and an order that comes
    // twice in the page (created, then shipped).
    [
      order("O1", [line("LAST", "new"), line("MANY", "new", 2)]),
      order("O2", [line("LAST", "new"), line("NOBODY", "new")]),
      order("O3", [line("LAST", "accepted")]),
      order("O4", [line("MANY", "shipped")]),
      order("O5", [line("MANY", "new"), line("MANY", "pending", 3)]),
      order("O6", [line("OTHER", "new")]),
      order("O6", [line("OTHER", "shipped")]),
    ],
    // Second page: known orders move on (cancel, ship, partly cancel) and a new one comes.
    [
      order("O1", [line("LAST", "cancelled"), line("MANY", "shipped", 2)]),
      order("O3", [line("LAST", "refunded")]),
      order("O5", [line("MANY", "shipped"), line("MANY", "cancelled", 3)]),
      order("O7", [line("LAST", "new")]),
    ],
  ];
}

/** A result without ids (they differ between the two copies). */
function shape(result: UpsertOrderResult) {
  const { orderId: _order, items, ...rest } = result;
  return {
    ...rest,
    items: items.map(({ orderItemId: _item, variationId, lockId, sku, ...item }) => ({
      ...item,
      sku: sku.replace(/^[AB]-/, ""),
      variation: variationId !== null,
      lock: lockId !== null,
    })),
  };
}

async function stockOf(db: Database, prefix: string) {
  return queryRows(
    db,
    sql`select replace(v.sku, ${prefix}, '') as sku, v.on_hand, v.locked_quantity,
          (select count(*)::int from stock_movements m where m.variation_id = v.id) as movements,
          (select json_agg(json_build_array(l.status, l.quantity) order by l.id)
             from marketplace_stock_locks l where l.variation_id = v.id) as locks
        from variations v where v.sku like ${`${prefix}%`} order by v.sku`,
  );
}

async function eventsOf(db: Database, mp: number) {
  return queryRows(
    db,
    sql`select o.external_id, e.type from domain_events e join orders o on o.id = e.order_id
        where o.marketplace_id = ${mp} order by o.external_id, e.id`,
  );
}

describe("upsertOrders", () => {
  const database = useTestDatabase();
  let db: Database;

  beforeAll(async () => {
    db = database.current.db;
  });

  it("gives the results and the rows of upsertOrder applied one order after another", async () => {
    const [one, batch] = [await createMarketplace(db), await createMarketplace(db)];
    for (const prefix of ["A", "B"]) {
      await createVariations(db, [
        { sku: `${prefix}-LAST`, onHand: 2 },
        { sku: `${prefix}-MANY`, onHand: 10 },
        { sku: `${prefix}-OTHER`, onHand: 1 },
      ]);
    }
    const sequential: UpsertOrderResult[] = [];
    for (const page of scenario(one, "A")) {
      for (const order of page) {
        sequential.push(await db.transaction((tx) => upsertOrder(tx, order)));
      }
    }
    const batched: UpsertOrderResult[] = [];
    for (const page of scenario(batch, "B")) {
      batched.push(...(await db.transaction((tx) => upsertOrders(tx, page))));
    }

    expect(batched.map(shape)).toEqual(sequential.map(shape));
    // The third order takes the last unit below zero: only it is oversold.
    expect(batched.slice(0, 3).map((r) => r.items[0]?.oversold)).toEqual([false, false, true]);
    expect(await stockOf(db, "B-")).toEqual(await stockOf(db, "A-"));
    expect(await eventsOf(db, batch)).toEqual(await eventsOf(db, one));
    const report = await checkStockInvariants(db);
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  });

  it("keeps the newest quantity when an older snapshot of the order arrives last", async () => {
    const mp = await createMarketplace(db);
    const ids = await createVariations(db, [{ sku: "STALE-1", onHand: 9 }]);
    const snapshot = (quantity: number, modifiedAt: string) =>
      makeOrder(mp, "STALE", [{ externalId: "L1", sku: "STALE-1", status: "new", quantity }], {
        modifiedAt: new Date(modifiedAt),
      });
    const apply = (order: NormalizedOrder) => db.transaction((tx) => upsertOrder(tx, order));
    await apply(snapshot(1, "2026-05-01T10:00:00Z"));
    await apply(snapshot(3, "2026-05-01T12:00:00Z"));
    await apply(snapshot(1, "2026-05-01T11:00:00Z")); // a replay of an older state
    const [lock] = await queryRows<{ quantity: number; item_quantity: number }>(
      db,
      sql`select l.quantity, oi.quantity as item_quantity from marketplace_stock_locks l
          join order_items oi on oi.id = l.order_item_id
          where l.variation_id = ${ids.get("STALE-1") ?? 0}`,
    );
    expect(lock).toEqual({ quantity: 3, item_quantity: 3 });
    await apply(snapshot(2, "2026-05-01T13:00:00Z"));
    const [variation] = await queryRows<{ locked_quantity: number }>(
      db,
      sql`select locked_quantity from variations where sku = 'STALE-1'`,
    );
    expect(variation?.locked_quantity).toBe(2);
  });

  it("sets the transaction's lock timeout without a statement of its own", async () => {
    const mp = await createMarketplace(db);
    await createVariations(db, [{ sku: "TIMEOUT-1", onHand: 1 }]);
    const timeout = await db.transaction(async (tx) => {
      await upsertOrders(tx, [makeOrder(mp, "T1", [{ sku: "TIMEOUT-1", status: "new" }])]);
      const [row] = await queryRows<{ lock_timeout: string }>(tx, sql`show lock_timeout`);
      return row?.lock_timeout;
    });
    expect(timeout).toBe("5s");
  });

  it("records one bad order of a page and imports the others", async () => {
    const mp = await createMarketplace(db);
    await createVariations(db, [{ sku: "PAGE-1", onHand: 5 }]);
    const ctx = await pageContext(db, mp);
    const recorder = ctx.recorder;
    const good = (ext: string) => makeOrder(mp, ext, [{ sku: "PAGE-1", status: "new" }]);
    // Refused inside the page's transaction (upsertOrders checks the order bounds again).
    const bad = makeOrder(mp, "BAD", [{ sku: "PAGE-1", status: "new", quantity: 2 ** 40 }]);

    const imported = await processListedPage(ctx, [
      { ok: true, order: good("G1") },
      { ok: true, order: bad },
      { ok: true, order: good("G2") },
    ]);

    expect(imported.map((entry) => entry?.outcome)).toEqual(["created", undefined, "created"]);
    expect(recorder.counts).toMatchObject({ fetched: 3, created: 2, locks: 2, errors: 1 });
    expect(recorder.errors).toEqual([
      expect.objectContaining({
        orderId: "BAD",
        message: expect.stringMatching(/quantity above 1000/),
      }),
    ]);
    const stored = await queryRows<{ external_id: string }>(
      db,
      sql`select external_id from orders where marketplace_id = ${mp} order by external_id`,
    );
    expect(stored.map((row) => row.external_id)).toEqual(["G1", "G2"]);
  });

  it("imports a page of orders at the item bound (Shopify stores a unit per item); one past it fails alone", async () => {
    const mp = await createMarketplace(db);
    await createVariations(db, [{ sku: "UNITS-1", onHand: 5_000 }]);
    const ctx = await pageContext(db, mp);
    const units = (ext: string, count: number) =>
      makeOrder(
        mp,
        ext,
        Array.from({ length: count }, (_, i) => ({
          externalId: `${ext}#${i + 1}`,
          sku: "UNITS-1",
          status: "new" as const,
        })),
      );
    const max = orderLimits.maxItemsPerOrder;

    // One page in one transaction; then a page where one order is past the bound.
    const atBound = await processListedPage(ctx, [
      { ok: true, order: units("U1", max) },
      { ok: true, order: units("U3", 250) },
    ]);
    const pastBound = await processListedPage(ctx, [
      { ok: true, order: units("U2", max + 1) },
      { ok: true, order: units("U4", 1) },
    ]);

    expect(atBound.map((entry) => entry?.outcome)).toEqual(["created", "created"]);
    expect(pastBound.map((entry) => entry?.outcome)).toEqual([undefined, "created"]);
    expect(ctx.recorder.errors).toEqual([
      expect.objectContaining({
        orderId: "U2",
        message: expect.stringMatching(`more than ${max} items`),
      }),
    ]);
    const [stock] = await queryRows<{ locks: number; locked_quantity: number }>(
      db,
      sql`select (select count(*)::int from marketplace_stock_locks l
                  where l.variation_id = v.id and l.status = 'locked') as locks,
                 v.locked_quantity
          from variations v where v.sku = 'UNITS-1'`,
    );
    expect(stock).toEqual({ locks: max + 251, locked_quantity: max + 251 });
    const report = await checkStockInvariants(db);
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  });
});

async function pageContext(db: Database, mp: number): Promise<SyncContext> {
  const [marketplace] = await db.select().from(marketplaces).where(eq(marketplaces.id, mp));
  if (!marketplace) throw new Error("no marketplace");
  const recorder = await startRun(db, { type: "modified", marketplaceId: mp, trigger: "cli" });
  return {
    db,
    marketplace,
    recorder,
    bus: orderEventBus,
    log: logger.child({ test: "page" }),
    pageSize: 50,
    daysBack: 1,
  } as unknown as SyncContext;
}
