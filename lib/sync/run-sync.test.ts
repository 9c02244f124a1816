// Every sync type end to end: the simulator's orders through the adapters and upsertOrder into
// real PostgreSQL, checked in the database and in the simulator's recorded writes.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { marketplaceStock, orderItems, orders, syncRuns } from "@/db/schema";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { createSyncWorld, databaseFingerprint, type SyncWorld } from "./testing/sync-fixture";

// Two units of A, none of B; C is sold but unknown here (unmapped).
const A = "IPH13-128-MID-A";
const B = "IPH13-256-BLU-B";
const C = "SGS22-128-BLK-A";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 2, [B]: 0 });
});
afterEach(async () => {
  await world.close();
});

const writes = (channel?: "backmarket" | "refurbed") => world.sim.writes(channel);
const acceptWrites = () => writes("backmarket").filter((w) => /^\/ws\/orders\/\d+$/.test(w.path));
const listingWrites = () =>
  writes().filter((w) => w.path.startsWith("/ws/listings/") || w.path.endsWith("UpdateOffer"));

const expectInvariantsClean = () => expectStockInvariantsHold(world.database.db);

async function itemsOf(externalId: string) {
  const [order] = await world.database.db
    .select()
    .from(orders)
    .where(eq(orders.externalId, externalId));
  if (!order) throw new Error(`order ${externalId} not imported`);
  const items = await world.database.db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id));
  return { order, items };
}

describe("runSync new", () => {
  it("locks, accepts per SKU only the lines in stock, pushes publishable quantities everywhere", async () => {
    const inStock = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    const oversold = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: B }] });
    const unmapped = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: C }] });

    const summary = await world.sync("new", "bm-fr");
    expect(summary.exitCode).toBe(0);
    expect(summary.runs).toHaveLength(1);
    expect(summary.runs[0]).toMatchObject({
      type: "new",
      status: "succeeded",
      counts: { fetched: 3, created: 3, locks: 2, accepted: 1, errors: 0 },
    });

    // One accept, for the in-stock line's SKU.
    expect(acceptWrites().map((w) => [w.path, w.body])).toEqual([
      [`/ws/orders/${inStock.id}`, expect.objectContaining({ new_state: 2, sku: A })],
    ]);
    expect((await itemsOf(String(inStock.id))).items[0]?.status).toBe("accepted");
    expect((await itemsOf(String(oversold.id))).items[0]?.status).toBe("new");
    expect((await itemsOf(String(unmapped.id))).items[0]?.variationId).toBeNull();

    // A went 2 → 1 available: both marketplaces that list A are told 1.
    const listingA = world.sim.store.listingBySku(A);
    expect(summary.push?.pushed).toBe(2);
    expect(listingWrites()).toHaveLength(2);
    expect(world.sim.store.listingBySku(A)?.quantity).toBe(1);
    const rows = await world.database.db
      .select()
      .from(marketplaceStock)
      .where(eq(marketplaceStock.variationId, world.variation[A] ?? 0));
    expect(rows.map((r) => r.lastPushedQuantity)).toEqual([1, 1]);
    expect(listingA).toBeDefined();
    await expectInvariantsClean();

    // Again: nothing new is accepted, nothing changes.
    const before = await databaseFingerprint(world);
    const writesBefore = writes().length;
    const again = await world.sync("new", "bm-fr");
    expect(again.runs[0]).toMatchObject({
      status: "succeeded",
      counts: { created: 0, locks: 0, accepted: 0 },
    });
    expect(writes().length).toBe(writesBefore);
    const after = await databaseFingerprint(world);
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
  });

  it("counts a malformed order as an error and imports the others (partial)", async () => {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }], malformed: "quantity" });
    const good = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    const summary = await world.sync("new", "bm-fr");
    expect(summary.exitCode).toBe(0);
    const [run] = summary.runs;
    expect(run).toMatchObject({ status: "partial", counts: { created: 1, errors: 1 } });
    expect(run?.errors[0]).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    await itemsOf(String(good.id));
  });

  it("fails the run and exits 1 when the marketplace refuses the token", async () => {
    process.env.STOCKLOCK_TEST_BM_TOKEN = "wrong-token";
    const summary = await world.sync("new", "bm-fr");
    expect(summary.exitCode).toBe(1);
    expect(summary.runs[0]).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/401|unauthori/i),
    });
  });
});

