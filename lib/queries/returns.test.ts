// The /returns list on real PostgreSQL: the default view (expected and received), filters,
// search, totals and the per-status counts, each checked against the database.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { seedLarge } from "@/db/seed/large";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseListParams } from "@/lib/lists/define";
import { returnList } from "@/lib/lists/returns";
import { performReturnAction } from "@/lib/stock/returns";
import { iterateReturns, listReturns, returnCounts } from "./returns";

const database = useTestDatabase();
const staff = { name: "test", email: null };
const search = (raw: Record<string, string>) => parseListParams(returnList, raw).values;

describe("return list queries (real PostgreSQL)", () => {
  beforeAll(async () => {
    const { db } = database.current;
    await seedLarge(db, { orders: 300, variations: 30, seed: 5 });
    const items = await queryRows<{ id: number }>(
      db,
      sql`select id from order_items where status = 'shipped' and variation_id is not null
          order by id limit 8`,
    );
    for (const [index, item] of items.entries()) {
      const { returnId } = await performReturnAction(
        db,
        { kind: "create", orderItemId: item.id, quantity: 1 },
        staff,
      );
      if (index % 4 === 1) await performReturnAction(db, { kind: "receive", returnId }, staff);
      if (index % 4 === 2) {
        await performReturnAction(db, { kind: "receive", returnId }, staff);
        await performReturnAction(db, { kind: "restock", returnId }, staff);
      }
      if (index % 4 === 3) {
        await performReturnAction(db, { kind: "write_off", returnId, reason: "lost" }, staff);
      }
    }
  });

  async function count(where: ReturnType<typeof sql>) {
    const [row] = await queryRows<{ n: number; units: number | null }>(
      database.current.db,
      sql`select count(*)::int as n, sum(quantity)::int as units from stock_returns where ${where}`,
    );
    return { n: row?.n ?? 0, units: row?.units ?? 0 };
  }

  it("shows expected and received returns by default; a status filter shows the others", async () => {
    const { db } = database.current;
    const open = await count(sql`status in ('expected', 'received')`);
    const page = await listReturns(db, search({}));
    expect(open.n).toBe(4);
    expect(page.total).toBe(open.n);
    expect(page.units).toBe(open.units);
    expect(new Set(page.rows.map((row) => row.status))).toEqual(new Set(["expected", "received"]));
    const resolved = await listReturns(db, search({ status: "restocked,written_off" }));
    expect(resolved.total).toBe((await count(sql`status in ('restocked', 'written_off')`)).n);
    const restocked = resolved.rows.find((row) => row.status === "restocked");
    expect(restocked?.restockedSku).toBe(restocked?.sku);
  });

  it("filters by marketplace, source and search; counts per status match the table", async () => {
    const { db } = database.current;
    const [first] = (
      await listReturns(db, search({ status: "expected,received,restocked,written_off" }))
    ).rows;
    if (!first) throw new Error("no returns");
    const byMarketplace = await listReturns(
      db,
      search({
        status: "expected,received,restocked,written_off",
        marketplace: String(first.marketplaceId),
      }),
    );
    expect(byMarketplace.total).toBe((await count(sql`marketplace_id = ${first.marketplaceId}`)).n);
    const bySource = await listReturns(db, search({ source: "backmarket_care_return" }));
    expect(bySource.total).toBe(0);
    const found = await listReturns(
      db,
      search({ status: "expected,received,restocked,written_off", q: first.orderExternalId }),
    );
    expect(found.rows.map((row) => row.id)).toContain(first.id);
    const counts = await returnCounts(db);
    for (const status of ["expected", "received", "restocked", "written_off"] as const) {
      expect(counts[status].returns).toBe((await count(sql`status = ${status}`)).n);
    }
    const exported: number[] = [];
    for await (const batch of iterateReturns(db, search({})))
      exported.push(...batch.map((r) => r.id));
    expect(exported).toHaveLength(4);
  });
});
