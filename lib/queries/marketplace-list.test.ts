// /marketplaces' per-row figures against the database. The subqueries once bound the outer
// marketplace id to their own table's "id" (a drizzle trap: a single-table select renders
// ${marketplaces.id} unqualified), so every row showed the counts and last-sync status of
// unrelated rows. The ids below are chosen so that no marketplace id equals its runs' ids.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { marketplaceList } from "@/lib/lists/marketplaces";
import { createMarketplace, createVariations } from "@/lib/stock/testing/fixtures";
import { listMarketplaces } from "./marketplace-list";

const database = useTestDatabase();

function search(raw: Record<string, string>) {
  return parseListParams(marketplaceList, raw).values;
}

async function addRun(
  marketplaceId: number,
  status: "succeeded" | "partial" | "failed",
  minutesAgo: number,
) {
  await database.current.db.execute(
    sql`insert into sync_runs (type, marketplace_id, trigger, status, started_at)
        values ('new', ${marketplaceId}, 'cron', ${status}, now() - ${minutesAgo} * interval '1 minute')`,
  );
}

async function addOrder(marketplaceId: number, externalId: string, status: string) {
  await database.current.db.execute(
    sql`insert into orders (marketplace_id, external_id, status, marketplace_state, ordered_at)
        values (${marketplaceId}, ${externalId}, ${status}, '1', now())`,
  );
}

describe("marketplace list figures (real PostgreSQL)", () => {
  const ids = { many: 0, few: 0, none: 0 };

  beforeAll(async () => {
    const db = database.current.db;
    ids.many = await createMarketplace(db, "mp-many");
    ids.few = await createMarketplace(db, "mp-few");
    ids.none = await createMarketplace(db, "mp-none");
    // Runs of mp-none first: run ids 1…4 then belong to it, not to marketplaces 1…3.
    for (let i = 0; i < 4; i++) await addRun(ids.none, "failed", 300 + i);
    await addRun(ids.many, "partial", 120);
    await addRun(ids.many, "succeeded", 5);
    await addRun(ids.few, "failed", 60);

    const skus = Array.from({ length: 14 }, (_, i) => ({ sku: `MPL-${i}`, onHand: 1 }));
    const variationIds = [...(await createVariations(db, skus)).values()];
    for (const [i, variationId] of variationIds.entries()) {
      await db.execute(
        sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id)
            values (${ids.many}, ${variationId}, ${`L-${i}`})`,
      );
      if (i < 3) {
        await db.execute(
          sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id)
              values (${ids.few}, ${variationId}, ${`F-${i}`})`,
        );
      }
    }
    await addOrder(ids.many, "O-1", "new");
    await addOrder(ids.many, "O-2", "accepted");
    await addOrder(ids.many, "O-3", "shipped");
    await addOrder(ids.few, "O-4", "pending");
    await addOrder(ids.none, "O-5", "cancelled");
  });

  it("shows each marketplace's own listings, open orders and last sync", async () => {
    const db = database.current.db;
    const page = await listMarketplaces(db, search({}));
    const shown = page.rows.map((row) => ({
      code: row.code,
      listings: row.listings,
      openOrders: row.openOrders,
      lastStatus: row.lastStatus,
    }));
    expect(shown).toEqual([
      { code: "mp-few", listings: 3, openOrders: 1, lastStatus: "failed" },
      { code: "mp-many", listings: 14, openOrders: 2, lastStatus: "succeeded" },
      { code: "mp-none", listings: 0, openOrders: 0, lastStatus: "failed" },
    ]);

    // The same figures, straight from the tables.
    const expected = await queryRows<{
      code: string;
      listings: number;
      open_orders: number;
      last_status: string | null;
    }>(
      db,
      sql`select m.code,
            (select count(*)::int from marketplace_stock s where s.marketplace_id = m.id) as listings,
            (select count(*)::int from orders o where o.marketplace_id = m.id
              and o.status in ('pending', 'new', 'accepted')) as open_orders,
            (select r.status from sync_runs r where r.marketplace_id = m.id
              order by r.started_at desc limit 1) as last_status
          from marketplaces m order by m.code`,
    );
    expect(shown).toEqual(
      expected.map((row) => ({
        code: row.code,
        listings: row.listings,
        openOrders: row.open_orders,
        lastStatus: row.last_status,
      })),
    );
  });

  it("sorts by each marketplace's own last run", async () => {
    const page = await listMarketplaces(database.current.db, search({ sort: "lastRunAt.desc" }));
    expect(page.rows.map((row) => row.code)).toEqual(["mp-many", "mp-few", "mp-none"]);
  });
});