describe("runSync modified, care, incomplete", () => {
  it("follows shipping and cancelling into locks, with a high-water mark", async () => {
    const shipped = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    const cancelled = world.sim.addOrder({ channel: "refurbed", lines: [{ sku: A }] });
    await world.sync("modified");
    const { db } = world.database;
    // [Back Market's lock, Refurbed's lock] (the two marketplaces sync side by side).
    const locks = async () => {
      const rows = await db.query.marketplaceStockLocks.findMany();
      return [world.bm.id, world.rf.id].map((id) => rows.find((l) => l.marketplaceId === id));
    };
    expect((await locks()).map((l) => l?.status)).toEqual(["locked", "locked"]);

    world.sim.advanceLines("backmarket", shipped.id, "accepted");
    world.sim.advanceLines("backmarket", shipped.id, "shipped");
    world.sim.advanceLines("refurbed", cancelled.id, "cancelled");
    const summary = await world.sync("modified");
    expect(summary.runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect((await locks()).map((l) => l?.status)).toEqual(["consumed", "cancelled"]);
    const [variation] = await db.query.variations.findMany({ where: (v, { eq }) => eq(v.sku, A) });
    expect(variation?.onHand).toBe(1);
    const marks = await db
      .select({ mark: syncRuns.highWaterMark })
      .from(syncRuns)
      .where(and(eq(syncRuns.type, "modified"), eq(syncRuns.marketplaceId, world.bm.id)));
    expect(marks.every((m) => m.mark instanceof Date)).toBe(true);
    await expectInvariantsClean();
  });

  it("sets care_id from care records; Refurbed lists its item returns instead", async () => {
    const order = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }, { sku: B }] });
    await world.sync("modified", "bm-fr");
    const line = order.lines[1];
    if (!line) throw new Error("no second line");
    const folder = world.sim.addCareFolder(line.id, "closed");
    const summary = await world.sync("care");
    const byMarketplace = Object.fromEntries(summary.runs.map((r) => [r.marketplace, r]));
    expect(byMarketplace["bm-fr"]).toMatchObject({ status: "succeeded", counts: { updated: 1 } });
    expect(byMarketplace.rf).toMatchObject({ status: "succeeded", counts: { fetched: 0 } });
    const { items } = await itemsOf(String(order.id));
    expect(items.find((i) => i.externalId === String(line.id))?.careId).toBe(String(folder.id));
    expect(items.find((i) => i.externalId !== String(line.id))?.careId).toBeNull();
  });

  it("re-fetches recent orders lacking documents, without doubling locks or events", async () => {
    const order = world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    await world.sync("modified", "bm-fr");
    world.sim.advanceLines("backmarket", order.id, "accepted"); // the label exists from here
    const before = await databaseFingerprint(world);
    const summary = await world.sync("incomplete", "bm-fr");
    expect(summary.runs[0]).toMatchObject({
      status: "succeeded",
      counts: { fetched: 1, locks: 0 },
    });
    const { order: row } = await itemsOf(String(order.id));
    expect(row.labelUrl).toMatch(/^http/);
    const after = await databaseFingerprint(world);
    expect(after.locks).toBe(before.locks);
    await expectInvariantsClean();
  });

  it("all: runs the four in order, and a second all changes nothing", async () => {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    world.sim.addOrder({ channel: "refurbed", lines: [{ sku: B, quantity: 2 }] });
    const first = await world.sync("all");
    expect(first.runs.map((r) => `${r.marketplace}:${r.type}`)).toEqual([
      "bm-fr:new",
      "bm-fr:modified",
      "bm-fr:care",
      "bm-fr:incomplete",
      "rf:new",
      "rf:modified",
      "rf:care",
      "rf:incomplete",
    ]);
    expect(first.exitCode).toBe(0);
    const before = await databaseFingerprint(world);
    const writesBefore = writes().length;
    await world.sync("all");
    expect(await databaseFingerprint(world)).toMatchObject({ ...before, events: before.events });
    expect(writes().length).toBe(writesBefore);
    await expectInvariantsClean();
  });
});

describe("runSync overlap", () => {
  it("lets one of two concurrent runs work; the other records skipped and exits 0", async () => {
    for (let i = 0; i < 5; i++) world.sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    world.sim.injectFault({ kind: "delay", ms: 400, count: 3, match: { channel: "backmarket" } });
    const [one, two] = await Promise.all([world.sync("new", "bm-fr"), world.sync("new", "bm-fr")]);
    const statuses = [one.runs[0]?.status, two.runs[0]?.status].sort();
    expect(statuses).toEqual(["skipped", "succeeded"]);
    expect([one.exitCode, two.exitCode]).toEqual([0, 0]);
    const rows = await world.database.db.select().from(syncRuns);
    expect(rows.map((r) => r.status).sort()).toEqual(["skipped", "succeeded"]);
    expect(rows.find((r) => r.status === "skipped")?.message).toMatch(/another new sync/);
    expect(acceptWrites()).toHaveLength(2); // two units of A: the rest oversell and wait
  });
});
