// The one stock rule for order lines: a lock follows its item's status. It is decided from
// the item's current row and lock (read under the variation's row lock), never from the
// event that triggered it, so duplicated, reordered or concurrent events end the same way.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { type ItemStatus, type LockStatus, openItemStatuses, sqlList } from "@/db/schema/enums";
import { applyStockPlan } from "./apply-stock-plan";
import { type PlanRefs, StockPlan } from "./stock-plan";
import { intArray, lockVariations, lockVariationsById } from "./variation-locks";

export interface ItemLockState {
  orderItemId: number;
  orderId: number;
  marketplaceId: number;
  variationId: number | null;
  quantity: number;
  status: ItemStatus;
  lock: { id: number; status: LockStatus; quantity: number } | null;
}

export type LockAction = "lock" | "consume" | "release" | null;

const openStatuses: ReadonlySet<ItemStatus> = new Set(openItemStatuses);

export function isOpenStatus(status: ItemStatus): boolean {
  return openStatuses.has(status);
}

/**
 * What the lock of an item must do, from the DESIGN stock rules:
 * open item without lock → lock; shipped with an active lock → consume; cancelled/refunded
 * with an active lock → release. Unmapped items get nothing, and a consumed or cancelled lock
 * never moves again. A final item without a lock stays without (its units left before this
 * system counted them, or it was unmapped while open).
 */
export function lockActionFor(
  item: Pick<ItemLockState, "variationId" | "status" | "lock">,
): LockAction {
  if (item.variationId === null) return null;
  if (!item.lock) return isOpenStatus(item.status) ? "lock" : null;
  if (item.lock.status !== "locked") return null;
  if (item.status === "shipped") return "consume";
  if (item.status === "cancelled" || item.status === "refunded") return "release";
  return null;
}

export interface ItemLockOutcome {
  orderItemId: number;
  lockId: number | null;
  lockStatus: LockStatus | null;
  /** The variation's available quantity after the change (null: unmapped). */
  available: number | null;
}

export interface ReconcileOutcome {
  locksCreated: number;
  locksConsumed: number;
  locksCancelled: number;
  items: ItemLockOutcome[];
}

/** Adds the actions of these items to the plan; skips variations the plan does not hold. */
function planItems(plan: StockPlan, items: ItemLockState[]): Map<number, LockAction> {
  const actions = new Map<number, LockAction>();
  for (const item of items) {
    // An item mapped by another transaction after our row locks were taken: that
    // transaction holds the variation and locks it itself.
    if (item.variationId === null || !plan.holds(item.variationId)) continue;
    const action = lockActionFor(item);
    actions.set(item.orderItemId, action);
    const variationId = item.variationId;
    if (action === "lock") {
      plan.lock({
        orderItemId: item.orderItemId,
        orderId: item.orderId,
        marketplaceId: item.marketplaceId,
        variationId,
        quantity: item.quantity,
      });
    } else if (action && item.lock) {
      const active = {
        lockId: item.lock.id,
        orderItemId: item.orderItemId,
        marketplaceId: item.marketplaceId,
        variationId,
        quantity: item.lock.quantity,
      };
      if (action === "consume") plan.consume(active);
      else plan.release(active);
    }
  }
  return actions;
}

async function runPlan(
  tx: Transaction,
  plan: StockPlan,
  items: ItemLockState[],
): Promise<ReconcileOutcome> {
  const actions = planItems(plan, items);
  const applied = await applyStockPlan(tx, plan);
  const outcome: ReconcileOutcome = {
    locksCreated: 0,
    locksConsumed: 0,
    locksCancelled: 0,
    items: [],
  };
  for (const item of items) {
    const action = actions.get(item.orderItemId) ?? null;
    let lockId = item.lock?.id ?? null;
    let lockStatus = item.lock?.status ?? null;
    if (action === "lock") {
      lockId = applied.newLockIds.get(item.orderItemId) ?? null;
      lockStatus = "locked";
      outcome.locksCreated++;
    } else if (action === "consume") {
      lockStatus = "consumed";
      outcome.locksConsumed++;
    } else if (action === "release") {
      lockStatus = "cancelled";
      outcome.locksCancelled++;
    }
    const held = item.variationId !== null && plan.holds(item.variationId);
    outcome.items.push({
      orderItemId: item.orderItemId,
      lockId,
      lockStatus,
      available: held && item.variationId !== null ? plan.available(item.variationId) : null,
    });
  }
  return outcome;
}

/**
 * Locks the lines of an order that was just inserted in this transaction: nobody else can
 * see them yet, so they have no locks and need no re-read.
 */
export async function lockNewOrderItems(
  tx: Transaction,
  items: Omit<ItemLockState, "lock">[],
  refs: PlanRefs = {},
): Promise<ReconcileOutcome> {
  const variationIds = new Set<number>();
  for (const item of items) {
    if (item.variationId !== null && isOpenStatus(item.status)) variationIds.add(item.variationId);
  }
  const counters = variationIds.size > 0 ? await lockVariationsById(tx, variationIds) : new Map();
  const plan = new StockPlan(counters, refs);
  return runPlan(
    tx,
    plan,
    items.map((item) => ({ ...item, lock: null })),
  );
}

/** Brings the locks of these order items in line with their current status. */
export async function reconcileItemLocks(
  tx: Transaction,
  orderItemIds: number[],
  refs: PlanRefs = {},
): Promise<ReconcileOutcome> {
  if (orderItemIds.length === 0) {
    return { locksCreated: 0, locksConsumed: 0, locksCancelled: 0, items: [] };
  }
  const ids = intArray(orderItemIds);
  const counters = await lockVariations(
    tx,
    sql`select variation_id from order_items where id = any(${ids}) and variation_id is not null`,
  );
  // Read after the row locks are granted: this statement sees every committed lock change.
  const items = await readItemLockStates(tx, sql`oi.id = any(${ids})`);
  return runPlan(tx, new StockPlan(counters, refs), items);
}

/** Open, mapped items without any lock row (they should have one). */
export const missingLockCondition = sql.raw(
  `oi.variation_id is not null and oi.status in (${sqlList(openItemStatuses)}) and l.id is null`,
);

export async function readItemLockStates(
  tx: Transaction,
  where: ReturnType<typeof sql>,
): Promise<ItemLockState[]> {
  const rows = await queryRows<{
    order_item_id: number;
    order_id: number;
    marketplace_id: number;
    variation_id: number | null;
    quantity: number;
    status: ItemStatus;
    lock_id: number | null;
    lock_status: LockStatus | null;
    lock_quantity: number | null;
  }>(
    tx,
    sql`select oi.id as order_item_id, oi.order_id, o.marketplace_id, oi.variation_id,
          oi.quantity, oi.status, l.id as lock_id, l.status as lock_status,
          l.quantity as lock_quantity
        from order_items oi
        join orders o on o.id = oi.order_id
        left join marketplace_stock_locks l on l.order_item_id = oi.id
        where ${where}
        order by oi.id`,
  );
  return rows.map((row) => ({
    orderItemId: row.order_item_id,
    orderId: row.order_id,
    marketplaceId: row.marketplace_id,
    variationId: row.variation_id,
    quantity: row.quantity,
    status: row.status,
    lock:
      row.lock_id !== null && row.lock_status !== null && row.lock_quantity !== null
        ? { id: row.lock_id, status: row.lock_status, quantity: row.lock_quantity }
        : null,
  }));
}
