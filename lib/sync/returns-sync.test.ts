// Return signals end to end: the simulator (driven through its control API) → the adapters →
// the sync → lib/stock, on real PostgreSQL. Each signal makes one expected return, replays
// make none, a return moves no stock until staff restock it, and the restock is pushed.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { drainPushOutbox } from "@/lib/runtime";
import { performReturnAction } from "@/lib/stock/returns";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { adapterOptions, createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const A = "IPH13-128-MID-A";
const B = "IPH13-256-BLU-B";

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [A]: 3, [B]: 0 });
});
afterEach(async () => {
  await world.close();
});

/** The simulator's control API, as a test in another process would drive it. */
async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${world.sim.url}/_simulator${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`control ${path}: ${JSON.stringify(json)}`);
  return json;
}

async function newOrder(channel: "backmarket" | "refurbed", sku = A) {
  const created = (await control("/orders", { channel, lines: [{ sku }] })) as {
    id: number;
    lineIds: number[];
  };
  return { id: created.id, lineId: created.lineIds[0] as number };
}

const advance = (channel: string, id: number, state: string) =>
  control(`/orders/${channel}/${id}/lines`, { state });

/** An order shipped and known to this system (its lock consumed). */
async function shippedOrder(channel: "backmarket" | "refurbed", code: string) {
  const order = await newOrder(channel);
  await world.sync("modified", code);
  await advance(channel, order.id, "accepted");
  await advance(channel, order.id, "shipped");
  await world.sync("modified", code);
  return order;
}

async function returns() {
  return queryRows<{
    id: number;
    item: string;
    source: string;
    status: string;
    external_id: string | null;
    quantity: number;
  }>(
    world.database.db,
    sql`select r.id, oi.external_id as item, r.source, r.status, r.external_id, r.quantity
        from stock_returns r join order_items oi on oi.id = r.order_item_id order by r.id`,
  );
}

async function onHand(sku: string): Promise<number> {
  const [row] = await queryRows<{ on_hand: number }>(
    world.database.db,
    sql`select on_hand from variations where sku = ${sku}`,
  );
  return row?.on_hand ?? -1;
}

