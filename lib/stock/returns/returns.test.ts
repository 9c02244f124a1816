// Returns on real PostgreSQL: signals → one expected return each (replays change nothing),
// a return never moves stock by itself, receive → restock (same SKU or a regrade) moves
// on_hand once with a ledger `return` row and queues a push, write-off, and a double restock
// refused even when two transactions race.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import type { ReturnSignalled } from "@/lib/domain/events";
import { AppError } from "@/lib/errors";
import { orderEventBus, upsertOrder } from "@/lib/runtime";
import { checkStockInvariants } from "../invariants";
import {
  createMarketplace,
  createVariations,
  type LineSpec,
  makeOrder,
  variationCounters,
} from "../testing/fixtures";
import { performReturnAction } from "./staff-actions";

const staff = { name: "ops@example.com", email: "ops@example.com" };

describe("stock returns", () => {
  const database = useTestDatabase({ max: 6 });
  let db: Database;
  let mp: number;
  let seq = 0;

  beforeAll(async () => {
    db = database.current.db;
    mp = await createMarketplace(db);
  });

  async function setup(onHand: number) {
    seq++;
    const sku = `RET-${seq}`;
    const ids = await createVariations(db, [{ sku, onHand }]);
    return { sku, variationId: ids.get(sku) as number, ext: `R-${seq}` };
  }

  function apply(ext: string, lines: LineSpec[]) {
    return db.transaction((tx) => upsertOrder(tx, makeOrder(mp, ext, lines)));
  }

  async function returnsOf(orderItemId: number) {
    return queryRows<{ id: number; status: string; source: string; quantity: number }>(
      db,
      sql`select id, status, source, quantity from stock_returns
          where order_item_id = ${orderItemId} order by id`,
    );
  }

  async function shippedThenRefunded(onHand: number, quantity = 1) {
    const s = await setup(onHand);
    await apply(s.ext, [{ sku: s.sku, quantity, status: "accepted" }]);
    await apply(s.ext, [{ sku: s.sku, quantity, status: "shipped" }]);
    const result = await apply(s.ext, [{ sku: s.sku, quantity, status: "refunded" }]);
    const itemId = result.items[0]?.orderItemId as number;
    return { ...s, itemId, result };
  }

  async function expectInvariants() {
    const report = await checkStockInvariants(db);
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  }

  it("a refund after shipping creates one expected return and moves no stock; replays change nothing", async () => {
    const { variationId, itemId, ext, sku } = await shippedThenRefunded(3, 2);
    expect(await variationCounters(db, variationId)).toEqual({
      onHand: 1,
      locked: 0,
      available: 1,
    });
    expect(await returnsOf(itemId)).toMatchObject([
      { status: "expected", source: "backmarket_refund_after_shipping", quantity: 2 },
    ]);
    // The marketplace keeps reporting the line refunded; a resync sees it again.
    await apply(ext, [{ sku, quantity: 2, status: "refunded" }]);
    await apply(ext, [{ sku, quantity: 2, status: "refunded" }]);
    expect(await returnsOf(itemId)).toHaveLength(1);
    expect(await variationCounters(db, variationId)).toEqual({
      onHand: 1,
      locked: 0,
      available: 1,
    });
    await expectInvariants();
  });

  it("a refund before shipping and an order first seen refunded create no return", async () => {
    const a = await setup(2);
    const before = await apply(a.ext, [{ sku: a.sku, status: "accepted" }]);
    await apply(a.ext, [{ sku: a.sku, status: "refunded" }]);
    expect(await returnsOf(before.items[0]?.orderItemId as number)).toEqual([]);
    const b = await setup(2);
    const first = await apply(b.ext, [{ sku: b.sku, status: "refunded" }]);
    expect(await returnsOf(first.items[0]?.orderItemId as number)).toEqual([]);
  });

  it("a return signal makes one return however often it is emitted; signals about one unit make one return", async () => {
    const s = await setup(2);
    await apply(s.ext, [{ sku: s.sku, status: "accepted" }]);
    const shipped = await apply(s.ext, [{ sku: s.sku, status: "shipped" }]);
    const itemId = shipped.items[0]?.orderItemId as number;
    const [order] = await queryRows<{ order_id: number }>(
      db,
      sql`select order_id from order_items where id = ${itemId}`,
    );
    const signal: ReturnSignalled = {
      type: "ReturnSignalled",
      orderId: order?.order_id as number,
      marketplaceId: mp,
      orderItemId: itemId,
      source: "backmarket_care_return",
      externalId: "4100001",
      note: "care folder 4100001: customer-to-merchant label",
    };
    for (let i = 0; i < 3; i++) {
      const result = await db.transaction((tx) => orderEventBus.emit(tx, [signal]));
      expect(result.returnsExpected).toBe(i === 0 ? 1 : 0);
    }
    // The line then shows refunded too: the same parcel, no second return.
    await apply(s.ext, [{ sku: s.sku, status: "refunded" }]);
    expect(await returnsOf(itemId)).toMatchObject([
      { status: "expected", source: "backmarket_care_return", quantity: 1 },
    ]);
    await expectInvariants();
  });

  it("receive → restock puts the units back once, with a ledger `return` row and a queued push", async () => {
    const { variationId, itemId } = await shippedThenRefunded(1);
    // The lock made the listing row; it shows 0 and has nothing to push.
    await db.execute(sql`update marketplace_stock set external_listing_id = 'L-1',
      last_pushed_quantity = 0, push_pending_since = null
      where marketplace_id = ${mp} and variation_id = ${variationId}`);
    const [ret] = await returnsOf(itemId);
    const id = ret?.id as number;
    await expect(performReturnAction(db, { kind: "restock", returnId: id }, staff)).rejects.toThrow(
      /expected: it cannot be restocked: receive it first/,
    );
    await performReturnAction(db, { kind: "receive", returnId: id }, staff);
    expect(await variationCounters(db, variationId)).toMatchObject({ onHand: 0 });
    const restocked = await performReturnAction(db, { kind: "restock", returnId: id }, staff);
    expect(restocked).toMatchObject({ status: "restocked", variationId, quantity: 1, onHand: 1 });
    expect(await variationCounters(db, variationId)).toEqual({
      onHand: 1,
      locked: 0,
      available: 1,
    });
    const ledger = await queryRows<{
      reason: string;
      on_hand_delta: number;
      order_item_id: number;
    }>(
      db,
      sql`select reason, on_hand_delta, order_item_id from stock_movements
          where variation_id = ${variationId} and reason = 'return'`,
    );
    expect(ledger).toEqual([{ reason: "return", on_hand_delta: 1, order_item_id: itemId }]);
    const [listing] = await queryRows<{ pending: boolean }>(
      db,
      sql`select push_pending_since is not null as pending from marketplace_stock
          where marketplace_id = ${mp} and variation_id = ${variationId}`,
    );
    expect(listing?.pending).toBe(true);
    await expect(performReturnAction(db, { kind: "restock", returnId: id }, staff)).rejects.toThrow(
      /return \d+ is restocked: it cannot be restocked/,
    );
    await expect(
      performReturnAction(db, { kind: "write_off", returnId: id, reason: "x" }, staff),
    ).rejects.toBeInstanceOf(AppError);
    expect(await variationCounters(db, variationId)).toMatchObject({ onHand: 1 });
    const audits = await queryRows<{ action: string; outcome: string }>(
      db,
      sql`select action, outcome from audit_log where target = ${`return:${id}`} order by id`,
    );
    expect(audits).toEqual([
      { action: "return.received", outcome: "succeeded" },
      { action: "return.restocked", outcome: "succeeded" },
    ]);
    await expectInvariants();
  });

  it("restocks as another SKU (a regrade): that variation's on_hand grows, the sold one's does not", async () => {
    const { variationId, itemId } = await shippedThenRefunded(1);
    const graded = await setup(0);
    const [ret] = await returnsOf(itemId);
    await performReturnAction(db, { kind: "receive", returnId: ret?.id as number }, staff);
    const result = await performReturnAction(
      db,
      { kind: "restock", returnId: ret?.id as number, asSku: graded.sku },
      staff,
    );
    expect(result).toMatchObject({ variationId: graded.variationId, sku: graded.sku });
    expect(await variationCounters(db, graded.variationId)).toMatchObject({ onHand: 1 });
    expect(await variationCounters(db, variationId)).toMatchObject({ onHand: 0 });
    await expect(
      performReturnAction(db, { kind: "restock", returnId: 999_999, asSku: "NOPE" }, staff),
    ).rejects.toThrow(/no variation has the SKU NOPE/);
    await expectInvariants();
  });

  it("write-off from expected needs a reason; afterwards a new signal or a manual return may expect the unit again", async () => {
    const { variationId, itemId } = await shippedThenRefunded(1);
    const [ret] = await returnsOf(itemId);
    await expect(
      performReturnAction(
        db,
        { kind: "write_off", returnId: ret?.id as number, reason: " " },
        staff,
      ),
    ).rejects.toThrow(/give a reason/);
    await performReturnAction(
      db,
      {
        kind: "write_off",
        returnId: ret?.id as number,
        reason: "never returned (customer kept it)",
      },
      staff,
    );
    await expect(
      performReturnAction(db, { kind: "create", orderItemId: itemId, quantity: 2 }, staff),
    ).resolves.toMatchObject({ status: "expected", quantity: 1 });
    await expect(
      performReturnAction(db, { kind: "create", orderItemId: itemId }, staff),
    ).rejects.toThrow(/already has returns for all its units/);
    expect(await returnsOf(itemId)).toMatchObject([
      { status: "written_off" },
      { status: "expected", source: "manual" },
    ]);
    expect(await variationCounters(db, variationId)).toMatchObject({ onHand: 0 });
    await expectInvariants();
  });

  it("a manual return is refused for a line that has not shipped", async () => {
    const s = await setup(2);
    const open = await apply(s.ext, [{ sku: s.sku, status: "accepted" }]);
    await expect(
      performReturnAction(
        db,
        { kind: "create", orderItemId: open.items[0]?.orderItemId as number },
        staff,
      ),
    ).rejects.toThrow(/is accepted: only a shipped line can come back/);
  });

  it("two restocks of one return racing on separate connections: exactly one succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const { variationId, itemId } = await shippedThenRefunded(1);
      const [ret] = await returnsOf(itemId);
      const id = ret?.id as number;
      await performReturnAction(db, { kind: "receive", returnId: id }, staff);
      const attempts = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          performReturnAction(db, { kind: "restock", returnId: id }, staff),
        ),
      );
      expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === "rejected") expect(String(attempt.reason)).toMatch(/is restocked/);
      }
      expect(await variationCounters(db, variationId)).toMatchObject({ onHand: 1 });
    }
    await expectInvariants();
  });

  it("signals about one unit racing on separate connections (care return, Refurbed-style return, staff): one return", async () => {
    for (let round = 0; round < 5; round++) {
      const s = await setup(1);
      await apply(s.ext, [{ sku: s.sku, status: "accepted" }]);
      const shipped = await apply(s.ext, [{ sku: s.sku, status: "shipped" }]);
      const itemId = shipped.items[0]?.orderItemId as number;
      const [row] = await queryRows<{ order_id: number }>(
        db,
        sql`select order_id from order_items where id = ${itemId}`,
      );
      const signal = (source: ReturnSignalled["source"], externalId: string): ReturnSignalled => ({
        type: "ReturnSignalled",
        orderId: row?.order_id as number,
        marketplaceId: mp,
        orderItemId: itemId,
        source,
        externalId,
        note: null,
      });
      const attempts = await Promise.allSettled([
        db.transaction((tx) => orderEventBus.emit(tx, [signal("backmarket_care_return", "F1")])),
        db.transaction((tx) => orderEventBus.emit(tx, [signal("backmarket_care_return", "F1")])),
        db.transaction((tx) => orderEventBus.emit(tx, [signal("refurbed_return", "R9")])),
        performReturnAction(db, { kind: "create", orderItemId: itemId }, staff),
      ]);
      expect(attempts.filter((a) => a.status === "rejected").length).toBeLessThanOrEqual(1);
      expect(await returnsOf(itemId)).toHaveLength(1);
    }
    await expectInvariants();
  });

  it("stock:check catches a restock outside the ledger and a ledger return without a restock", async () => {
    const { itemId } = await shippedThenRefunded(1);
    const [ret] = await returnsOf(itemId);
    await db.execute(sql`update stock_returns set status = 'restocked', received_at = now(),
      resolved_at = now(), restocked_variation_id = variation_id where id = ${ret?.id as number}`);
    const report = await checkStockInvariants(db);
    const broken = report.invariants.find((i) => i.name === "restocked_returns_in_ledger");
    expect(broken?.violations).toBe(1);
    await db.execute(sql`update stock_returns set status = 'expected', received_at = null,
      resolved_at = null, restocked_variation_id = null where id = ${ret?.id as number}`);
    await expectInvariants();
  });
});
