import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { seedLarge } from "@/db/seed/large";
import { useTestDatabase } from "@/db/testing/test-db";
import { repairStockCounters, upsertOrder } from "@/lib/runtime";
import { checkStockInvariants } from "./invariants";
import { compactLockTotals, readLockTotals } from "./lock-totals";
import { releaseLock } from "./manual-operations";
import { createMarketplace, createVariations, makeOrder } from "./testing/fixtures";

const database = useTestDatabase();

type Group = {
  marketplace_id: number;
  status: string;
  locks: number;
  units: number;
};

/** The truth, counted from the locks themselves. */
async function countedGroups(): Promise<Group[]> {
  return queryRows<Group>(
    database.current.db,
    sql`select marketplace_id, status, count(*)::int as locks, sum(quantity)::int as units
        from marketplace_stock_locks group by 1, 2 order by 1, 2`,
  );
}

/** Every group and every filter the lock list offers agree with the locks. */
async function expectTotalsExact() {
  const db = database.current.db;
  const groups = await countedGroups();
  const sum = (rows: Group[]) => ({
    locks: rows.reduce((n, g) => n + g.locks, 0),
    units: rows.reduce((n, g) => n + g.units, 0),
  });
  expect(await readLockTotals(db, {})).toMatchObject(sum(groups));
  for (const g of groups) {
    const one = await readLockTotals(db, {
      marketplaceIds: [g.marketplace_id],
      statuses: [g.status as never],
    });
    expect(one, `${g.marketplace_id}/${g.status}`).toMatchObject({
      locks: g.locks,
      units: g.units,
    });
  }
  const consumedOrLocked = groups.filter((g) => g.status !== "cancelled");
  expect(await readLockTotals(db, { statuses: ["locked", "consumed"] })).toMatchObject(
    sum(consumedOrLocked),
  );
  const report = await checkStockInvariants(db);
  expect(report.invariants.find((i) => i.name === "lock_totals_match_locks")?.ok).toBe(true);
}

describe("lock_totals (real PostgreSQL)", () => {
  beforeAll(async () => {
    await seedLarge(database.current.db, { orders: 300, variations: 30, seed: 5 });
  });

  it("sums to the locks after a bulk seed, and after compaction too", async () => {
    await expectTotalsExact();
    const db = database.current.db;
    await compactLockTotals(db);
    const [{ rows } = { rows: -1 }] = await queryRows<{ rows: number }>(
      db,
      sql`select count(*)::int as rows from lock_totals`,
    );
    expect(rows).toBe((await countedGroups()).length);
    await expectTotalsExact();
  });

  it("follows every way a lock changes: new, quantity, shipped, cancelled, released, deleted", async () => {
    const db = database.current.db;
    const mp = await createMarketplace(db, "totals-mp");
    await createVariations(db, [
      { sku: "TOT-A", onHand: 20 },
      { sku: "TOT-B", onHand: 20 },
    ]);
    const order = (status: "accepted" | "shipped" | "cancelled", qty: number) =>
      makeOrder(mp, "TOT-1", [
        { externalId: "l1", sku: "TOT-A", quantity: qty, status },
        { externalId: "l2", sku: "TOT-B", quantity: 1, status: "accepted" },
      ]);
    await db.transaction((tx) => upsertOrder(tx, order("accepted", 2)));
    await expectTotalsExact();
    await db.transaction((tx) => upsertOrder(tx, order("accepted", 3)));
    await expectTotalsExact();
    await db.transaction((tx) => upsertOrder(tx, order("shipped", 3)));
    await expectTotalsExact();
    const [lock] = await queryRows<{ id: number }>(
      db,
      sql`select l.id from marketplace_stock_locks l join order_items i on i.id = l.order_item_id
          where i.external_id = 'l2' and l.marketplace_id = ${mp}`,
    );
    await db.transaction((tx) =>
      releaseLock(tx, { lockId: lock?.id as number, reason: "test", actor: "totals test" }),
    );
    await expectTotalsExact();
    await db.transaction((tx) =>
      upsertOrder(tx, makeOrder(mp, "TOT-2", [{ sku: "TOT-B", status: "cancelled" }])),
    );
    // An upsert that inserts and updates in one statement, then a delete.
    await db.execute(sql`
      insert into marketplace_stock_locks (order_item_id, order_id, marketplace_id, variation_id, quantity, status)
      select order_item_id, order_id, marketplace_id, variation_id, quantity + 1, 'locked'
      from marketplace_stock_locks where marketplace_id = ${mp}
      on conflict (order_item_id) do update set quantity = excluded.quantity`);
    await expectTotalsExact();
    await db.execute(sql`delete from marketplace_stock_locks where marketplace_id = ${mp}`);
    await expectTotalsExact();
  });

  it("stays exact while writers append and compactions run side by side", async () => {
    const db = database.current.db;
    const [pick] = await queryRows<{ id: number }>(
      db,
      sql`select id from marketplace_stock_locks where status = 'consumed' order by id limit 1`,
    );
    // Each writer moves one lock's quantity up and back many times; compactions interleave.
    const writer = async (delta: number) => {
      for (let i = 0; i < 20; i++) {
        await db.transaction(async (tx) => {
          await tx.execute(
            sql`update marketplace_stock_locks set quantity = quantity + ${delta} where id = ${pick?.id}`,
          );
          await tx.execute(
            sql`update marketplace_stock_locks set quantity = quantity - ${delta} where id = ${pick?.id}`,
          );
        });
      }
    };
    const compactor = async () => {
      for (let i = 0; i < 10; i++) await compactLockTotals(db);
    };
    await Promise.all([writer(1), writer(2), compactor(), compactor()]);
    await expectTotalsExact();
  });

  it("is checked by stock:check and rebuilt by its repair", async () => {
    const db = database.current.db;
    await db.execute(
      sql`insert into lock_totals (marketplace_id, status, locks, units)
          select marketplace_id, status, 1, 1 from marketplace_stock_locks limit 1`,
    );
    const broken = await checkStockInvariants(db);
    expect(broken.invariants.find((i) => i.name === "lock_totals_match_locks")?.ok).toBe(false);
    const report = await repairStockCounters(db);
    expect(report.changes.map((c) => c.kind)).toContain("lock_totals_rebuilt");
    await expectTotalsExact();
  });

  it("is emptied with the locks", async () => {
    const db = database.current.db;
    await db.execute(sql`truncate marketplace_stock_locks cascade`);
    expect(await readLockTotals(db, {})).toMatchObject({ locks: 0, units: 0 });
  });
});
