import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, pgError, queryRows } from "./client";
import { migratePglite, migratePostgres } from "./migrate";
import { useTestDatabase } from "./testing/test-db";

const designTables = [
  "domain_events",
  "marketplace_stock",
  "marketplace_stock_locks",
  "marketplaces",
  "order_items",
  "orders",
  "stock_movements",
  "sync_runs",
  "variations",
];

describe("migrations on the embedded database (PGlite)", () => {
  it("create every table of the data model and can be re-applied", async () => {
    const client = await PGlite.create("memory://");
    try {
      await migratePglite(client);
      await migratePglite(client); // a second run changes nothing
      const { rows } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      const names = rows.map((r) => r.table_name);
      for (const table of designTables) expect(names).toContain(table);
      const applied = await client.query<{ n: number }>(
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      );
      expect(applied.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("opens a persistent embedded database through the common handle", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    try {
      expect(handle.kind).toBe("pglite");
      const rows = await queryRows<{ one: number }>(handle.db, sql`select 1 as one`);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });
});

describe("migrations on PostgreSQL", () => {
  const database = useTestDatabase();

  it("re-running the migrator on a migrated server changes nothing", async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          database.current.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
      )[0]?.n;
    const before = await count();
    await migratePostgres(database.current.url);
    expect(await count()).toBe(before);
  });

  it("enforces the data model's constraints", async () => {
    const { db } = database.current;
    await db.execute(sql`insert into variations (sku, name, on_hand) values ('SKU-1', 'Phone', 1)`);
    const error = await db
      .execute(sql`insert into variations (sku, name, on_hand) values ('SKU-1', 'Dup', 1)`)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(pgError(error)).toMatchObject({ code: "23505", constraint: "variations_sku_unique" });
  });
});
