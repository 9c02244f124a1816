// One integration test per DESIGN stock rule, on real PostgreSQL.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import { AppError } from "@/lib/errors";
import { upsertOrder, upsertVariations } from "@/lib/runtime";
import { checkStockInvariants } from "./invariants";
import { releaseLock, setOnHand } from "./manual-operations";
import { readVariationStock } from "./quantities";
import {
  createMarketplace,
  createVariations,
  type LineSpec,
  locksOfOrder,
  makeOrder,
  variationCounters,
} from "./testing/fixtures";

describe("DESIGN stock rules", () => {
  const database = useTestDatabase();
  let db: Database;
  let mp: number;
  let orderSeq = 0;

  beforeAll(async () => {
    db = database.current.db;
    mp = await createMarketplace(db);
  });

  /** A fresh SKU with `onHand` units, and a fresh order id. */
  async function setup(onHand: number): Promise<{ sku: string; variationId: number; ext: string }> {
    orderSeq++;
    const sku = `SKU-${orderSeq}`;
    const ids = await createVariations(db, [{ sku, onHand }]);
    return { sku, variationId: ids.get(sku) as number, ext: `O-${orderSeq}` };
  }

  function apply(ext: string, lines: LineSpec[], options: { syncRunId?: number } = {}) {
    return db.transaction((tx) => upsertOrder(tx, makeOrder(mp, ext, lines), options));
  }

  async function expectInvariants(): Promise<void> {
    const report = await checkStockInvariants(db);
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  }

  describe("stock rules", () => {
    it("an open, mapped line is locked at once: counters, ledger, event, result", async () => {
      const { sku, variationId, ext } = await setup(5);
      const result = await apply(ext, [{ sku, quantity: 2, status: "new" }]);
      expect(result).toMatchObject({
        created: true,
        changed: true,
        status: "new",
        locksCreated: 1,
      });
      expect(result.items[0]).toMatchObject({
        sku,
        mapped: true,
        lockStatus: "locked",
        available: 3,
        oversold: false,
      });
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 5,
        locked: 2,
        available: 3,
      });
      const locks = await locksOfOrder(db, mp, ext);
      expect(locks).toMatchObject([{ quantity: 2, status: "locked", variation_id: variationId }]);
      const ledger = await queryRows<Record<string, unknown>>(
        db,
        sql`select reason, locked_delta, on_hand_delta, locked_after, on_hand_after, lock_id
          from stock_movements where order_item_id = ${result.items[0]?.orderItemId}`,
      );
      expect(ledger).toEqual([
        {
          reason: "lock",
          locked_delta: 2,
          on_hand_delta: 0,
          locked_after: 2,
          on_hand_after: 5,
          lock_id: locks[0]?.id,
        },
      ]);
      const events = await queryRows<{ type: string }>(
        db,
        sql`select type from domain_events where order_id = ${result.orderId}`,
      );
      expect(events.map((e) => e.type)).toEqual(["OrderCreated"]);
      await expectInvariants();
    });

    it("the same snapshot twice changes nothing the second time", async () => {
      const { sku, variationId, ext } = await setup(3);
      await apply(ext, [{ sku, status: "new" }]);
      const again = await apply(ext, [{ sku, status: "new" }]);
      expect(again).toMatchObject({ created: false, changed: false, events: 0, locksCreated: 0 });
      expect(again.items[0]).toMatchObject({ lockStatus: "locked", available: 2 });
      expect(await locksOfOrder(db, mp, ext)).toHaveLength(1);
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 3,
        locked: 1,
        available: 2,
      });
    });

    it("shipping consumes the lock and the unit leaves on_hand", async () => {
      const { sku, variationId, ext } = await setup(4);
      await apply(ext, [{ sku, quantity: 2, status: "accepted" }]);
      const shipped = await apply(ext, [{ sku, quantity: 2, status: "shipped" }]);
      expect(shipped).toMatchObject({
        locksConsumed: 1,
        status: "shipped",
        previousStatus: "accepted",
      });
      expect((await locksOfOrder(db, mp, ext))[0]?.status).toBe("consumed");
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 2,
        locked: 0,
        available: 2,
      });
      await expectInvariants();
    });

    it("cancelled or refunded before shipping frees the units", async () => {
      const { sku, variationId, ext } = await setup(2);
      await apply(ext, [
        { sku, status: "new", externalId: "a" },
        { sku, status: "new", externalId: "b" },
      ]);
      expect((await variationCounters(db, variationId)).available).toBe(0);
      const result = await apply(ext, [
        { sku, status: "cancelled", externalId: "a" },
        { sku, status: "refunded", externalId: "b" },
      ]);
      expect(result.locksCancelled).toBe(2);
      expect((await locksOfOrder(db, mp, ext)).map((l) => l.status)).toEqual([
        "cancelled",
        "cancelled",
      ]);
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 2,
        locked: 0,
        available: 2,
      });
      await expectInvariants();
    });

    it("an order first seen shipped, cancelled or refunded gets no lock and no stock change", async () => {
      const { sku, variationId, ext } = await setup(3);
      const result = await apply(ext, [
        { sku, status: "shipped", externalId: "a" },
        { sku, status: "cancelled", externalId: "b" },
        { sku, status: "refunded", externalId: "c" },
      ]);
      expect(result).toMatchObject({ created: true, locksCreated: 0, status: "partial" });
      expect(await locksOfOrder(db, mp, ext)).toEqual([]);
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 3,
        locked: 0,
        available: 3,
      });
      await expectInvariants();
    });

    it("a cancel seen before the create: the stale open snapshot neither reopens nor locks", async () => {
      const { sku, variationId, ext } = await setup(1);
      await apply(ext, [{ sku, status: "cancelled" }]);
      const stale = await apply(ext, [{ sku, status: "new" }]);
      expect(stale.items[0]).toMatchObject({ status: "cancelled", lockStatus: null });
      expect(await locksOfOrder(db, mp, ext)).toEqual([]);
      expect((await variationCounters(db, variationId)).locked).toBe(0);
      await expectInvariants();
    });

    it("a consumed or cancelled lock never goes back by itself", async () => {
      const { sku, variationId, ext } = await setup(5);
      await apply(ext, [{ sku, status: "new" }]);
      await apply(ext, [{ sku, status: "shipped" }]);
      await apply(ext, [{ sku, status: "accepted" }]); // stale
      await apply(ext, [{ sku, status: "refunded" }]); // refund after shipping
      expect((await locksOfOrder(db, mp, ext))[0]?.status).toBe("consumed");
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 4,
        locked: 0,
        available: 4,
      });
      await expectInvariants();
    });

    it("an unknown SKU gets no lock, is unmapped, and is locked once the SKU is mapped", async () => {
      orderSeq++;
      const sku = `LATER-${orderSeq}`;
      const ext = `O-${orderSeq}`;
      const first = await apply(ext, [{ sku, quantity: 2, status: "new" }]);
      expect(first.items[0]).toMatchObject({ mapped: false, variationId: null, lockStatus: null });
      expect(first.locksCreated).toBe(0);
      const unmapped = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from order_items where sku = ${sku} and variation_id is null`,
      );
      expect(unmapped[0]?.n).toBe(1);
      await expectInvariants();

      const mapped = await db.transaction((tx) =>
        upsertVariations(tx, [{ sku, name: "later", onHand: 1 }], { actor: "import" }),
      );
      expect(mapped).toMatchObject({ created: 1, itemsMapped: 1, locksCreated: 1 });
      const [lock] = await locksOfOrder(db, mp, ext);
      expect(lock).toMatchObject({ status: "locked", quantity: 2 });
      // Mapping took it below zero: locked anyway, flagged oversold.
      const stock = await readVariationStock(db, { oversoldOnly: true });
      expect(stock.map((v) => v.sku)).toContain(sku);
      await expectInvariants();
    });

    it("an unmapped line that closed before mapping stays without a lock", async () => {
      orderSeq++;
      const sku = `GONE-${orderSeq}`;
      const ext = `O-${orderSeq}`;
      await apply(ext, [{ sku, status: "new" }]);
      await apply(ext, [{ sku, status: "shipped" }]);
      const mapped = await db.transaction((tx) =>
        upsertVariations(tx, [{ sku, name: "gone", onHand: 3 }], { actor: "import" }),
      );
      expect(mapped).toMatchObject({ itemsMapped: 1, locksCreated: 0 });
      expect(await locksOfOrder(db, mp, ext)).toEqual([]);
      await expectInvariants();
    });

    it("an order that oversells is locked anyway and the variation is flagged oversold", async () => {
      const { sku, variationId, ext } = await setup(1);
      await apply(`${ext}-a`, [{ sku, status: "new" }]);
      const second = await apply(`${ext}-b`, [{ sku, status: "new" }]);
      expect(second.locksCreated).toBe(1);
      expect(second.items[0]).toMatchObject({
        lockStatus: "locked",
        available: -1,
        oversold: true,
      });
      const [stock] = await readVariationStock(db, { variationIds: [variationId] });
      expect(stock).toMatchObject({ available: -1, oversold: true });
      // Shipping both never takes on_hand below zero; the ledger still replays.
      await apply(`${ext}-a`, [{ sku, status: "shipped" }]);
      await apply(`${ext}-b`, [{ sku, status: "shipped" }]);
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 0,
        locked: 0,
        available: 0,
      });
      await expectInvariants();
    });

    it("records the sync run on every ledger row", async () => {
      const { sku, ext } = await setup(2);
      const [run] = await queryRows<{ id: number }>(
        db,
        sql`insert into sync_runs (type, trigger) values ('new', 'cli') returning id`,
      );
      const result = await apply(ext, [{ sku, status: "new" }], { syncRunId: run?.id });
      const rows = await queryRows<{ sync_run_id: number }>(
        db,
        sql`select sync_run_id from stock_movements where order_item_id = ${result.items[0]?.orderItemId}`,
      );
      expect(rows).toEqual([{ sync_run_id: run?.id }]);
    });

    it("rejects a bad order with a clear error and writes nothing", async () => {
      const bad = { ...makeOrder(mp, "BAD-1", [{ sku: "X", status: "new" }]), items: [] };
      await expect(db.transaction((tx) => upsertOrder(tx, bad))).rejects.toThrow(AppError);
      await expect(db.transaction((tx) => upsertOrder(tx, bad))).rejects.toThrow(
        /at least one line/,
      );
      const dup = makeOrder(mp, "BAD-2", [
        { sku: "X", status: "new", externalId: "same" },
        { sku: "X", status: "new", externalId: "same" },
      ]);
      await expect(db.transaction((tx) => upsertOrder(tx, dup))).rejects.toThrow(/appears twice/);
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from orders where external_id like 'BAD-%'`,
      );
      expect(rows[0]?.n).toBe(0);
    });
  });

  describe("manual operations", () => {
    it("setOnHand changes the count through the ledger with the person's name", async () => {
      const { variationId } = await setup(2);
      const result = await db.transaction((tx) =>
        setOnHand(tx, { variationId, onHand: 7, actor: "alice", note: "stock take" }),
      );
      expect(result).toEqual({ variationId, previousOnHand: 2, onHand: 7, available: 7 });
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select reason, on_hand_delta, on_hand_after, actor, note from stock_movements
          where variation_id = ${variationId} order by id desc limit 1`,
      );
      expect(row).toEqual({
        reason: "manual",
        on_hand_delta: 5,
        on_hand_after: 7,
        actor: "alice",
        note: "stock take",
      });
      await expect(
        db.transaction((tx) => setOnHand(tx, { variationId, onHand: -1, actor: "alice" })),
      ).rejects.toThrow(/cannot be negative/);
      await expect(
        db.transaction((tx) => setOnHand(tx, { variationId, onHand: 1, actor: " " })),
      ).rejects.toThrow(/say who/);
      await expectInvariants();
    });

    it("releaseLock frees the units for good, with a reason and a name", async () => {
      const { sku, variationId, ext } = await setup(1);
      await apply(ext, [{ sku, status: "accepted" }]);
      const [lock] = await locksOfOrder(db, mp, ext);
      const released = await db.transaction((tx) =>
        releaseLock(tx, { lockId: lock?.id as number, reason: "cancelled by phone", actor: "bob" }),
      );
      expect(released).toEqual({
        lockId: lock?.id,
        released: true,
        status: "cancelled",
        available: 1,
      });
      const [row] = await queryRows<Record<string, unknown>>(
        db,
        sql`select l.release_reason, l.released_by, m.reason, m.locked_delta, m.actor
          from marketplace_stock_locks l join stock_movements m on m.lock_id = l.id
          where l.id = ${lock?.id} and m.reason = 'release'`,
      );
      expect(row).toEqual({
        release_reason: "cancelled by phone",
        released_by: "bob",
        reason: "release",
        locked_delta: -1,
        actor: "bob",
      });
      // The still-open order is seen again: no new lock.
      await apply(ext, [{ sku, status: "accepted" }]);
      expect((await locksOfOrder(db, mp, ext)).map((l) => l.status)).toEqual(["cancelled"]);
      const twice = await db.transaction((tx) =>
        releaseLock(tx, { lockId: lock?.id as number, reason: "again", actor: "bob" }),
      );
      expect(twice.released).toBe(false);
      expect(await variationCounters(db, variationId)).toEqual({
        onHand: 1,
        locked: 0,
        available: 1,
      });
      await expectInvariants();
    });
  });
});
