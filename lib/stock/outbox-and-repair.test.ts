// The push outbox primitives, the invariant report and the repair, on real PostgreSQL.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { availableQuantity, NO_LISTING_RULES, publishableQuantity } from "@/lib/domain/publishable";
import { claimDuePushes } from "@/lib/push/outbox";
import { markPushed, markPushFailed } from "@/lib/push/record";
import { repairStockCounters, upsertOrder } from "@/lib/runtime";
import { checkStockInvariants, type InvariantName } from "./invariants";
import { releaseLock } from "./manual-operations";
import { createMarketplace, createVariations, makeOrder } from "./testing/fixtures";

describe("push outbox, invariants and repair", () => {
  const database = useTestDatabase();
  let db: Database;
  let seller: number;
  let other: number;

  beforeAll(async () => {
    db = database.current.db;
    seller = await createMarketplace(db);
    other = await createMarketplace(db);
  });

  async function failing(): Promise<InvariantName[]> {
    const report = await checkStockInvariants(db);
    return report.invariants.filter((i) => !i.ok).map((i) => i.name);
  }

  describe("stock formulas", () => {
    it("available and publishable follow DESIGN", () => {
      expect(availableQuantity({ onHand: 3, lockedQuantity: 5 })).toBe(-2);
      expect(publishableQuantity(5, { ...NO_LISTING_RULES, buffer: 2 })).toBe(3);
      expect(publishableQuantity(1, { ...NO_LISTING_RULES, buffer: 2 })).toBe(0);
      expect(publishableQuantity(-2, NO_LISTING_RULES)).toBe(0);
    });
  });

  describe("push outbox", () => {
    it("records listing marketplaces whose publishable quantity moved, coalesced", async () => {
      const ids = await createVariations(db, [{ sku: "PUSH-1", onHand: 3 }]);
      const variationId = ids.get("PUSH-1") as number;
      await db.execute(
        sql`insert into marketplace_stock (marketplace_id, variation_id, buffer, external_listing_id)
          values (${other}, ${variationId}, 1, 'L-1')`,
      );
      for (const ext of ["P-1", "P-2"]) {
        await db.transaction((tx) =>
          upsertOrder(tx, makeOrder(seller, ext, [{ sku: "PUSH-1", status: "new" }])),
        );
      }
      // The selling marketplace now lists it too (its counter row holds the lock).
      const sellers = await claimDuePushes(db, {
        variationIds: [variationId],
        marketplaceId: seller,
      });
      expect(sellers).toHaveLength(1);
      const due = await claimDuePushes(db, { variationIds: [variationId], marketplaceId: other });
      // One row for the pair however many changes; publishable = max(0, 3 - 2 - 1) = 0.
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({
        marketplaceId: other,
        externalListingId: "L-1",
        publishable: 0,
        attempts: 0,
      });
      // Claimed: no other drain gets them.
      expect(await claimDuePushes(db, { variationIds: [variationId] })).toEqual([]);

      // A third order takes available from 1 to 0: publishable stays 0 (buffer 1), not queued
      // again; a push of the row and then that order leaves the outbox empty.
      const first = due[0];
      if (!first) throw new Error("no push");
      expect(await markPushed(db, { ...first, quantity: first.publishable })).toBe("settled");
      await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "P-3", [{ sku: "PUSH-1", status: "new" }])),
      );
      expect(
        await claimDuePushes(db, { variationIds: [variationId], marketplaceId: other }),
      ).toEqual([]);
      const [listing] = await queryRows<{ last_pushed_quantity: number }>(
        db,
        sql`select last_pushed_quantity from marketplace_stock
          where marketplace_id = ${other} and variation_id = ${variationId}`,
      );
      expect(listing?.last_pushed_quantity).toBe(0);
    });

    it("keeps a pair due when it was queued again during its push; failures back off", async () => {
      const ids = await createVariations(db, [{ sku: "PUSH-2", onHand: 5 }]);
      const variationId = ids.get("PUSH-2") as number;
      await db.execute(
        sql`insert into marketplace_stock (marketplace_id, variation_id) values (${other}, ${variationId})`,
      );
      await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "Q-1", [{ sku: "PUSH-2", status: "new" }])),
      );
      const [inFlight] = await claimDuePushes(db, {
        variationIds: [variationId],
        marketplaceId: other,
      });
      if (!inFlight) throw new Error("no push");
      expect(inFlight.publishable).toBe(4);
      await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "Q-2", [{ sku: "PUSH-2", status: "new" }])),
      );
      // Not publishable any more: re-queued, due again at once.
      expect(await markPushed(db, { ...inFlight, quantity: 4 })).toBe("requeued");
      const [again] = await claimDuePushes(db, {
        variationIds: [variationId],
        marketplaceId: other,
      });
      if (!again) throw new Error("not due again");
      expect(again.publishable).toBe(3);

      await markPushFailed(db, {
        ...again,
        error: "HTTP 503",
        retryAt: new Date(Date.now() + 60_000),
      });
      expect(
        await claimDuePushes(db, { variationIds: [variationId], marketplaceId: other }),
      ).toEqual([]);
      const [row] = await queryRows<{ push_attempts: number; push_last_error: string }>(
        db,
        sql`select push_attempts, push_last_error from marketplace_stock
          where variation_id = ${variationId} and marketplace_id = ${other}`,
      );
      expect(row).toEqual({ push_attempts: 1, push_last_error: "HTTP 503" });
    });
  });

  describe("invariants and repair", () => {
    it("detects tampered counters, a missing lock and a stale lock; repair fixes and reports", async () => {
      const ids = await createVariations(db, [
        { sku: "R-1", onHand: 4 },
        { sku: "R-2", onHand: 4 },
      ]);
      const r1 = ids.get("R-1") as number;
      const r2 = ids.get("R-2") as number;
      await db.transaction((tx) =>
        upsertOrder(
          tx,
          makeOrder(seller, "R-ORDER", [
            { sku: "R-1", status: "new", quantity: 2, externalId: "a" },
            { sku: "R-2", status: "new", externalId: "b" },
          ]),
        ),
      );
      expect(await failing()).toEqual([]);

      // Damage done behind the functions' back.
      await db.execute(sql`update variations set locked_quantity = 7 where id = ${r1}`);
      await db.execute(
        sql`update marketplace_stock set locked_quantity = 0 where variation_id = ${r1}`,
      );
      await db.execute(sql`update variations set on_hand = 9 where id = ${r2}`);
      await db.execute(
        sql`update order_items set status = 'shipped' where external_id = 'b'
          and order_id = (select id from orders where external_id = 'R-ORDER')`,
      );
      const [item] = await queryRows<{ id: number }>(
        db,
        sql`insert into order_items (order_id, external_id, variation_id, sku, quantity, status,
            marketplace_state)
          select id, 'c', ${r2}, 'R-2', 1, 'accepted', '2' from orders where external_id = 'R-ORDER'
          returning id`,
      );
      expect(item).toBeDefined();
      expect(await failing()).toEqual(
        expect.arrayContaining([
          "marketplace_locked_matches_locks",
          "variation_locked_matches_locks",
          "open_items_have_locks",
          "locks_follow_items",
          "ledger_replays",
        ]),
      );

      const report = await repairStockCounters(db);
      const kinds = report.changes.map((change) => change.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          "lock_created",
          "lock_consumed",
          "marketplace_locked",
          "variation_locked",
          "ledger_corrected",
        ]),
      );
      expect(await failing()).toEqual([]);
      const [counters] = await queryRows<{ on_hand: number; locked_quantity: number }>(
        db,
        sql`select on_hand, locked_quantity from variations where id = ${r1}`,
      );
      expect(counters).toEqual({ on_hand: 4, locked_quantity: 2 });
      // A second repair has nothing left to do.
      expect((await repairStockCounters(db)).changes).toEqual([]);
    });

    it("finds and repairs what earlier code left: locks behind their item's quantity, a shipment after a release", async () => {
      const ids = await createVariations(db, [{ sku: "OLD-1", onHand: 10 }]);
      const variationId = ids.get("OLD-1") ?? 0;
      const lines = (status: "new" | "shipped", open: "new" | "shipped" = "new") => [
        { externalId: "open", sku: "OLD-1", status: "new" as const },
        { externalId: "shipped", sku: "OLD-1", status: open },
        { externalId: "released", sku: "OLD-1", status },
      ];
      await db.transaction((tx) => upsertOrder(tx, makeOrder(seller, "OLD-ORDER", lines("new"))));
      await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "OLD-ORDER", lines("new", "shipped"))),
      );
      const item = (external: string) =>
        sql`(select oi.id from order_items oi join orders o on o.id = oi.order_id
             where o.external_id = 'OLD-ORDER' and oi.external_id = ${external})`;
      // What the code before this rule did: the quantity moved without the lock, a lock
      // released by hand stayed cancelled when its item shipped.
      await db.execute(sql`update order_items set quantity = 3 where id = ${item("open")}`);
      await db.execute(sql`update order_items set quantity = 2 where id = ${item("shipped")}`);
      const [released] = await queryRows<{ id: number }>(
        db,
        sql`select id from marketplace_stock_locks where order_item_id = ${item("released")}`,
      );
      await db.transaction((tx) =>
        releaseLock(tx, { lockId: released?.id ?? 0, reason: "customer called", actor: "staff" }),
      );
      await db.execute(
        sql`update order_items set status = 'shipped' where id = ${item("released")}`,
      );
      expect(await failing()).toEqual(
        expect.arrayContaining(["lock_quantity_matches_item", "consumed_exactly_once"]),
      );

      const report = await repairStockCounters(db);
      expect(report.changes.map((change) => change.kind)).toEqual(
        expect.arrayContaining(["consumed_quantity", "lock_consumed"]),
      );
      expect(await failing()).toEqual([]);
      // 10 on hand − 2 shipped (the consumed lock follows its item) − 1 shipped after release;
      // the open line holds 3.
      const [counters] = await queryRows<{ on_hand: number; locked_quantity: number }>(
        db,
        sql`select on_hand, locked_quantity from variations where id = ${variationId}`,
      );
      expect(counters).toEqual({ on_hand: 7, locked_quantity: 3 });
      const repairs = await queryRows<{
        reason: string;
        on_hand_delta: number;
        locked_delta: number;
      }>(
        db,
        sql`select reason, on_hand_delta, locked_delta from stock_movements
            where variation_id = ${variationId} and actor = 'stock:check --repair' order by id`,
      );
      expect(repairs).toEqual(
        expect.arrayContaining([
          { reason: "lock", on_hand_delta: 0, locked_delta: 2 },
          { reason: "consume", on_hand_delta: -1, locked_delta: 0 },
          { reason: "reconcile", on_hand_delta: -1, locked_delta: 0 },
        ]),
      );
      expect((await repairStockCounters(db)).changes).toEqual([]);
    });

    it("flags a lock whose order or marketplace copy does not match its item", async () => {
      await createVariations(db, [{ sku: "COPY-1", onHand: 5 }]);
      const result = await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "COPY-ORDER", [{ sku: "COPY-1", status: "new" }])),
      );
      const lockId = result.items[0]?.lockId;
      expect(lockId).toBeTypeOf("number");
      expect(await failing()).toEqual([]);

      // The copies carry no foreign key of their own: stock:check is what catches a bad one.
      await db.execute(
        sql`update marketplace_stock_locks set marketplace_id = ${other} where id = ${lockId}`,
      );
      const report = await checkStockInvariants(db);
      const follow = report.invariants.find((i) => i.name === "locks_follow_items");
      expect(follow?.ok).toBe(false);
      expect(follow?.examples).toEqual([expect.objectContaining({ lock_id: lockId })]);

      await db.execute(
        sql`update marketplace_stock_locks set marketplace_id = ${seller},
            order_id = order_id + 100000 where id = ${lockId}`,
      );
      expect(await failing()).toContain("locks_follow_items");
      await db.execute(
        sql`update marketplace_stock_locks set order_id = order_id - 100000 where id = ${lockId}`,
      );
      expect(await failing()).toEqual([]);
    });

    it("flags ledger rows naming a missing or mismatched marketplace, item, lock or run", async () => {
      await createVariations(db, [{ sku: "LEDGER-REF", onHand: 5 }]);
      const result = await db.transaction((tx) =>
        upsertOrder(tx, makeOrder(seller, "LEDGER-ORDER", [{ sku: "LEDGER-REF", status: "new" }])),
      );
      const lockId = result.items[0]?.lockId;
      const [movement] = await queryRows<{ id: number }>(
        db,
        sql`select id from stock_movements where lock_id = ${lockId}`,
      );
      if (!movement) throw new Error("no ledger row for the lock");
      expect(await failing()).toEqual([]);

      // Only the variation is a foreign key on the ledger: stock:check catches the rest.
      const tampered = [
        sql`update stock_movements set marketplace_id = ${other} where id = ${movement.id}`,
        sql`update stock_movements set marketplace_id = 999999 where id = ${movement.id}`,
        sql`update stock_movements set order_item_id = 999999 where id = ${movement.id}`,
        sql`update stock_movements set lock_id = 999999 where id = ${movement.id}`,
        sql`update stock_movements set sync_run_id = 999999 where id = ${movement.id}`,
      ];
      for (const change of tampered) {
        const [before] = await queryRows<Record<string, unknown>>(
          db,
          sql`select marketplace_id, order_item_id, lock_id, sync_run_id from stock_movements
            where id = ${movement.id}`,
        );
        await db.execute(change);
        const report = await checkStockInvariants(db);
        const references = report.invariants.find((i) => i.name === "ledger_references");
        expect(references?.examples).toEqual([
          expect.objectContaining({ movement_id: movement.id }),
        ]);
        await db.execute(
          sql`update stock_movements set marketplace_id = ${before?.marketplace_id as number},
              order_item_id = ${before?.order_item_id as number}, lock_id = ${before?.lock_id as number},
              sync_run_id = ${(before?.sync_run_id as number | null) ?? null}
            where id = ${movement.id}`,
        );
        expect(await failing()).toEqual([]);
      }
    });
  });
});
