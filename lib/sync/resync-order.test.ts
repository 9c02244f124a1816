// resyncOrder against the simulator and real PostgreSQL: one order re-read, its lock follows
// the marketplace's status, its documents are filled in, the other marketplace gets the push.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { marketplaceStockLocks, orders, variations } from "@/db/schema";
import { resyncOrder } from "@/lib/runtime";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { adapterOptions, createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 3 });
});
afterEach(async () => {
  await world.close();
});

const expectInvariantsClean = () => expectStockInvariantsHold(world.database.db);

async function orderRow(externalId: string) {
  const [row] = await world.database.db
    .select()
    .from(orders)
    .where(eq(orders.externalId, externalId));
  if (!row) throw new Error(`order ${externalId} not imported`);
  return row;
}

describe("resyncOrder", () => {
  it("follows a shipment into a consumed lock and fills the missing label", async () => {
    const sold = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    await world.sync("modified", "bm-fr");
    const before = await orderRow(String(sold.id));
    expect(before.labelUrl).toBeNull();
    const { db } = world.database;
    const [lock] = await db
      .select()
      .from(marketplaceStockLocks)
      .where(eq(marketplaceStockLocks.orderId, before.id));
    expect(lock?.status).toBe("locked");

    world.sim.advanceLines("backmarket", sold.id, "accepted");
    world.sim.advanceLines("backmarket", sold.id, "shipped");
    world.sim.clearWrites();
    const result = await resyncOrder(db, before.id, { adapterOptions });

    expect(result).toMatchObject({
      orderId: before.id,
      externalId: String(sold.id),
      marketplace: "bm-fr",
      outcome: "updated",
      status: "shipped",
      locksConsumed: 1,
      locksCreated: 0,
    });
    const [after] = await db
      .select()
      .from(marketplaceStockLocks)
      .where(eq(marketplaceStockLocks.orderId, before.id));
    expect(after?.status).toBe("consumed");
    expect((await orderRow(String(sold.id))).labelUrl).toMatch(/^http/);
    const [variation] = await db.select().from(variations).where(eq(variations.sku, A));
    expect(variation).toMatchObject({ onHand: 2, lockedQuantity: 0 });
    // Shipping moves the unit from locked to gone: available, hence publishable, is unchanged.
    expect(result.push).toMatchObject({ pushed: 0, failed: 0 });
    await expectInvariantsClean();
  });

  it("frees the units of a cancelled order and pushes them to both marketplaces", async () => {
    const sold = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A, quantity: 2 }] });
    await world.sync("modified", "bm-fr");
    const row = await orderRow(String(sold.id));
    world.sim.advanceLines("backmarket", sold.id, "cancelled");
    world.sim.clearWrites();
    const result = await resyncOrder(world.database.db, row.id, { adapterOptions });
    expect(result).toMatchObject({ outcome: "updated", status: "cancelled", locksCancelled: 1 });
    const [variation] = await world.database.db
      .select()
      .from(variations)
      .where(eq(variations.sku, A));
    expect(variation).toMatchObject({ onHand: 3, lockedQuantity: 0 });
    // Both marketplaces list A: each hears the new publishable quantity (3) once.
    const pushes = world.sim
      .writes()
      .filter((w) => w.path.startsWith("/ws/listings/") || w.path.endsWith("UpdateOffer"));
    expect(pushes).toHaveLength(2);
    expect(result.push).toMatchObject({ pushed: 2, failed: 0 });
    await expectInvariantsClean();
  });

  it("changes nothing when the marketplace says what is stored already", async () => {
    const sold = world.sim.addOrder({ channel: "refurbed", lines: [{ sku: A }] });
    await world.sync("modified", "rf");
    const row = await orderRow(String(sold.id));
    const first = await resyncOrder(world.database.db, row.id, { adapterOptions });
    const again = await resyncOrder(world.database.db, row.id, { adapterOptions });
    expect(first.status).toBe("new");
    expect(again).toMatchObject({ outcome: "unchanged", events: 0, locksCreated: 0 });
    const locks = await world.database.db.select().from(marketplaceStockLocks);
    expect(locks).toHaveLength(1);
  });

  it("answers not_found for an unknown order and for one the marketplace does not know", async () => {
    const { db } = world.database;
    await expect(resyncOrder(db, 999_999, { adapterOptions })).rejects.toMatchObject({
      code: "not_found",
    });
    const [ghost] = await db
      .insert(orders)
      .values({
        marketplaceId: world.bm.id,
        externalId: "424242",
        status: "new",
        marketplaceState: "1",
        orderedAt: new Date(),
      })
      .returning({ id: orders.id });
    if (!ghost) throw new Error("order not inserted");
    await expect(resyncOrder(db, ghost.id, { adapterOptions })).rejects.toMatchObject({
      code: "not_found",
      message: "bm-fr no longer knows order 424242",
    });
  });
});
