// A B2B lot sold on a marketplace that lists one item per unit (Refurbed): 250 units of one SKU
// arrive as 250 items through the simulator, the adapter and the sync, and every unit is locked
// (before the item bound was per stored order, a lot over 200 units failed with nothing locked).
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const SKU = "IPH13-128-MID-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [SKU]: 300 });
});
afterEach(async () => {
  await world.close();
});

it("imports a Refurbed lot of 250 units as 250 items and locks every unit", async () => {
  const response = await fetch(`${world.sim.url}/_simulator/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channel: "refurbed", lines: [{ sku: SKU, quantity: 250 }] }),
  });
  expect(response.status).toBe(201);

  const summary = await world.sync("new", world.rf.code);

  expect(summary.runs.map((run) => [run.status, run.counts.errors])).toEqual([["succeeded", 0]]);
  const [stock] = await queryRows<{ items: number; locks: number; locked: number }>(
    world.database.db,
    sql`select (select count(*)::int from order_items i join orders o on o.id = i.order_id
                where o.marketplace_id = ${world.rf.id}) as items,
               (select count(*)::int from marketplace_stock_locks l
                where l.variation_id = v.id and l.status = 'locked') as locks,
               v.locked_quantity as locked
        from variations v where v.sku = ${SKU}`,
  );
  expect(stock).toEqual({ items: 250, locks: 250, locked: 250 });
  await expectStockInvariantsHold(world.database.db);
});
