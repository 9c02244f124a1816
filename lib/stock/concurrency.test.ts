// Many connections at once: new orders fight for the last units of one variation while
// others ship, cancel, get re-applied twice at the same moment and released by hand.
// Counters must equal the lock rows, no line is locked twice, and nothing deadlocks.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { upsertOrder } from "@/lib/sync/upsert-order";
import { checkStockInvariants } from "./invariants";
import { releaseLock, setOnHand } from "./manual-operations";
import {
  createMarketplace,
  createVariations,
  makeOrder,
  variationCounters,
} from "./testing/fixtures";

const CONNECTIONS = 12;
describe("stock locks under concurrency", () => {
  const database = useTestDatabase({ max: CONNECTIONS });
  let db: Database;
  let markets: number[];

  beforeAll(async () => {
    db = database.current.db;
    markets = [
      await createMarketplace(db),
      await createMarketplace(db),
      await createMarketplace(db),
    ];
  });

  function shuffle<T>(items: T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  describe("concurrency", () => {
    it("at least 8 connections locking the last units while others ship and cancel", async () => {
      for (let round = 0; round < 3; round++) {
        const hot = `HOT-${round}`;
        const a = `A-${round}`;
        const b = `B-${round}`;
        const ids = await createVariations(db, [
          { sku: hot, onHand: 5 },
          { sku: a, onHand: 20 },
          { sku: b, onHand: 20 },
        ]);
        const market = (i: number) => markets[i % markets.length] as number;

        // Existing open orders that will ship or cancel during the storm.
        const existing = Array.from({ length: 10 }, (_, i) => ({
          mp: market(i),
          ext: `E${round}-${i}`,
          // Lines in both id orders: the handler must still lock variations by id.
          lines: i % 2 ? [a, b] : [b, a],
        }));
        for (const order of existing) {
          await db.transaction((tx) =>
            upsertOrder(
              tx,
              makeOrder(
                order.mp,
                order.ext,
                order.lines.map((sku) => ({ sku, externalId: sku, status: "accepted" })),
              ),
            ),
          );
        }
        const [manualLock] = await queryRows<{ id: number }>(
          db,
          sql`select l.id from marketplace_stock_locks l join orders o on o.id = l.order_id
            where o.external_id = ${`E${round}-9`} order by l.id limit 1`,
        );

        const tasks: (() => Promise<unknown>)[] = [];
        // 12 new orders for 5 units of HOT (+ a line on A or B, in mixed order).
        for (let i = 0; i < 12; i++) {
          const other = i % 2 ? a : b;
          const lines = i % 3 ? [hot, other] : [other, hot];
          const order = makeOrder(
            market(i),
            `N${round}-${i}`,
            lines.map((sku) => ({ sku, externalId: sku, status: "new" })),
          );
          tasks.push(() => db.transaction((tx) => upsertOrder(tx, order)));
          // The same order applied twice at the same moment (two overlapping syncs).
          if (i < 4) tasks.push(() => db.transaction((tx) => upsertOrder(tx, order)));
        }
        for (const [i, order] of existing.slice(0, 9).entries()) {
          const status = i % 3 === 0 ? "cancelled" : "shipped";
          tasks.push(() =>
            db.transaction((tx) =>
              upsertOrder(
                tx,
                makeOrder(
                  order.mp,
                  order.ext,
                  order.lines.map((sku) => ({ sku, externalId: sku, status })),
                ),
              ),
            ),
          );
        }
        tasks.push(() =>
          db.transaction((tx) =>
            releaseLock(tx, { lockId: manualLock?.id as number, reason: "test", actor: "ops" }),
          ),
        );
        tasks.push(() =>
          db.transaction((tx) =>
            setOnHand(tx, { variationId: ids.get(a) as number, onHand: 25, actor: "ops" }),
          ),
        );

        const results = await Promise.allSettled(shuffle(tasks).map((task) => task()));
        const failures = results.filter((r) => r.status === "rejected");
        expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);

        const hotCounters = await variationCounters(db, ids.get(hot) as number);
        // Every order was taken: 12 locks on 5 units, oversold by 7.
        expect(hotCounters).toEqual({ onHand: 5, locked: 12, available: -7 });
        const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from marketplace_stock_locks l
            join variations v on v.id = l.variation_id where v.sku = ${hot}`,
        );
        expect(n).toBe(12);
        const report = await checkStockInvariants(db);
        expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
      }
    });

    it("really runs transactions side by side (the pool opens 8+ connections)", async () => {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`,
      );
      expect(rows[0]?.n).toBeGreaterThanOrEqual(8);
    });
  });
});
