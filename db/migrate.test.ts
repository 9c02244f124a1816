import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePgliteDb } from "drizzle-orm/pglite/migrator";
import { describe, expect, it } from "vitest";
import { openDatabase, pgError, queryRows } from "./client";
import { migratePglite, migratePostgres, migrationsFolder } from "./migrate";
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

  it("0009 carries pending outbox rows onto their listings and drops the outbox table", async () => {
    // The migrations up to 0008 from a copy of the folder, some data, then the real folder.
    const upTo0008 = mkdtempSync(path.join(tmpdir(), "stocklock-migrations-"));
    cpSync(migrationsFolder, upTo0008, { recursive: true });
    const journalPath = path.join(upTo0008, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.tag < "0009");
    writeFileSync(journalPath, JSON.stringify(journal));
    const client = await PGlite.create("memory://");
    try {
      await migratePgliteDb(drizzlePglite(client), { migrationsFolder: upTo0008 });
      await client.exec(`
        insert into marketplaces (code, name, provider, base_url, token_env)
          values ('bm-x', 'BM', 'backmarket', 'http://localhost', 'X');
        insert into variations (sku, name, on_hand) values ('A', 'A', 3), ('B', 'B', 3);
        insert into marketplace_stock (marketplace_id, variation_id)
          select m.id, v.id from marketplaces m, variations v;
        insert into stock_push_outbox (variation_id, marketplace_id, attempts, last_error)
          select v.id, m.id, 2, 'HTTP 503' from marketplaces m, variations v where v.sku = 'A';`);
      await migratePglite(client);
      const { rows } = await client.query<{
        sku: string;
        pending: boolean;
        push_attempts: number;
        push_last_error: string | null;
      }>(`select v.sku, ms.push_pending_since is not null as pending, ms.push_attempts,
            ms.push_last_error
          from marketplace_stock ms join variations v on v.id = ms.variation_id order by v.sku`);
      expect(rows).toEqual([
        { sku: "A", pending: true, push_attempts: 2, push_last_error: "HTTP 503" },
        { sku: "B", pending: false, push_attempts: 0, push_last_error: null },
      ]);
      const outbox = await client.query(
        "select 1 from information_schema.tables where table_name = 'stock_push_outbox'",
      );
      expect(outbox.rows).toEqual([]);
    } finally {
      await client.close();
      rmSync(upTo0008, { recursive: true, force: true });
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
