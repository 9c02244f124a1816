// Drains side by side on real PostgreSQL, against a marketplace whose sends the test lets land
// in a chosen order. Whatever the interleaving, a listing is never left settled while the
// marketplace shows another quantity than the publishable one.
//
// On the code before listing claims these fail: two drains read the same due listing and
// both sent it (two sends at once), the second one's fresher quantity settled the listing,
// and the first one's stale quantity landed last with nothing pending; the retry delay grew
// to an hour; there was no claim to expire or take over.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";
import { setOnHand } from "@/lib/stock/manual-operations";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { drainPushOutbox, PUSH_RETRY_CAP_MS, retryDelayMs } from "./drain";
import { claimDuePushes, PUSH_CLAIM_LEASE_MS } from "./outbox";
import { markPushed, revokeClaim } from "./record";
import {
  type HeldListingMarketplace,
  heldListingMarketplace,
} from "./testing/held-listing-marketplace";

describe("push drains under concurrency", () => {
  const database = useTestDatabase({ max: 8 });
  let db: Database;
  let seq = 0;
  beforeAll(() => {
    db = database.current.db;
  });

  interface Listing {
    variationId: number;
    marketplaceId: number;
    externalId: string;
  }

  /** A listing of a variation with `onHand` units, its push pending and due now. */
  async function pendingListing(onHand: number): Promise<Listing> {
    seq += 1;
    const marketplaceId = await createMarketplace(db);
    const sku = `DRAIN-${seq}`;
    const variationId = (await createVariations(db, [{ sku, onHand }])).get(sku) as number;
    const externalId = `L-DRAIN-${seq}`;
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
            push_pending_since, push_next_attempt_at)
          values (${marketplaceId}, ${variationId}, ${externalId}, now(), now())`,
    );
    return { variationId, marketplaceId, externalId };
  }

  async function state(listing: Listing) {
    const [row] = await queryRows<{ publishable: number; pending: boolean; attempts: number }>(
      db,
      sql`select ${publishableSql(availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` }), listingRuleColumns("ms"))} as publishable,
            ms.push_pending_since is not null as pending, ms.push_attempts as attempts
          from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.variation_id = ${listing.variationId}
            and ms.marketplace_id = ${listing.marketplaceId}`,
    );
    if (!row) throw new Error("no listing");
    return row;
  }

  async function setStock(listing: Listing, onHand: number) {
    await db.transaction((tx) =>
      setOnHand(tx, { variationId: listing.variationId, onHand, actor: "test" }),
    );
  }

  /** Runs a drain; if it sends while the marketplace holds sends, that send lands at once. */
  async function drainLandingOwnSend(market: HeldListingMarketplace): Promise<void> {
    const drain = drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const sent = await Promise.race([drain.then(() => null), market.nextSend()]);
    sent?.land();
    await drain;
  }

  /** The settled-means-shown rule, then: one more drain leaves the listing shown and settled. */
  async function expectTruthful(market: HeldListingMarketplace, listing: Listing) {
    const after = await state(listing);
    if (!after.pending) expect(market.shown.get(listing.externalId)).toBe(after.publishable);
    market.hold = false;
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const settled = await state(listing);
    expect(market.shown.get(listing.externalId)).toBe(settled.publishable);
    expect(settled.pending).toBe(false);
  }

  it("a stale push landing after a fresher one leaves the listing due, then pushed right", async () => {
    const market = heldListingMarketplace();
    market.hold = true;
    const listing = await pendingListing(5);
    const drainA = drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const slow = await market.nextSend();
    expect(slow.quantity).toBe(5);
    await setStock(listing, 4); // publishable 5 → 4 while A's 5 is on the way
    await drainLandingOwnSend(market); // drain B
    market.hold = false;
    slow.land(); // A's 5 lands last
    await drainA;
    await expectTruthful(market, listing);
    expect(market.shown.get(listing.externalId)).toBe(4);
    expect(market.maxConcurrentPerListing()).toBe(1);
  });

  it("never sends one listing from two drains at once, however many run", async () => {
    const market = heldListingMarketplace();
    market.hold = true;
    const listing = await pendingListing(7);
    const first = drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const held = await market.nextSend();
    const others = Array.from({ length: 4 }, () => drainLandingOwnSend(market));
    await Promise.all(others);
    held.land();
    await first;
    expect(market.maxConcurrentPerListing()).toBe(1);
    await expectTruthful(market, listing);
  });

  it("a dead drain's claim keeps others off until its lease ends, then is taken over", async () => {
    const market = heldListingMarketplace();
    const listing = await pendingListing(3);
    // A drain claims the listing and dies before sending.
    const [dead] = await claimDuePushes(db, { variationIds: [listing.variationId] });
    expect(dead?.externalListingId).toBe(listing.externalId);
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    expect(market.shown.has(listing.externalId)).toBe(false);
    expect((await state(listing)).pending).toBe(true);

    await expireClaims(listing);
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    expect(market.shown.get(listing.externalId)).toBe(3);
    expect((await state(listing)).pending).toBe(false);
  });

  it("a send whose lease ran out and landed after the next drain's re-queues the listing", async () => {
    const market = heldListingMarketplace();
    market.hold = true;
    const listing = await pendingListing(5);
    const drainA = drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const slow = await market.nextSend();
    await setStock(listing, 4);
    await expireClaims(listing); // A is too slow: its lease ends
    await drainLandingOwnSend(market); // B takes the listing over: sends 4, settles
    expect(market.shown.get(listing.externalId)).toBe(4);
    market.hold = false;
    slow.land(); // A's 5 lands after B's 4: A must not leave the listing settled
    await drainA;
    await expectTruthful(market, listing);
    expect(market.shown.get(listing.externalId)).toBe(4);
  });

  it("a revoked claim cannot settle: its holder re-queues and releases the listing", async () => {
    const market = heldListingMarketplace();
    const listing = await pendingListing(6);
    const [held] = await claimDuePushes(db, { variationIds: [listing.variationId] });
    if (!held) throw new Error("not claimed");
    // What a stock sync does when the marketplace shows another quantity meanwhile.
    await db.execute(
      sql`update marketplace_stock set last_pushed_quantity = null, ${revokeClaim}
          where variation_id = ${listing.variationId}`,
    );
    expect(await markPushed(db, { ...held, quantity: held.publishable })).toBe("lost");
    expect((await state(listing)).pending).toBe(true);
    // Released at once (not left to its lease): the next drain pushes it.
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    expect(market.shown.get(listing.externalId)).toBe(6);
    expect((await state(listing)).pending).toBe(false);
  });

  it("backs off failing pushes by doubling from 30 s, never beyond the cap of 5 minutes", async () => {
    expect(PUSH_RETRY_CAP_MS).toBe(5 * 60_000);
    expect([0, 1, 2, 3].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    for (let attempts = 4; attempts < 60; attempts++) {
      expect(retryDelayMs(attempts)).toBe(PUSH_RETRY_CAP_MS);
    }
    // Through a drain: a push failing for the 40th time is retried within the cap.
    const market = heldListingMarketplace();
    market.failStatus = 503;
    const listing = await pendingListing(2);
    await db.execute(
      sql`update marketplace_stock set push_attempts = 40
          where variation_id = ${listing.variationId}`,
    );
    await drainPushOutbox(db, { adapterOptions: market.adapterOptions });
    const [row] = await queryRows<{ wait_ms: number; error: string | null; claimed: boolean }>(
      db,
      sql`select extract(epoch from push_next_attempt_at - now()) * 1000 as wait_ms,
            push_last_error as error, push_claim_token is not null as claimed
          from marketplace_stock where variation_id = ${listing.variationId}`,
    );
    expect(Number(row?.wait_ms)).toBeLessThanOrEqual(PUSH_RETRY_CAP_MS);
    expect(Number(row?.wait_ms)).toBeGreaterThan(PUSH_RETRY_CAP_MS - 60_000);
    expect(row?.error).toMatch(/503/);
    expect(row?.claimed).toBe(false);
    expect((await state(listing)).attempts).toBe(41);
  });

  async function expireClaims(listing: Listing) {
    await db.execute(
      sql`update marketplace_stock
          set push_claimed_until = now() - make_interval(secs => ${PUSH_CLAIM_LEASE_MS / 1000})
          where variation_id = ${listing.variationId} and push_claimed_until is not null`,
    );
  }
});
