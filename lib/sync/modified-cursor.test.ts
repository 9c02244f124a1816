// The `modified` cursor against a marketplace clock gone wrong and orders that fail: the mark
// never passes the run's start, and a failed order is fetched again by id until it imports.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { orders, syncRuns } from "@/db/schema";
import { createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 20 });
});
afterEach(async () => {
  await world.close();
});

async function stored(externalId: string) {
  const rows = await world.database.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.marketplaceId, world.bm.id), eq(orders.externalId, externalId)));
  return rows.length > 0;
}

async function lastRun() {
  const [run] = await world.database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.type, "modified"), eq(syncRuns.marketplaceId, world.bm.id)))
    .orderBy(syncRuns.id)
    .then((rows) => rows.slice(-1));
  if (!run) throw new Error("no modified run");
  return run;
}

describe("modified cursor", () => {
  it("a date_modification in the future does not drag the mark past the run's start", async () => {
    const future = world.sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: A }],
      malformed: "future_modified",
    });
    await world.sync("modified", "bm-fr");
    const first = await lastRun();
    expect(first.status).toBe("succeeded");
    expect(await stored(String(future.id))).toBe(true);
    expect(first.highWaterMark?.getTime()).toBeLessThanOrEqual(first.startedAt.getTime());

    // First seen through `modified` after that run: the next run must still list it.
    const later = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    await world.sync("modified", "bm-fr");
    expect(await stored(String(later.id))).toBe(true);
    const second = await lastRun();
    expect(second.highWaterMark?.getTime()).toBeLessThanOrEqual(second.startedAt.getTime());
  });

  it("an order that failed to import is fetched again by id and imported once fixed", async () => {
    // Older than the overlap window behind the next mark: no listing shows it again.
    const broken = world.sim.addOrder({
      channel: "backmarket",
      lines: [{ sku: A }],
      malformed: "quantity",
      createdAt: new Date(Date.now() - 60 * 60_000),
    });
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    await world.sync("modified", "bm-fr");
    const first = await lastRun();
    expect(first.status).toBe("partial");
    expect(first.errorDetails).toEqual([expect.objectContaining({ orderId: String(broken.id) })]);
    expect(await stored(String(broken.id))).toBe(false);

    // Still broken: fetched again, failed again, recorded again (so the run after retries too).
    await world.sync("modified", "bm-fr");
    const second = await lastRun();
    expect(second.status).toBe("partial");
    expect(second.errorDetails).toEqual([expect.objectContaining({ orderId: String(broken.id) })]);

    const order = world.sim.store.order("backmarket", broken.id);
    if (!order) throw new Error("order gone");
    order.malformed = null;
    await world.sync("modified", "bm-fr");
    expect((await lastRun()).status).toBe("succeeded");
    expect(await stored(String(broken.id))).toBe(true);
  });
});
