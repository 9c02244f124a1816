// The listing query's push state against the database, and what /v2/listing shows for it.
// (Fails on the code before this: the rows had no push state, attempts or error, and there
// was no "failing" filter.)

import { sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PushStateCell } from "@/app/(dashboard)/v2/listing/_components/push-state-cell";
import { explainRow, PublishableCell } from "@/app/(dashboard)/v2/listing/_components/why-quantity";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";
import { parseListParams } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { type ListingRow, listListing } from "./listing";

const database = useTestDatabase();

function search(raw: Record<string, string>) {
  return parseListParams(listingList, raw).values;
}

describe("listing query: push state (real PostgreSQL)", () => {
  let marketplaceId: number;

  beforeAll(async () => {
    const db = database.current.db;
    marketplaceId = await createMarketplace(db);
    const ids = await createVariations(db, [
      { sku: "PS-SYNCED", onHand: 2 },
      { sku: "PS-PENDING", onHand: 3 },
      { sku: "PS-FAILING", onHand: 4 },
    ]);
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
            push_pending_since, push_attempts, push_last_error)
          values
            (${marketplaceId}, ${ids.get("PS-SYNCED") as number}, 'L-S', null, 0, null),
            (${marketplaceId}, ${ids.get("PS-PENDING") as number}, 'L-P',
              now() - interval '2 minutes', 0, null),
            (${marketplaceId}, ${ids.get("PS-FAILING") as number}, 'L-F',
              now() - interval '3 hours', 5, 'POST /ws/listings/L-F answered 503: down')`,
    );
  });

  it("shows each listing's push state, pending since, attempts and last error as stored", async () => {
    const db = database.current.db;
    const page = await listListing(db, search({ marketplace: String(marketplaceId) }));
    const stored = await queryRows<{
      sku: string;
      push_pending_since: Date | null;
      push_attempts: number;
      push_last_error: string | null;
    }>(
      db,
      sql`select v.sku, ms.push_pending_since, ms.push_attempts, ms.push_last_error
          from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.marketplace_id = ${marketplaceId}`,
    );
    expect(page.rows).toHaveLength(3);
    for (const row of page.rows) {
      const inDb = stored.find((s) => s.sku === row.sku);
      expect(row.pushAttempts).toBe(inDb?.push_attempts);
      expect(row.pushLastError).toBe(inDb?.push_last_error);
      expect(row.pushPendingSince?.getTime() ?? null).toBe(
        inDb?.push_pending_since ? new Date(inDb.push_pending_since).getTime() : null,
      );
    }
    const bySku = new Map(page.rows.map((row) => [row.sku, row]));
    expect(bySku.get("PS-SYNCED")?.pushState).toBe("in_sync");
    expect(bySku.get("PS-PENDING")?.pushState).toBe("pending");
    expect(bySku.get("PS-FAILING")?.pushState).toBe("failing");

    const shown = (sku: string) => {
      const row = bySku.get(sku);
      if (!row) throw new Error(`no row ${sku}`);
      return renderToStaticMarkup(createElement(PushStateCell, { row })).replace(/<[^>]+>/g, "");
    };
    expect(shown("PS-SYNCED")).toBe("in sync");
    expect(shown("PS-PENDING")).toMatch(/^pending since /);
    const failing = shown("PS-FAILING");
    expect(failing).toMatch(/^failing since /);
    expect(failing).toContain("5 attempts");
    expect(failing).toContain("last error: POST /ws/listings/L-F answered 503: down");
    // The time shown is the stored one (ISO in the markup's dateTime attribute).
    const pendingSince = bySku.get("PS-FAILING")?.pushPendingSince as Date;
    expect(
      renderToStaticMarkup(createElement(PushStateCell, { row: bySku.get("PS-FAILING") as never })),
    ).toContain(`dateTime="${pendingSince.toISOString()}"`);
  });

  it("filters failing pushes: pending with at least one failed attempt", async () => {
    const db = database.current.db;
    const failing = await listListing(
      db,
      search({ marketplace: String(marketplaceId), flag: "failing" }),
    );
    expect(failing.total).toBe(1);
    expect(failing.rows.map((row) => row.sku)).toEqual(["PS-FAILING"]);
    const pending = await listListing(
      db,
      search({ marketplace: String(marketplaceId), flag: "pending" }),
    );
    expect(pending.rows.map((row) => row.sku).sort()).toEqual(["PS-FAILING", "PS-PENDING"]);
  });
});

describe("listing query: allocation rules and why each number (real PostgreSQL)", () => {
  it("publishable, rules and the per-marketplace locks are the database's, and the explanation ends at publishable", async () => {
    const db = database.current.db;
    const shop = await createMarketplace(db, "why-shop");
    const other = await createMarketplace(db, "why-other");
    const ids = await createVariations(db, [
      { sku: "WHY-A", onHand: 20 },
      { sku: "WHY-B", onHand: 3 },
    ]);
    const a = ids.get("WHY-A") as number;
    const b = ids.get("WHY-B") as number;
    // Locks held as counters (what the page reads): 2 on the shop, 3 elsewhere for A.
    await db.execute(
      sql`insert into marketplace_stock (marketplace_id, variation_id, locked_quantity, buffer,
            max_quantity, share_percent, zero_at_or_below)
          values (${shop}, ${a}, 2, 1, 6, 50, null), (${other}, ${a}, 3, 0, null, null, null),
                 (${shop}, ${b}, 0, 0, null, null, 3)`,
    );
    await db.execute(sql`update variations set locked_quantity = 5 where id = ${a}`);
    const page = await listListing(db, search({ q: "WHY-" }));
    const stored = await queryRows<{
      marketplace_id: number;
      sku: string;
      publishable: number;
      buffer: number;
      max_quantity: number | null;
      share_percent: number | null;
      zero_at_or_below: number | null;
    }>(
      db,
      sql`select ms.marketplace_id, v.sku, ${publishableSql(
        availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` }),
        listingRuleColumns("ms"),
      )} as publishable, ms.buffer, ms.max_quantity, ms.share_percent, ms.zero_at_or_below
          from marketplace_stock ms join variations v on v.id = ms.variation_id
          where v.sku like 'WHY-%'`,
    );
    expect(page.rows).toHaveLength(3);
    for (const row of page.rows) {
      const inDb = stored.find((s) => s.sku === row.sku && s.marketplace_id === row.marketplaceId);
      expect(inDb).toBeDefined();
      expect(row.publishable).toBe(inDb?.publishable);
      expect([row.buffer, row.maxQuantity, row.sharePercent, row.zeroAtOrBelow]).toEqual([
        inDb?.buffer,
        inDb?.max_quantity,
        inDb?.share_percent,
        inDb?.zero_at_or_below,
      ]);
      const explained = explainRow(row);
      expect(explained.available).toBe(row.available);
      expect(explained.published).toBe(row.publishable);
    }
    const shopA = page.rows.find((row) => row.sku === "WHY-A" && row.marketplaceId === shop);
    // 20 − (2 + 3) = 15 → − buffer 1 = 14 → 50 % = 7 → cap 6.
    expect(shopA?.publishable).toBe(6);
    expect(shopA?.locks).toEqual([
      { marketplace: "why-other", locked: 3 },
      { marketplace: "why-shop", locked: 2 },
    ]);
    // B: 3 available, zero at ≤ 3 → 0.
    expect(page.rows.find((row) => row.sku === "WHY-B")?.publishable).toBe(0);
    // What the page shows: the number first, then "why?" with every step.
    const cell = renderToStaticMarkup(
      createElement(PublishableCell, { row: shopA as ListingRow }),
    ).replace(/<[^>]+>/g, " ");
    expect(cell.trim()).toMatch(/^6\s+why\?/);
    expect(cell).toContain("why-other 3 · why-shop 2");
    expect(cell).toContain("capped at 6");
  });
});
