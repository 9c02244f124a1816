// settleUnchangedOrders on real PostgreSQL: the orders a re-sync may skip are exactly the
// stored ones that did not change, on this marketplace; only theirs get last_synced_at.
import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { marketplaces, orders } from "@/db/schema";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { createAdapter } from "@/lib/marketplaces/factory";
import { adapterOptions, createSyncWorld, type SyncWorld } from "./testing/sync-fixture";
import { settleUnchangedOrders } from "./unchanged-orders";

const A = "IPH13-128-MID-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 10 });
});
afterEach(async () => {
  await world.close();
});

async function listed(code: string): Promise<NormalizedOrder[]> {
  const { db } = world.database;
  const [row] = await db.select().from(marketplaces).where(eq(marketplaces.code, code));
  if (!row) throw new Error(`no marketplace ${code}`);
  const found: NormalizedOrder[] = [];
  const since = new Date(Date.now() - 60 * 60_000);
  for await (const result of createAdapter(row, adapterOptions).listOrdersModifiedSince(since)) {
    if (result.ok) found.push(result.order);
  }
  return found;
}

const syncedAt = async (externalIds: string[]) =>
  new Map(
    (
      await world.database.db
        .select({ externalId: orders.externalId, at: orders.lastSyncedAt })
        .from(orders)
        .where(inArray(orders.externalId, externalIds))
    ).map((row) => [row.externalId, row.at?.getTime()]),
  );

describe("settleUnchangedOrders", () => {
  it("names the stored orders that did not change and brings only their last_synced_at forward", async () => {
    const ids = [1, 2, 3].map((n) =>
      String(world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A, quantity: n }] }).id),
    );
    await world.sync("modified", "bm-fr");
    const [kept, moved, alsoKept] = ids as [string, string, string];
    world.sim.advanceLines("backmarket", Number(moved), "accepted");
    const notStored = String(world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] }).id);
    const fetched = await listed("bm-fr");
    expect(fetched.map((order) => order.externalId).sort()).toEqual([...ids, notStored].sort());
    const before = await syncedAt(ids);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const unchanged = await settleUnchangedOrders(world.database.db, world.bm.id, fetched);
    expect([...unchanged].sort()).toEqual([kept, alsoKept].sort());
    const after = await syncedAt(ids);
    expect(after.get(kept)).toBeGreaterThan(before.get(kept) ?? Number.POSITIVE_INFINITY);
    expect(after.get(alsoKept)).toBeGreaterThan(before.get(alsoKept) ?? Number.POSITIVE_INFINITY);
    expect(after.get(moved)).toBe(before.get(moved));

    // The same orders said to come from another marketplace match nothing stored there.
    const elsewhere = await settleUnchangedOrders(world.database.db, world.rf.id, fetched);
    expect(elsewhere.size).toBe(0);
  });
});
