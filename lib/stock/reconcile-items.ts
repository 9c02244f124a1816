// Brings order items' locks in line with the rules of lock-rules.ts: the items are read under
// their variations' row locks (one pass, in id order), planned in the order given, and the
// plan is written in one statement.
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { marketplaceStockLocks, marketplaces, orderItems, orders } from "@/db/schema";
import { alias, source } from "@/db/sql-names";
import type { ItemStatus, LockFlag, LockStatus } from "@/lib/domain/enums";
import { isRefundedAfterShipping } from "@/lib/domain/returns";
import { applyStockPlan } from "./apply-stock-plan";
import {
  type ItemLockState,
  isOpenStatus,
  type LockAction,
  lockActionFor,
  vanishedFlag,
} from "./lock-rules";
import { type PlanRefs, StockPlan } from "./stock-plan";
import { intArray, lockVariations, type VariationCounters } from "./variation-locks";

export interface ItemLockOutcome {
  orderItemId: number;
  orderId: number;
  action: LockAction;
  lockId: number | null;
  lockStatus: LockStatus | null;
  /**
   * The variation's available quantity right after this item's order was handled (null:
   * unmapped), so that in a batch an earlier order does not see a later order's locks.
   */
  available: number | null;
}

export interface ReconcileOutcome {
  locksCreated: number;
  locksConsumed: number;
  locksCancelled: number;
  items: ItemLockOutcome[];
}

/** Adds the action of one item to the plan (nothing for variations the plan does not hold). */
function planItem(plan: StockPlan, item: ItemLockState): LockAction {
  // An item mapped by another transaction after our row locks were taken: that
  // transaction holds the variation and locks it itself.
  if (item.variationId === null || !plan.holds(item.variationId)) return null;
  const action = lockActionFor(item);
  const { lock } = item;
  if (action === "lock") {
    plan.lock({
      orderItemId: item.orderItemId,
      orderId: item.orderId,
      marketplaceId: item.marketplaceId,
      variationId: item.variationId,
      quantity: item.quantity,
      flag: item.vanished ? "item_vanished" : null,
    });
    return action;
  }
  if (!lock) return action;
  const existing = {
    lockId: lock.id,
    orderItemId: item.orderItemId,
    marketplaceId: item.marketplaceId,
    variationId: item.variationId,
    quantity: lock.quantity,
    status: lock.status,
    flag: lock.flag,
  };
  if (action === "resize") plan.resize(existing, item.quantity);
  else if (action === "consume" && lock.status === "cancelled") {
    plan.consumeReleased(existing, item.quantity);
  } else if (action === "consume") plan.consume(existing, item.quantity);
  else if (action === "release") plan.release(existing);
  const flag = vanishedFlag(item);
  if (flag !== undefined) plan.flag(existing, flag);
  return action;
}

/** An item to plan, and whether it needs its variation's row lock (a stored line always). */
interface PlannedItem extends ItemLockState {
  needsVariation: boolean;
}

/**
 * Plans every item in the given order, then writes the plan in one statement. Items of one
 * order are planned together; their `available` is read right after their order, for the
 * variations that order needed (as if each order had been reconciled on its own).
 */
async function runPlan(
  tx: Transaction,
  plan: StockPlan,
  items: PlannedItem[],
): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = {
    locksCreated: 0,
    locksConsumed: 0,
    locksCancelled: 0,
    items: [],
  };
  let orderStart = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as PlannedItem;
    const action = planItem(plan, item);
    outcome.items.push({
      orderItemId: item.orderItemId,
      orderId: item.orderId,
      action,
      lockId: item.lock?.id ?? null,
      lockStatus: action === null ? (item.lock?.status ?? null) : lockStatusAfter[action],
      available: null,
    });
    if (items[index + 1]?.orderId === item.orderId) continue;
    // The order's lines are items[orderStart..index] (one to three, as a rule).
    for (let line = orderStart; line <= index; line++) {
      const { variationId } = items[line] as PlannedItem;
      const done = outcome.items[line];
      if (!done || variationId === null || !plan.holds(variationId)) continue;
      let needed = false;
      for (let other = orderStart; other <= index && !needed; other++) {
        const candidate = items[other] as PlannedItem;
        needed = candidate.needsVariation && candidate.variationId === variationId;
      }
      if (needed) done.available = plan.available(variationId);
    }
    orderStart = index + 1;
  }
  const applied = await applyStockPlan(tx, plan);
  for (const item of outcome.items) {
    if (item.action === "lock") {
      item.lockId = applied.newLockIds.get(item.orderItemId) ?? null;
      outcome.locksCreated++;
    } else if (item.action === "consume") outcome.locksConsumed++;
    else if (item.action === "release") outcome.locksCancelled++;
  }
  return outcome;
}

const lockStatusAfter = {
  lock: "locked",
  resize: "locked",
  consume: "consumed",
  release: "cancelled",
} as const;

/**
 * A line to reconcile: a line of an order this transaction just inserted comes with its state
 * (nobody else can see it yet, so it has no lock and needs no re-read); any other line by id
 * (read again under the row locks).
 */