describe("return signals through the simulator", () => {
  it("Back Market line state 6 (refunded after shipping) → one expected return; re-syncs add none", async () => {
    const order = await shippedOrder("backmarket", "bm-fr");
    expect(await onHand(A)).toBe(2);
    await advance("backmarket", order.id, "returned");
    await world.sync("modified", "bm-fr");
    await world.sync("modified", "bm-fr");
    expect(await returns()).toMatchObject([
      {
        item: String(order.lineId),
        source: "backmarket_refund_after_shipping",
        status: "expected",
        quantity: 1,
      },
    ]);
    expect(await onHand(A)).toBe(2);
    await expectStockInvariantsHold(world.database.db);
  });

  it("a shipment missed between two polls (accepted → state 6): the unit leaves stock once and is expected back", async () => {
    const bm = await newOrder("backmarket");
    const rf = await newOrder("refurbed");
    await world.sync("modified");
    for (const [channel, order] of [
      ["backmarket", bm],
      ["refurbed", rf],
    ] as const) {
      await advance(channel, order.id, "accepted");
    }
    await world.sync("modified");
    expect(await onHand(A)).toBe(3);
    // Shipped and refunded after shipping before the next poll.
    for (const [channel, order] of [
      ["backmarket", bm],
      ["refurbed", rf],
    ] as const) {
      await advance(channel, order.id, "shipped");
      await advance(channel, order.id, "returned");
    }
    await world.sync("modified");
    await world.sync("modified");
    const locks = await queryRows<{ status: string }>(
      world.database.db,
      sql`select status from marketplace_stock_locks order by id`,
    );
    expect(locks.map((lock) => lock.status)).toEqual(["consumed", "consumed"]);
    expect(await onHand(A)).toBe(1);
    expect((await returns()).map((r) => [r.item, r.source, r.status])).toEqual(
      expect.arrayContaining([
        [String(bm.lineId), "backmarket_refund_after_shipping", "expected"],
        [String(rf.lineId), "refurbed_return", "expected"],
      ]),
    );
    expect(await returns()).toHaveLength(2);
    await expectStockInvariantsHold(world.database.db);
  });

  it("a refund before shipping (accepted → state 5) frees the unit and expects nothing back", async () => {
    const order = await newOrder("backmarket");
    await world.sync("modified", "bm-fr");
    await advance("backmarket", order.id, "accepted");
    await world.sync("modified", "bm-fr");
    await advance("backmarket", order.id, "refunded");
    await world.sync("modified", "bm-fr");
    expect(await onHand(A)).toBe(3);
    expect(await returns()).toEqual([]);
    await expectStockInvariantsHold(world.database.db);
  });

  it("a care folder with a customer-to-merchant label → one return; other folders → none", async () => {
    const returning = await shippedOrder("backmarket", "bm-fr");
    const repaired = await shippedOrder("backmarket", "bm-fr");
    const closed = await shippedOrder("backmarket", "bm-fr");
    const folder = await control("/care", {
      orderLineId: returning.lineId,
      returnLabel: { kind: "CUSTOMER_TO_MERCHANT", state: "ALIVE" },
    });
    await control("/care", {
      orderLineId: repaired.lineId,
      returnLabel: { kind: "MERCHANT_TO_CUSTOMER" },
    });
    await control("/care", {
      orderLineId: closed.lineId,
      state: "closed",
      returnLabel: { kind: "CUSTOMER_TO_MERCHANT" },
    });
    const first = await world.sync("care", "bm-fr");
    expect(first.runs[0]).toMatchObject({ status: "succeeded" });
    await world.sync("care", "bm-fr");
    expect(await returns()).toMatchObject([
      {
        item: String(returning.lineId),
        source: "backmarket_care_return",
        external_id: String(folder.id),
        status: "expected",
      },
    ]);
    // The line then goes to state 6 as well: the same parcel, still one return.
    await advance("backmarket", returning.id, "returned");
    await world.sync("modified", "bm-fr");
    expect(await returns()).toHaveLength(1);
    await expectStockInvariantsHold(world.database.db);
  });

  it("Refurbed item RETURNED and its order-item return → one return; a return for another item → its own", async () => {
    const returned = await shippedOrder("refurbed", "rf");
    const listed = await shippedOrder("refurbed", "rf");
    await advance("refurbed", returned.id, "returned");
    await world.sync("modified", "rf");
    await control("/refurbed/returns", { orderLineId: returned.lineId, state: "IN_TRANSIT" });
    const entry = await control("/refurbed/returns", {
      orderLineId: listed.lineId,
      state: "INITIATED",
    });
    await world.sync("care", "rf");
    await control("/refurbed/returns", { orderLineId: listed.lineId, state: "DELIVERED" });
    await world.sync("care", "rf");
    await world.sync("modified", "rf");
    expect(await returns()).toMatchObject([
      { item: String(returned.lineId), source: "refurbed_return", status: "expected" },
      {
        item: String(listed.lineId),
        source: "refurbed_return",
        external_id: String(entry.id),
        status: "expected",
      },
    ]);
    expect(await onHand(A)).toBe(1);
    await expectStockInvariantsHold(world.database.db);
  });

  it("receive → restock adds the unit to on_hand once and pushes the new quantity to every marketplace", async () => {
    const order = await shippedOrder("backmarket", "bm-fr");
    await advance("backmarket", order.id, "returned");
    await world.sync("modified", "bm-fr");
    await drainPushOutbox(world.database.db, { adapterOptions });
    const [ret] = await returns();
    const staff = { name: "ops@example.com", email: "ops@example.com" };
    const { db } = world.database;
    await performReturnAction(db, { kind: "receive", returnId: ret?.id as number }, staff);
    expect(await onHand(A)).toBe(2);
    await performReturnAction(db, { kind: "restock", returnId: ret?.id as number }, staff);
    expect(await onHand(A)).toBe(3);
    world.sim.clearWrites();
    const pushed = await drainPushOutbox(db, { adapterOptions });
    expect(pushed.pushed).toBe(2);
    const listing = world.sim.store.listingBySku(A);
    expect(listing?.quantity).toBe(3);
    await expect(
      performReturnAction(db, { kind: "restock", returnId: ret?.id as number }, staff),
    ).rejects.toThrow(/is restocked/);
    expect(await onHand(A)).toBe(3);
    await expectStockInvariantsHold(db);
  });
});
