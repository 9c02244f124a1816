// Marketplaces change order lines under the sync: a quantity moves while the line is open, a
// line disappears from its order, staff release a lock and the marketplace ships the item
// anyway. Through the simulator and real PostgreSQL, the locks and counters must follow, the
// ledger must say why, staff must be told, and every invariant must hold.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { releaseLock } from "@/lib/stock/manual-operations";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";
const B = "IPH12-64-GOOD-B";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 10, [B]: 10 });
});
afterEach(async () => {
  await world.close();
});

const expectInvariantsClean = () => expectStockInvariantsHold(world.database.db);

async function linesOf(externalOrderId: number) {
  return queryRows<{
    external_id: string;
    item_quantity: number;
    vanished: boolean;
    lock_id: number | null;
    lock_quantity: number | null;
    lock_status: string | null;
    flag: string | null;
  }>(
    world.database.db,
    sql`select oi.external_id, oi.quantity as item_quantity, oi.vanished_at is not null as vanished,
          l.id as lock_id, l.quantity as lock_quantity, l.status as lock_status, l.flag
        from order_items oi join orders o on o.id = oi.order_id
        left join marketplace_stock_locks l on l.order_item_id = oi.id
        where o.external_id = ${String(externalOrderId)} order by oi.external_id`,
  );
}

async function counters(sku: string) {
  const [row] = await queryRows<{ on_hand: number; locked_quantity: number }>(
    world.database.db,
    sql`select on_hand, locked_quantity from variations where sku = ${sku}`,
  );
  return row;
}

async function lockMovements(lockId: number) {
  return queryRows<{ reason: string; on_hand_delta: number; locked_delta: number }>(
    world.database.db,
    sql`select reason, on_hand_delta, locked_delta from stock_movements
        where lock_id = ${lockId} order by id`,
  );
}

describe("order lines that change under the sync", () => {
  it("a line's quantity moving 1 → 3 → 2 moves its lock and counters; shipping takes 2", async () => {
    const sold = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A, quantity: 1 }] });
    const lineId = sold.lines[0]?.id ?? 0;
    await world.sync("modified", "bm-fr");
    expect(await counters(A)).toEqual({ on_hand: 10, locked_quantity: 1 });

    world.sim.changeLine("backmarket", sold.id, lineId, { quantity: 3 });
    await world.sync("modified", "bm-fr");
    expect(await linesOf(sold.id)).toMatchObject([
      { item_quantity: 3, lock_quantity: 3, lock_status: "locked" },
    ]);
    expect(await counters(A)).toEqual({ on_hand: 10, locked_quantity: 3 });

    world.sim.changeLine("backmarket", sold.id, lineId, { quantity: 2 });
    await world.sync("modified", "bm-fr");
    expect(await counters(A)).toEqual({ on_hand: 10, locked_quantity: 2 });

    world.sim.advanceLines("backmarket", sold.id, "accepted");
    world.sim.advanceLines("backmarket", sold.id, "shipped");
    await world.sync("modified", "bm-fr");
    const [line] = await linesOf(sold.id);
    expect(line).toMatchObject({ lock_quantity: 2, lock_status: "consumed" });
    expect(await counters(A)).toEqual({ on_hand: 8, locked_quantity: 0 });
    // The ledger tells the whole story: locked 1, +2, −1, then 2 left stock.
    expect(await lockMovements(line?.lock_id ?? 0)).toEqual([
      { reason: "lock", on_hand_delta: 0, locked_delta: 1 },
      { reason: "lock", on_hand_delta: 0, locked_delta: 2 },
      { reason: "lock", on_hand_delta: 0, locked_delta: -1 },
      { reason: "consume", on_hand_delta: -2, locked_delta: -2 },
    ]);
    // Refurbed was told about the lower quantity: 10 on hand − 2 locked at the last push.
    const offer = world.sim.store.listingBySku(A);
    expect(offer?.quantity).toBe(8);
    await expectInvariantsClean();
  });

  it("a line that vanishes from its order keeps its lock, flagged; staff release it with a reason", async () => {
    const sold = world.sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: A }, { sku: B }],
    });
    await world.sync("modified", "bm-fr");
    world.sim.changeLine("backmarket", sold.id, sold.lines[1]?.id ?? 0, "remove");
    await world.sync("modified", "bm-fr");

    const [kept, vanished] = await linesOf(sold.id);
    expect(kept).toMatchObject({ vanished: false, lock_status: "locked", flag: null });
    expect(vanished).toMatchObject({
      vanished: true,
      lock_status: "locked",
      flag: "item_vanished",
    });
    // The units stay locked: nothing is freed silently.
    expect(await counters(B)).toEqual({ on_hand: 10, locked_quantity: 1 });
    await expectInvariantsClean();

    await world.database.db.transaction((tx) =>
      releaseLock(tx, {
        lockId: vanished?.lock_id ?? 0,
        reason: "line removed by the marketplace",
        actor: "ops@example.com",
      }),
    );
    expect((await linesOf(sold.id))[1]).toMatchObject({ lock_status: "cancelled", flag: null });
    expect(await counters(B)).toEqual({ on_hand: 10, locked_quantity: 0 });
    await expectInvariantsClean();
  });

  it("a lock released by staff whose item then ships takes the unit off on_hand once, flagged", async () => {
    const sold = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    await world.sync("modified", "bm-fr");
    const [line] = await linesOf(sold.id);
    await world.database.db.transaction((tx) =>
      releaseLock(tx, { lockId: line?.lock_id ?? 0, reason: "looked cancelled", actor: "ops" }),
    );
    expect(await counters(A)).toEqual({ on_hand: 10, locked_quantity: 0 });

    world.sim.advanceLines("backmarket", sold.id, "accepted");
    world.sim.advanceLines("backmarket", sold.id, "shipped");
    await world.sync("modified", "bm-fr");
    await world.sync("modified", "bm-fr"); // a replay changes nothing

    expect(await linesOf(sold.id)).toMatchObject([
      { lock_status: "consumed", flag: "shipped_after_release" },
    ]);
    expect(await counters(A)).toEqual({ on_hand: 9, locked_quantity: 0 });
    expect((await lockMovements(line?.lock_id ?? 0)).filter((m) => m.reason === "consume")).toEqual(
      [{ reason: "consume", on_hand_delta: -1, locked_delta: 0 }],
    );
    await expectInvariantsClean();
  });
});