export type ReconcileTarget =
  | { orderItemId: number; inserted: Omit<ItemLockState, "lock" | "vanished"> }
  | { orderItemId: number; inserted?: undefined };

/**
 * Brings the locks of these order items in line with their current status: one row-lock
 * pass over every variation involved (in id order), one read of the stored lines, one plan
 * in the order given (the first line gets the stock first), one write.
 */
export async function reconcileOrderItems(
  tx: Transaction,
  targets: readonly ReconcileTarget[],
  refs: PlanRefs = {},
): Promise<ReconcileOutcome> {
  const insertedVariationIds = new Set<number>();
  const storedIds = new Set<number>();
  for (const target of targets) {
    if (!target.inserted) storedIds.add(target.orderItemId);
    else if (target.inserted.variationId !== null && isOpenStatus(target.inserted.status)) {
      insertedVariationIds.add(target.inserted.variationId);
    }
  }
  let counters = new Map<number, VariationCounters>();
  let stored = new Map<number, ItemLockState>();
  if (insertedVariationIds.size > 0 || storedIds.size > 0) {
    const ids = intArray(storedIds);
    counters = await lockVariations(
      tx,
      storedIds.size === 0
        ? sql`select unnest(${intArray(insertedVariationIds)})`
        : sql`select unnest(${intArray(insertedVariationIds)})
              union select ${oi.variationId} from ${source(oi)}
              where ${oi.id} = any(${ids}) and ${oi.variationId} is not null`,
    );
    // Read after the row locks are granted: this statement sees every committed lock change.
    if (storedIds.size > 0) {
      const rows = await readItemLockStates(tx, ids);
      stored = new Map(rows.map((row) => [row.orderItemId, row]));
    }
  }
  const items: PlannedItem[] = [];
  const planned = new Set<number>();
  for (const target of targets) {
    if (planned.has(target.orderItemId)) continue;
    const { inserted } = target;
    const storedItem = inserted ? undefined : stored.get(target.orderItemId);
    if (inserted) {
      items.push({
        orderItemId: inserted.orderItemId,
        orderId: inserted.orderId,
        marketplaceId: inserted.marketplaceId,
        variationId: inserted.variationId,
        quantity: inserted.quantity,
        status: inserted.status,
        vanished: false,
        lock: null,
        needsVariation: isOpenStatus(inserted.status),
      });
    } else if (storedItem) {
      items.push({ ...storedItem, needsVariation: true });
    } else continue;
    planned.add(target.orderItemId);
  }
  return runPlan(tx, new StockPlan(counters, refs), items);
}

/** Brings the locks of these order items in line with their current status. */
export function reconcileItemLocks(
  tx: Transaction,
  orderItemIds: number[],
  refs: PlanRefs = {},
): Promise<ReconcileOutcome> {
  return reconcileOrderItems(
    tx,
    orderItemIds.map((orderItemId) => ({ orderItemId })),
    refs,
  );
}

const oi = alias(orderItems, "oi");
const o = alias(orders, "o");
const l = alias(marketplaceStockLocks, "l");
const m = alias(marketplaces, "m");

/** The order items with these ids (an int[] expression) and their locks, by item id. */
export async function readItemLockStates(
  tx: Transaction,
  orderItemIds: SQL,
): Promise<ItemLockState[]> {
  const rows = await queryRows<{
    order_item_id: number;
    order_id: number;
    marketplace_id: number;
    variation_id: number | null;
    quantity: number;
    status: ItemStatus;
    vanished: boolean;
    lock_id: number | null;
    lock_status: LockStatus | null;
    lock_quantity: number | null;
    lock_flag: LockFlag | null;
    marketplace_state: string;
    provider: string;
  }>(
    tx,
    sql`select ${oi.id} as order_item_id, ${oi.orderId} as order_id,
          ${o.marketplaceId} as marketplace_id, ${oi.variationId} as variation_id,
          ${oi.quantity} as quantity, ${oi.status} as status,
          ${oi.vanishedAt} is not null as vanished, ${l.id} as lock_id,
          ${l.status} as lock_status, ${l.quantity} as lock_quantity, ${l.flag} as lock_flag,
          ${oi.marketplaceState} as marketplace_state, ${m.provider} as provider
        from ${source(oi)}
        join ${source(o)} on ${o.id} = ${oi.orderId}
        join ${source(m)} on ${m.id} = ${o.marketplaceId}
        left join ${source(l)} on ${l.orderItemId} = ${oi.id}
        where ${oi.id} = any(${orderItemIds})
        order by ${oi.id}`,
  );
  return rows.map((row) => ({
    orderItemId: row.order_item_id,
    orderId: row.order_id,
    marketplaceId: row.marketplace_id,
    variationId: row.variation_id,
    quantity: row.quantity,
    status: row.status,
    vanished: row.vanished,
    refundedAfterShipping:
      row.status === "refunded" && isRefundedAfterShipping(row.provider, row.marketplace_state),
    lock:
      row.lock_id !== null && row.lock_status !== null && row.lock_quantity !== null
        ? {
            id: row.lock_id,
            status: row.lock_status,
            quantity: row.lock_quantity,
            flag: row.lock_flag,
          }
        : null,
  }));
}
