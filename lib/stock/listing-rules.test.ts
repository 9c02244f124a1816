// Listing rules changed by staff (real PostgreSQL): the preview is what the change then does,
// a moved publishable quantity queues a push due now, every change is audited, new listings
// take their marketplace's defaults, and stock:check's invariants hold throughout.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { repairStockCounters, upsertOrder } from "@/lib/runtime";
import { checkStockInvariants } from "./invariants";
import { importListingRules, previewListingRules, setListingRules } from "./listing-rules";
import { createMarketplace, createVariations, makeOrder } from "./testing/fixtures";
import { expectStockInvariantsHold } from "./testing/invariants";

const database = useTestDatabase();
const actor = { email: "admin@example.com" };

type ListingState = {
  id: number;
  buffer: number;
  max_quantity: number | null;
  share_percent: number | null;
  zero_at_or_below: number | null;
  pending: boolean;
  due_now: boolean;
};

async function listing(db: Database, id: number): Promise<ListingState> {
  const [row] = await queryRows<ListingState>(
    db,
    sql`select id, buffer, max_quantity, share_percent, zero_at_or_below,
          push_pending_since is not null as pending,
          push_next_attempt_at <= now() as due_now
        from marketplace_stock where id = ${id}`,
  );
  if (!row) throw new Error(`no listing ${id}`);
  return row;
}

