import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLarge } from "@/db/seed/large";
import { useTestDatabase } from "@/db/testing/test-db";
import { parseSearchParams } from "@/lib/validations/search-params";
import { lockSearchShape } from "@/lib/validations/stock-locks";
import { settle } from "./settle";
import { listLocks, lockSummary } from "./stock-locks";

const database = useTestDatabase();

function search(raw: Record<string, string>) {
  return parseSearchParams(lockSearchShape, raw).values;
}

describe("lock list queries (real PostgreSQL)", () => {
  beforeAll(async () => {
    await seedLarge(database.current.db, { orders: 400, variations: 40, seed: 3 });
  });

  it("filters, counts and pages from the same inputs", async () => {
    const db = database.current.db;
    const [expected] = (await db.execute(
      sql`select count(*)::int as n, sum(quantity)::int as units from marketplace_stock_locks
          where status = 'consumed' and marketplace_id = (select id from marketplaces where code = 'bm-fr')`,
    )) as unknown as { n: number; units: number }[];
    const [bmFr] = (await db.execute(
      sql`select id from marketplaces where code = 'bm-fr'`,
    )) as unknown as { id: number }[];
    const page = await listLocks(
      db,
      search({ marketplace: String(bmFr?.id), status: "consumed", perPage: "25" }),
      3,
    );
    expect(page.total).toBe(expected?.n);
    expect(page.units).toBe(expected?.units);
    expect(page.rows).toHaveLength(Math.min(25, expected?.n ?? 0));
    for (const row of page.rows) {
      expect(row).toMatchObject({ status: "consumed", marketplaceCode: "bm-fr" });
    }
    // Sorted newest first, ties by id.
    const times = page.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("finds locks by order id, SKU text and staleness", async () => {
    const db = database.current.db;
    const [lock] = (await listLocks(db, search({ status: "locked", perPage: "25" }), 3)).rows;
    if (!lock) throw new Error("the seed made no active lock");
    const byOrder = await listLocks(db, search({ order: lock.orderExternalId }), 3);
    expect(byOrder.rows.every((r) => r.orderId === lock.orderId)).toBe(true);
    expect(byOrder.rows.map((r) => r.id)).toContain(lock.id);

    const bySku = await listLocks(db, search({ q: lock.sku.toLowerCase() }), 3);
    expect(bySku.rows.length).toBeGreaterThan(0);
    expect(
      bySku.rows.every((r) => r.sku.includes(lock.sku) || r.orderExternalId.startsWith(lock.sku)),
    ).toBe(true);

    // A LIKE wildcard in the search is matched literally.
    expect((await listLocks(db, search({ q: "%" }), 3)).total).toBe(0);

    const stale = await listLocks(db, search({ stale: "1", perPage: "200" }), 1);
    const summary = await lockSummary(db, 1);
    expect(stale.total).toBe(summary.staleLocks);
    const dayAgo = Date.now() - 86_400_000;
    expect(stale.rows.every((r) => r.status === "locked" && r.createdAt.getTime() < dayAgo)).toBe(
      true,
    );
  });

  it("surfaces a failing query as an error result with the database's message", async () => {
    const result = await settle("broken", () =>
      database.current.db.execute(sql`select * from no_such_table`),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "42P01" } });
    if (!result.ok) expect(result.error.message).toContain("no_such_table");
  });
});
