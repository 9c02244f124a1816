import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { seedLarge } from "./large";

const database = useTestDatabase();

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.current.db, query);
  return Number(row?.n);
}

describe("seedLarge", () => {
  it("generates a lifecycle whose counters satisfy the stock invariants", async () => {
    const summary = await seedLarge(database.current.db, { orders: 3000, seed: 7 });
    expect(summary.orders).toBe(3000);
    expect(summary.items).toBeGreaterThan(3000 * 4);
    expect(summary.locks.locked).toBeGreaterThan(0);
    expect(summary.locks.consumed).toBeGreaterThan(summary.locks.locked ?? 0);
    expect(summary.locks.cancelled).toBeGreaterThan(0);

    // locked_quantity = Σ active locks of its (marketplace, variation)
    expect(
      await scalar(sql`select count(*)::int as n from marketplace_stock ms
        where ms.locked_quantity <> coalesce((select sum(quantity) from marketplace_stock_locks l
          where l.marketplace_id = ms.marketplace_id and l.variation_id = ms.variation_id
            and l.status = 'locked'), 0)`),
    ).toBe(0);
    // variations.locked_quantity = Σ active locks of the variation (the oversold rule reads it)
    expect(
      await scalar(sql`select count(*)::int as n from variations v
        where v.locked_quantity <> coalesce((select sum(quantity) from marketplace_stock_locks l
          where l.variation_id = v.id and l.status = 'locked'), 0)`),
    ).toBe(0);
    expect(await scalar(sql`select count(*)::int as n from variations where on_hand < 0`)).toBe(0);
    // every open, mapped item has a lock, and it is active
    expect(
      await scalar(sql`select count(*)::int as n from order_items i
        left join marketplace_stock_locks l on l.order_item_id = i.id
        where i.status in ('pending', 'new', 'accepted') and i.variation_id is not null
          and (l.id is null or l.status <> 'locked')`),
    ).toBe(0);
    // a lock follows its item
    expect(
      await scalar(sql`select count(*)::int as n from marketplace_stock_locks l
        join order_items i on i.id = l.order_item_id
        where (i.status = 'shipped') <> (l.status = 'consumed')
           or (i.status in ('cancelled', 'refunded')) <> (l.status = 'cancelled')`),
    ).toBe(0);
    // the ledger replays to today's counters
    expect(
      await scalar(sql`select count(*)::int as n from variations v
        join lateral (select on_hand_after, locked_after from stock_movements m
                      where m.variation_id = v.id order by id desc limit 1) last on true
        where last.on_hand_after <> v.on_hand
           or last.locked_after <> coalesce((select sum(quantity) from marketplace_stock_locks l
                where l.variation_id = v.id and l.status = 'locked'), 0)`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*)::int as n from (
        select variation_id, sum(on_hand_delta) as d from stock_movements group by variation_id) t
        join variations v on v.id = t.variation_id where t.d <> v.on_hand`),
    ).toBe(0);
    // some variations are oversold, some items unmapped, runs cover every status
    expect(
      await scalar(sql`select count(distinct status)::int as n from sync_runs`),
    ).toBeGreaterThanOrEqual(3);
  });

  it("refuses to seed the same database twice", async () => {
    await expect(seedLarge(database.current.db, { orders: 10 })).rejects.toThrow(/already holds/);
  });
});