describe("listing rules (real PostgreSQL)", () => {
  let db: Database;
  let marketplaceId: number;
  const listingIds = new Map<string, number>();

  beforeAll(async () => {
    db = database.current.db;
    marketplaceId = await createMarketplace(db, "lr-one");
    const ids = await createVariations(db, [
      { sku: "LR-A", onHand: 10 },
      { sku: "LR-B", onHand: 4 },
      { sku: "LR-C", onHand: 1 },
    ]);
    for (const [sku, variationId] of ids) {
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
              last_pushed_quantity)
            select ${marketplaceId}, v.id, ${`L-${sku}`}, v.on_hand from variations v
            where v.id = ${variationId} returning id`,
      );
      listingIds.set(sku, row?.id as number);
    }
  });

  const id = (sku: string) => listingIds.get(sku) as number;

  it("previews one listing's new publishable quantity without changing anything", async () => {
    const preview = await previewListingRules(
      db,
      { listingIds: [id("LR-A")] },
      { buffer: 2, sharePercent: 50 },
    );
    expect(preview).toMatchObject({ matched: 1, rulesChanged: 1, publishableChanged: 1 });
    expect(preview.examples).toEqual([
      expect.objectContaining({
        sku: "LR-A",
        marketplaceCode: "lr-one",
        available: 10,
        before: {
          buffer: 0,
          maxQuantity: null,
          sharePercent: null,
          zeroAtOrBelow: null,
          publishable: 10,
        },
        after: {
          buffer: 2,
          maxQuantity: null,
          sharePercent: 50,
          zeroAtOrBelow: null,
          publishable: 4,
        },
      }),
    ]);
    expect(await listing(db, id("LR-A"))).toMatchObject({
      buffer: 0,
      share_percent: null,
      pending: false,
    });
  });

  it("sets the rules, queues a push due now, audits before and after", async () => {
    const result = await db.transaction((tx) =>
      setListingRules(
        tx,
        { listingIds: [id("LR-A")] },
        { buffer: 2, sharePercent: 50 },
        {
          actor,
          scope: { via: "test" },
        },
      ),
    );
    expect(result).toMatchObject({ matched: 1, changed: 1, pushesQueued: 1 });
    expect(result.changes[0]?.after.publishable).toBe(4);
    expect(await listing(db, id("LR-A"))).toMatchObject({
      buffer: 2,
      share_percent: 50,
      max_quantity: null,
      pending: true,
      due_now: true,
    });
    const [audit] = await queryRows<{
      action: string;
      target: string;
      actor_email: string;
      result: { changes: { before: { publishable: number }; after: { publishable: number } }[] };
    }>(db, sql`select action, target, actor_email, result from audit_log order by id desc limit 1`);
    expect(audit).toMatchObject({
      action: "listing.rules_changed",
      target: `listing:${id("LR-A")}`,
      actor_email: "admin@example.com",
    });
    expect(audit?.result.changes[0]?.before.publishable).toBe(10);
    expect(audit?.result.changes[0]?.after.publishable).toBe(4);
    await expectStockInvariantsHold(db);
  });

  it("a rule change that leaves publishable where it was queues no push", async () => {
    // LR-C: 1 available; a cap of 5 changes nothing that a marketplace would show.
    const result = await db.transaction((tx) =>
      setListingRules(tx, { listingIds: [id("LR-C")] }, { maxQuantity: 5 }, { actor, scope: {} }),
    );
    expect(result).toMatchObject({ changed: 1, pushesQueued: 0 });
    expect(await listing(db, id("LR-C"))).toMatchObject({ max_quantity: 5, pending: false });
    // Setting the same again changes nothing, and says so.
    const again = await db.transaction((tx) =>
      setListingRules(tx, { listingIds: [id("LR-C")] }, { maxQuantity: 5 }, { actor, scope: {} }),
    );
    expect(again).toMatchObject({ matched: 1, changed: 0, pushesQueued: 0 });
  });

  it("in bulk by a filter's subquery: the preview's counts are what the change does", async () => {
    const idsQuery = sql`select id from marketplace_stock where marketplace_id = ${marketplaceId}`;
    const patch = { zeroAtOrBelow: 3, maxQuantity: null };
    const preview = await previewListingRules(db, { idsQuery }, patch, { examples: 2 });
    // A: 10 available, stays 4 · B: 4 available, stays 4 · C: 1 available → 0 (zero rule)
    expect(preview).toMatchObject({ matched: 3, rulesChanged: 3, publishableChanged: 1 });
    expect(preview.examples).toHaveLength(2);
    expect(preview.examples[0]).toMatchObject({
      sku: "LR-C",
      before: { publishable: 1 },
      after: { publishable: 0 },
    });
    const result = await db.transaction((tx) =>
      setListingRules(tx, { idsQuery }, patch, { actor, scope: { filter: "marketplace" } }),
    );
    expect(result).toMatchObject({ matched: 3, changed: 3, pushesQueued: 1 });
    expect(await listing(db, id("LR-C"))).toMatchObject({
      zero_at_or_below: 3,
      max_quantity: null,
      pending: true,
    });
    await expectStockInvariantsHold(db);
  });

  it("refuses bad rules before touching anything", async () => {
    await expect(
      db.transaction((tx) =>
        setListingRules(
          tx,
          { listingIds: [id("LR-B")] },
          { sharePercent: 0 },
          { actor, scope: {} },
        ),
      ),
    ).rejects.toThrow(/share/i);
    await expect(previewListingRules(db, { listingIds: [id("LR-B")] }, {})).rejects.toThrow(
      /at least one rule/,
    );
  });

  it("imports whole rule sets per listing in one transaction", async () => {
    const result = await db.transaction((tx) =>
      importListingRules(
        tx,
        [
          {
            listingId: id("LR-A"),
            buffer: 0,
            maxQuantity: null,
            sharePercent: null,
            zeroAtOrBelow: null,
          },
          {
            listingId: id("LR-B"),
            buffer: 1,
            maxQuantity: 2,
            sharePercent: null,
            zeroAtOrBelow: null,
          },
        ],
        { actor, scope: { file: "rules.csv" } },
      ),
    );
    expect(result).toMatchObject({ matched: 2, changed: 2, pushesQueued: 2 });
    expect(await listing(db, id("LR-B"))).toMatchObject({
      buffer: 1,
      max_quantity: 2,
      pending: true,
    });
    await expectStockInvariantsHold(db);
  });

  it("a listing created by a first lock takes its marketplace's defaults", async () => {
    const other = await createMarketplace(db, "lr-defaults");
    await db.execute(
      sql`update marketplaces set default_buffer = 1, default_max_quantity = 3,
            default_share_percent = 80, default_zero_at_or_below = 2 where id = ${other}`,
    );
    await db.transaction((tx) =>
      upsertOrder(tx, makeOrder(other, "LR-ORDER-1", [{ sku: "LR-A", status: "new" }])),
    );
    const [row] = await queryRows<ListingState>(
      db,
      sql`select buffer, max_quantity, share_percent, zero_at_or_below from marketplace_stock
          where marketplace_id = ${other}`,
    );
    expect(row).toEqual({ buffer: 1, max_quantity: 3, share_percent: 80, zero_at_or_below: 2 });
    await expectStockInvariantsHold(db);
  });

  it("stock:check finds a listing whose last push is not publishable with no push pending; --repair queues it", async () => {
    await db.execute(
      sql`update marketplace_stock set last_pushed_quantity = 99, push_pending_since = null
          where id = ${id("LR-A")}`,
    );
    const report = await checkStockInvariants(db);
    const check = report.invariants.find((i) => i.name === "listings_pushed_or_pending");
    expect(check).toMatchObject({ ok: false, violations: 1 });
    expect(check?.examples[0]).toMatchObject({ last_pushed_quantity: 99 });
    const repair = await repairStockCounters(db);
    expect(repair.changes).toContainEqual(expect.objectContaining({ kind: "push_queued" }));
    expect(await listing(db, id("LR-A"))).toMatchObject({ pending: true, due_now: true });
    await expectStockInvariantsHold(db);
  });
});
