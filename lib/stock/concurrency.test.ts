// Many connections at once: new orders fight for the last units of one variation while
// others ship, cancel, get re-applied twice at the same moment and released by hand.
// Counters must equal the lock rows, no line is locked twice, and nothing deadlocks.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";
import { claimDuePushes } from "@/lib/push/outbox";
import { markPushed } from "@/lib/push/record";
import { upsertOrder } from "@/lib/runtime";
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

    it("pushes settling while orders lock: no deadlock, and a listing whose quantity moved stays due", async () => {
      const skus = ["PUSH-RACE-1", "PUSH-RACE-2"];
      const ids = await createVariations(
        db,
        skus.map((sku) => ({ sku, onHand: 40 })),
      );
      // Every marketplace lists both variations: each lock queues a push on all three.
      for (const marketplaceId of markets) {
        for (const variationId of ids.values()) {
          await db.execute(
            sql`insert into marketplace_stock (marketplace_id, variation_id, external_listing_id)
              values (${marketplaceId}, ${variationId}, ${`L-${marketplaceId}-${variationId}`})
              on conflict do nothing`,
          );
        }
      }
      const variationIds = [...ids.values()];
      const order = (i: number) =>
        makeOrder(
          markets[i % markets.length] as number,
          `PR-${i}`,
          (i % 2 ? skus : [...skus].reverse()).map((sku) => ({
            sku,
            externalId: sku,
            status: "new" as const,
          })),
        );
      // Pending pushes first, claimed now: they are "in flight" while the orders below lock.
      await db.transaction((tx) => upsertOrder(tx, order(0)));
      const inFlight = await claimDuePushes(db, { variationIds });
      expect(inFlight).toHaveLength(markets.length * variationIds.length);

      const tasks: (() => Promise<unknown>)[] = [];
      for (let i = 1; i <= 16; i++) {
        tasks.push(() => db.transaction((tx) => upsertOrder(tx, order(i))));
      }
      // Each in-flight push reports success with the quantity it read before the storm.
      for (const push of inFlight) {
        tasks.push(() => markPushed(db, { ...push, quantity: push.publishable }));
      }
      // And a drain racing the orders: each due listing pushed at what it read, then settled.
      for (let round = 0; round < 4; round++) {
        tasks.push(async () => {
          for (const push of await claimDuePushes(db, { variationIds })) {
            await markPushed(db, { ...push, quantity: push.publishable });
          }
        });
      }
      const results = await Promise.allSettled(shuffle(tasks).map((task) => task()));
      const failures = results.filter((r) => r.status === "rejected");
      expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);

      // Whatever the interleaving: a listing whose last push is not today's publishable
      // quantity still has a push pending, and one more drain settles every listing.
      const stale = await queryRows<{ marketplace_id: number; variation_id: number }>(
        db,
        sql`select ms.marketplace_id, ms.variation_id from marketplace_stock ms
          join variations v on v.id = ms.variation_id
          where ms.variation_id = any(${`{${variationIds.join(",")}}`}::int[])
            and ms.push_pending_since is null
            and ms.last_pushed_quantity is distinct from
              ${publishableSql(availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` }), listingRuleColumns("ms"))}`,
      );
      expect(stale).toEqual([]);
      for (const push of await claimDuePushes(db, { variationIds })) {
        expect(await markPushed(db, { ...push, quantity: push.publishable })).toBe("settled");
      }
      expect(await claimDuePushes(db, { variationIds })).toEqual([]);
      const report = await checkStockInvariants(db);
      expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
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
