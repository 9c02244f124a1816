// The listing query's push state against the database, and what /v2/listing shows for it.
// (Fails on the code before this: the rows had no push state, attempts or error, and there
// was no "failing" filter.)

import { sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PushStateCell } from "@/app/(dashboard)/v2/listing/_components/push-state-cell";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { listingList } from "@/lib/lists/listing";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { listListing } from "./listing";

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
