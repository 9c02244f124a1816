// Stock sync: listings mapped by SKU, drift recorded, unmapped listings reported, corrections
// pushed; a failed push stays queued and is retried.
import { eq, isNotNull, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { marketplaceStock, variations } from "@/db/schema";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";
import { createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";
const NEW_SKU = "IPH12-64-WHT-C";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 3 });
});
afterEach(async () => {
  await world.close();
});

describe("stock sync", () => {
  it("records listed quantities, maps new SKUs, reports unmapped ones and pushes corrections", async () => {
    const { db } = world.database;
    // A variation that exists locally but has no marketplace_stock rows yet.
    await db.execute(sql`insert into variations (sku, name) values (${NEW_SKU}, 'iPhone 12')`);
    // Back Market's defaults for new listings: the row the sync creates starts with them.
    await db.execute(
      sql`update marketplaces set default_buffer = 2, default_max_quantity = 5,
            default_share_percent = 80, default_zero_at_or_below = 1 where code = 'bm-fr'`,
    );
    const summary = await world.sync("stock");
    expect(summary.exitCode).toBe(0);
    const bm = summary.runs.find((r) => r.marketplace === "bm-fr");
    const listed = world.sim.store.listings.length;
    expect(bm).toMatchObject({ type: "stock", status: "succeeded" });
    expect(bm?.counts.fetched).toBe(listed);
    expect(bm?.counts.created).toBe(1); // NEW_SKU seen for the first time
    expect(bm?.counts.skipped).toBe(listed - 2); // every other catalogue SKU is unknown here
    expect(bm?.message).toMatch(/unmapped listing/);

    const [newVariation] = await db.select().from(variations).where(eq(variations.sku, NEW_SKU));
    const newRows = await db
      .select()
      .from(marketplaceStock)
      .where(eq(marketplaceStock.variationId, newVariation?.id ?? 0));
    expect(newRows).toHaveLength(2);
    const rulesBy = (id: number) => {
      const row = newRows.find((r) => r.marketplaceId === id);
      return [row?.buffer, row?.maxQuantity, row?.sharePercent, row?.zeroAtOrBelow];
    };
    expect(rulesBy(world.bm.id)).toEqual([2, 5, 80, 1]);
    expect(rulesBy(world.rf.id)).toEqual([0, null, null, null]);
    // Every listing that showed another quantity than publishable was corrected.
    const [drift] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.last_pushed_quantity is distinct from ${publishableSql(availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` }), listingRuleColumns("ms"))}`,
    );
    expect(drift?.n).toBe(0);
    expect(world.sim.store.listingBySku(A)?.quantity).toBe(3);
    expect(world.sim.store.listingBySku(NEW_SKU)?.quantity).toBe(0);
    expect(await pendingPushes(db)).toEqual([]);

    // Nothing drifted any more: a second stock sync pushes nothing.
    const writesBefore = world.sim.writes().length;
    await world.sync("stock");
    expect(world.sim.writes().length).toBe(writesBefore);
  });

  it("keeps a failed push queued and pushes it on a later drain", async () => {
    world.sim.injectFault({
      kind: "status",
      status: 500,
      count: 100,
      match: { channel: "refurbed", pathPrefix: "/refb.merchant.v1.OfferService/UpdateOffer" },
    });
    await world.sync("stock", "rf");
    const queued = await pendingPushes(world.database.db);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((row) => row.pushAttempts >= 1 && row.pushLastError)).toBe(true);
    world.sim.clearFaults();
    await world.database.db
      .update(marketplaceStock)
      .set({ pushNextAttemptAt: new Date(0) })
      .where(isNotNull(marketplaceStock.pushPendingSince));
    const summary = await world.sync("stock", "rf");
    expect(summary.push?.failed).toBe(0);
    expect(await pendingPushes(world.database.db)).toEqual([]);
  });

  // The code before listing claims already made such a listing due now (queueCorrections), so
  // this guards that rule rather than a fix; the claim side of it (a drain holding the
  // listing cannot settle on what it read before the sync) is proved in push-drain.test.ts.
  it("pushes a listing the marketplace shows wrong even while its failing push backs off", async () => {
    const { db } = world.database;
    await world.sync("stock");
    // The push to bm-fr has been failing: next attempt tomorrow. Meanwhile someone edited the
    // quantity in the marketplace's back office.
    await db.execute(
      sql`update marketplace_stock set push_pending_since = now() - interval '1 hour',
            push_attempts = 7, push_last_error = 'HTTP 503',
            push_next_attempt_at = now() + interval '1 day'
          where marketplace_id = ${world.bm.id} and variation_id = ${world.variation[A] as number}`,
    );
    const listing = world.sim.store.listingBySku(A);
    if (!listing) throw new Error("no simulated listing");
    listing.quantity = 9;

    await world.sync("stock", "bm-fr");
    expect(world.sim.store.listingBySku(A)?.quantity).toBe(3);
    const [row] = await db
      .select()
      .from(marketplaceStock)
      .where(eq(marketplaceStock.externalListingId, listing.bmListingId));
    expect(row).toMatchObject({
      pushPendingSince: null,
      pushAttempts: 0,
      pushLastError: null,
      lastPushedQuantity: 3,
    });
  });

  it("queues corrections under the variations' row locks, taken in id order like every stock writer", async () => {
    const { db } = world.database;
    await world.sync("stock");
    const listing = world.sim.store.listingBySku(A);
    if (!listing) throw new Error("no simulated listing");
    listing.quantity = 9; // edited in the marketplace's back office: a correction is due
    const variation = world.variation[A] as number;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Another transaction holds the variation, as a sync locking stock for an order does.
    let held: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from variations where id = ${variation} for no key update`);
      held();
      await released;
    });
    await holding;

    const sync = world.sync("stock", "bm-fr");
    const first = await Promise.race([
      sync.then(() => "finished" as const),
      waitForLockWait(db).then((waited) => (waited ? ("waiting" as const) : ("no wait" as const))),
    ]);
    release();
    await holder;
    const summary = await sync;

    expect(first).toBe("waiting");
    expect(summary.runs.map((run) => run.status)).toEqual(["succeeded"]);
    expect(summary.runs[0]?.message).toMatch(/^1 quantity correction\(s\) queued/);
    expect(world.sim.store.listingBySku(A)?.quantity).toBe(3);
  });
});

/**
 * True once the corrections' variation lock waits (polls pg_stat_activity for a statement
 * locking variations for listings whose listed quantity drifted); false after 10 s.
 */
async function waitForLockWait(db: Database): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and datname = current_database()
            and query ilike '%for no key update%' and query ilike '%listed_quantity%'`,
    );
    if ((row?.n ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Listings with a push still pending (the outbox). */
function pendingPushes(db: Database) {
  return db.select().from(marketplaceStock).where(isNotNull(marketplaceStock.pushPendingSince));
}
