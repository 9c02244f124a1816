// The push ledger on real PostgreSQL: every attempt a drain makes is a stock_pushes row with
// the quantity sent, how it ended, the HTTP status, the error and the duration; rows older
// than 90 days are pruned. (Fails on the code before it: there was no stock_pushes table and
// the drain recorded nothing but the listing's last error.)
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { setOnHand } from "@/lib/stock/manual-operations";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { drainPushOutbox } from "./drain";
import { maybePrunePushLedger, prunePushLedger, resetPushLedgerPruneClock } from "./ledger";
import { claimDuePushes } from "./outbox";
import { markPushed, revokeClaim } from "./record";
import { heldListingMarketplace } from "./testing/held-listing-marketplace";

interface LedgerRow extends Record<string, unknown> {
  marketplace_id: number;
  variation_id: number;
  quantity: number;
  status: string;
  http_status: number | null;
  error: string | null;
  attempted_at: Date;
  duration_ms: number | null;
}

describe("push ledger (stock_pushes)", () => {
  const database = useTestDatabase({ max: 8 });
  let db: Database;
  let seq = 0;
  beforeAll(() => {
    db = database.current.db;
  });

  async function pendingListing(onHand: number, externalId: string | null = "auto") {
    seq += 1;
    const marketplaceId = await createMarketplace(db);
    const sku = `LEDGER-${seq}`;
    const variationId = (await createVariations(db, [{ sku, onHand }])).get(sku) as number;
    const listingId = externalId === "auto" ? `L-LEDGER-${seq}` : externalId;
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
            push_pending_since, push_next_attempt_at)
          values (${marketplaceId}, ${variationId}, ${listingId}, now(), now())`,
    );
    return { marketplaceId, variationId, externalId: listingId };
  }

  async function ledger(listing: { marketplaceId: number; variationId: number }) {
    return queryRows<LedgerRow>(
      db,
      sql`select marketplace_id, variation_id, quantity, status, http_status, error,
            attempted_at, duration_ms
          from stock_pushes
          where marketplace_id = ${listing.marketplaceId} and variation_id = ${listing.variationId}
          order by id`,
    );
  }

  it("a successful send is one `sent` row: quantity, the HTTP status, no error, a duration", async () => {
    const market = heldListingMarketplace();
    const listing = await pendingListing(5);
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const rows = await ledger(listing);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      marketplace_id: listing.marketplaceId,
      variation_id: listing.variationId,
      quantity: 5,
      status: "sent",
      http_status: 200,
      error: null,
    });
    expect(rows[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Date.now() - new Date(rows[0]?.attempted_at as Date).getTime()).toBeLessThan(60_000);
    // Nothing to send (already pushed): no call, no ledger row.
    await db.execute(
      sql`update marketplace_stock set push_pending_since = now(), push_next_attempt_at = now()
          where variation_id = ${listing.variationId}`,
    );
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    expect(await ledger(listing)).toHaveLength(1);
  });

  it("a failed send is a `failed` row with the HTTP status and the error, never the token", async () => {
    const market = heldListingMarketplace();
    market.failStatus = 503;
    const listing = await pendingListing(3);
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const rows = await ledger(listing);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ quantity: 3, status: "failed", http_status: 503 });
    expect(rows[0]?.error).toMatch(/503/);
    expect(rows[0]?.error).not.toContain("test-token");
    expect(rows[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    // The listing's last error is the ledger's.
    const [listingRow] = await queryRows<{ push_last_error: string }>(
      db,
      sql`select push_last_error from marketplace_stock where variation_id = ${listing.variationId}`,
    );
    expect(listingRow?.push_last_error).toBe(rows[0]?.error);
  });

  it("a listing with no known marketplace listing yet is a `failed` row without HTTP status", async () => {
    const market = heldListingMarketplace();
    const listing = await pendingListing(2, null);
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const rows = await ledger(listing);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ quantity: 2, status: "failed", http_status: null });
    expect(rows[0]?.error).toMatch(/no listing known/);
  });

  it("a send no longer publishable when recorded is `superseded`, then the new quantity `sent`", async () => {
    const market = heldListingMarketplace();
    market.hold = true;
    const listing = await pendingListing(5);
    const drain = drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const slow = await market.nextSend();
    await db.transaction((tx) =>
      setOnHand(tx, { variationId: listing.variationId, onHand: 4, actor: "test" }),
    );
    market.hold = false;
    slow.land();
    await drain;
    const rows = await ledger(listing);
    expect(rows.map((row) => [row.status, row.quantity])).toEqual([
      ["superseded", 5],
      ["sent", 4],
    ]);
    expect(rows[0]?.error).toBeNull();
  });

  it("a send recorded under a lost claim is `superseded`", async () => {
    const listing = await pendingListing(6);
    const [held] = await claimDuePushes(db, { variationIds: [listing.variationId] });
    if (!held) throw new Error("not claimed");
    await db.execute(
      sql`update marketplace_stock set last_pushed_quantity = null, ${revokeClaim}
          where variation_id = ${listing.variationId}`,
    );
    const outcome = await markPushed(
      db,
      { ...held, quantity: held.publishable },
      { httpStatus: null, durationMs: 12 },
    );
    expect(outcome).toBe("lost");
    const rows = await ledger(listing);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "superseded", quantity: 6, duration_ms: 12 });
  });

  it("pruning deletes only rows attempted more than 90 days ago, in batches", async () => {
    const listing = await pendingListing(1);
    await db.execute(sql`delete from stock_pushes`);
    const ages = [400, 120, 91, 91, 90.5, 89, 30, 0];
    for (const days of ages) {
      await db.execute(
        sql`insert into stock_pushes (marketplace_id, variation_id, quantity, status, attempted_at)
            values (${listing.marketplaceId}, ${listing.variationId}, ${Math.round(days)}, 'sent',
              now() - make_interval(secs => ${days * 86_400}))`,
      );
    }
    expect(await prunePushLedger(db, { batchSize: 2 })).toBe(5);
    const left = await queryRows<{ quantity: number }>(
      db,
      sql`select quantity from stock_pushes order by quantity desc`,
    );
    expect(left.map((row) => row.quantity)).toEqual([89, 30, 0]);
    expect(await prunePushLedger(db)).toBe(0);
  });

  it("a process prunes at most once an hour", async () => {
    const listing = await pendingListing(1);
    const insertOld = () =>
      db.execute(
        sql`insert into stock_pushes (marketplace_id, variation_id, quantity, status, attempted_at)
            values (${listing.marketplaceId}, ${listing.variationId}, 1, 'sent',
              now() - interval '100 days')`,
      );
    resetPushLedgerPruneClock();
    await insertOld();
    const t0 = Date.now();
    expect(await maybePrunePushLedger(db, t0)).toBe(1);
    await insertOld();
    expect(await maybePrunePushLedger(db, t0 + 59 * 60_000)).toBeNull();
    expect(await maybePrunePushLedger(db, t0 + 61 * 60_000)).toBe(1);
  });
});
