// `stock:check --repair`: brings stock back in line with the lock rows, which are the truth.
// Every change is a ledger row (reason `reconcile`) and is reported back.
import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows, type Transaction } from "@/db/client";
import {
  marketplaceStock,
  marketplaceStockLocks,
  orderItems,
  stockMovements,
  variations,
} from "@/db/schema";
import { openItemStatuses, sqlList } from "@/db/schema/enums";
import { alias, bare, source } from "@/db/sql-names";
import type { EventBus } from "@/lib/domain/events";
import { availableSql, publishableSql } from "@/lib/domain/publishable";
import { applyStockPlan } from "./apply-stock-plan";
import { invariantQueries } from "./invariants";
import { reconcileItemLocks } from "./reconcile-items";
import { StockPlan } from "./stock-plan";
import { intArray, lockVariationsById } from "./variation-locks";
import { mapUnmappedItems } from "./variations";

export interface RepairChange {
  kind:
    | "consumed_quantity"
    | "item_mapped"
    | "lock_created"
    | "lock_consumed"
    | "lock_cancelled"
    | "marketplace_locked"
    | "variation_locked"
    | "ledger_corrected"
    | "push_queued"
    | "lock_totals_rebuilt";
  variationId?: number;
  marketplaceId?: number;
  from?: number;
  to?: number;
  count?: number;
  detail: string;
}

export interface RepairReport {
  changes: RepairChange[];
}

const REPAIR_ACTOR = "stock:check --repair";
const open = sql.raw(`(${sqlList(openItemStatuses)})`);

const oi = alias(orderItems, "oi");
const l = alias(marketplaceStockLocks, "l");
const v = alias(variations, "v");
const ms = alias(marketplaceStock, "ms");
const sm = alias(stockMovements, "sm");

/** Active lock units per (marketplace, variation), optionally of some variations only. */
function activeLockSums(variationIds?: SQL): SQL {
  const only = variationIds ? sql` and ${l.variationId} = any(${variationIds})` : sql``;
  return sql`(select ${l.marketplaceId} as marketplace_id, ${l.variationId} as variation_id,
      sum(${l.quantity})::int as locked
    from ${source(l)} where ${l.status} = 'locked'${only}
    group by ${l.marketplaceId}, ${l.variationId})`;
}

export async function repairStockCounters(
  db: Database,
  bus: EventBus<Transaction>,
): Promise<RepairReport> {
  return db.transaction(async (tx) => {
    const changes: RepairChange[] = [];
    const refs = { actor: REPAIR_ACTOR };

    const mapped = await mapUnmappedItems(tx, sql`true`, bus, refs);
    if (mapped.itemsMapped > 0) {
      changes.push({
        kind: "item_mapped",
        count: mapped.itemsMapped,
        detail: `${mapped.itemsMapped} unmapped item(s) mapped to their variation (${mapped.locksCreated} locked)`,
      });
    }

    // Items whose lock does not follow their status or quantity (a handler that never ran,
    // or code from before locks followed quantities and shipments after a release).
    const stale = await queryRows<{ id: number }>(
      tx,
      sql`select ${oi.id} as id from ${source(oi)}
          left join ${source(l)} on ${l.orderItemId} = ${oi.id}
          where ${oi.variationId} is not null
            and ((${oi.status} in ${open} and ${l.id} is null)
              or (${l.status} = 'locked' and ${oi.status} not in ${open})
              or (${l.status} = 'locked' and ${l.quantity} <> ${oi.quantity})
              or (${l.status} = 'cancelled' and ${oi.status} = 'shipped'))`,
    );
    const reconciled = await reconcileItemLocks(
      tx,
      stale.map((row) => row.id),
      refs,
    );
    for (const [kind, count] of [
      ["lock_created", reconciled.locksCreated],
      ["lock_consumed", reconciled.locksConsumed],
      ["lock_cancelled", reconciled.locksCancelled],
    ] as const) {
      if (count > 0) changes.push({ kind, count, detail: `${count} lock(s): ${kind.slice(5)}` });
    }

    changes.push(...(await repairConsumedQuantities(tx)));
    changes.push(...(await repairLockedCounters(tx)));
    changes.push(...(await correctLedger(tx)));
    changes.push(...(await queueStalePushes(tx)));
    changes.push(...(await rebuildLockTotals(tx)));
    return { changes };
  });
}

/** lock_totals recounted from the locks when they disagree (after the other repairs). */
async function rebuildLockTotals(tx: Transaction): Promise<RepairChange[]> {
  const { query } = invariantQueries.lock_totals_match_locks;
  const wrong = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (${query}) x`,
  );
  const groups = wrong[0]?.n ?? 0;
  if (groups === 0) return [];
  // One statement, one snapshot: changes committed later append their own rows on top.
  await tx.execute(sql`
    with cleared as (delete from lock_totals)
    insert into lock_totals (marketplace_id, status, locks, units)
    select marketplace_id, status, count(*), sum(quantity) from marketplace_stock_locks
    group by marketplace_id, status`);
  return [
    {
      kind: "lock_totals_rebuilt",
      count: groups,
      detail: `lock_totals recounted (${groups} marketplace/status group(s) disagreed)`,
    },
  ];
}

async function repairLockedCounters(tx: Transaction): Promise<RepairChange[]> {
  const drifted = () =>
    queryRows<{ variation_id: number }>(
      tx,
      sql`select ${v.id} as variation_id from ${source(v)}
          where ${v.lockedQuantity} <> coalesce((select sum(${l.quantity}) from ${source(l)}
            where ${l.variationId} = ${v.id} and ${l.status} = 'locked'), 0)
          union
          select coalesce(${ms.variationId}, a.variation_id) from ${source(ms)}
          full join ${activeLockSums()} a
            on a.marketplace_id = ${ms.marketplaceId} and a.variation_id = ${ms.variationId}
          where coalesce(${ms.lockedQuantity}, 0) <> coalesce(a.locked, 0)`,
    );
  const candidates = await drifted();
  if (candidates.length === 0) return [];
  const ids = candidates.map((row) => row.variation_id);
  const counters = await lockVariationsById(tx, ids);
  // Under the row locks the figures are final.
  const pairs = await queryRows<{
    variation_id: number;
    marketplace_id: number;
    counter: number;
    actual: number;
  }>(
    tx,
    sql`select coalesce(c.variation_id, a.variation_id) as variation_id,
          coalesce(c.marketplace_id, a.marketplace_id) as marketplace_id,
          coalesce(c.locked_quantity, 0) as counter, coalesce(a.locked, 0) as actual
        from (select ${ms.marketplaceId} as marketplace_id, ${ms.variationId} as variation_id,
            ${ms.lockedQuantity} as locked_quantity
          from ${source(ms)} where ${ms.variationId} = any(${intArray(ids)})) c
        full join ${activeLockSums(intArray(ids))} a
          on a.marketplace_id = c.marketplace_id and a.variation_id = c.variation_id`,
  );
  const plan = new StockPlan(counters, { actor: REPAIR_ACTOR });
  const changes: RepairChange[] = [];
  const actualByVariation = new Map<number, number>();
  for (const pair of pairs) {
    actualByVariation.set(
      pair.variation_id,
      (actualByVariation.get(pair.variation_id) ?? 0) + pair.actual,
    );
    if (pair.counter === pair.actual) continue;
    plan.adjustLocked(
      pair.variation_id,
      pair.marketplace_id,
      pair.actual - pair.counter,
      `marketplace ${pair.marketplace_id} locked ${pair.counter} → ${pair.actual}`,
    );
    changes.push({
      kind: "marketplace_locked",
      variationId: pair.variation_id,
      marketplaceId: pair.marketplace_id,
      from: pair.counter,
      to: pair.actual,
      detail: `marketplace_stock(${pair.marketplace_id}, ${pair.variation_id}).locked_quantity ${pair.counter} → ${pair.actual}`,
    });
  }
  for (const [variationId, current] of counters) {
    const before = current.locked; // already includes the marketplace adjustments above
    const actual = actualByVariation.get(variationId) ?? 0;
    if (before === actual) continue;
    plan.adjustLocked(variationId, null, actual - before, `locked ${before} → ${actual}`);
    changes.push({
      kind: "variation_locked",
      variationId,
      from: before,
      to: actual,
      detail: `variations(${variationId}).locked_quantity ${before} → ${actual}`,
    });
  }
  await applyStockPlan(tx, plan);
  return changes;
}

/**
 * Consumed locks whose units differ from their item's (a line that changed quantity while
 * earlier code did not follow it): the lock takes the item's quantity and on_hand moves by
 * the difference (more shipped than counted leaves on_hand; fewer comes back), in the ledger.
 */
async function repairConsumedQuantities(tx: Transaction): Promise<RepairChange[]> {
  const locks = await queryRows<ConsumedMismatch>(
    tx,
    sql`select ${l.id} as lock_id, ${l.orderItemId} as order_item_id,
          ${l.marketplaceId} as marketplace_id, ${l.variationId} as variation_id,
          ${l.quantity} as quantity, ${oi.quantity} as item_quantity
        from ${source(l)} join ${source(oi)} on ${oi.id} = ${l.orderItemId}
        where ${l.status} = 'consumed' and ${l.quantity} <> ${oi.quantity}`,
  );
  if (locks.length === 0) return [];
  const counters = await lockVariationsById(
    tx,
    locks.map((lock) => lock.variation_id),
  );
  const plan = new StockPlan(counters, { actor: REPAIR_ACTOR });
  for (const lock of locks) {
    plan.correctConsumed(
      {
        lockId: lock.lock_id,
        orderItemId: lock.order_item_id,
        marketplaceId: lock.marketplace_id,
        variationId: lock.variation_id,
        quantity: lock.quantity,
      },
      lock.item_quantity,
    );
  }
  await applyStockPlan(tx, plan);
  return locks.map((lock) => ({
    kind: "consumed_quantity",
    variationId: lock.variation_id,
    from: lock.quantity,
    to: lock.item_quantity,
    detail: `consumed lock ${lock.lock_id} ${lock.quantity} → ${lock.item_quantity} unit(s), as its item shipped`,
  }));
}

type ConsumedMismatch = {
  lock_id: number;
  order_item_id: number;
  marketplace_id: number;
  variation_id: number;
  quantity: number;
  item_quantity: number;
};

/** Adds a ledger-only row where the ledger's sums no longer add up to the counters. */
async function correctLedger(tx: Transaction): Promise<RepairChange[]> {
  const drift = await queryRows<{ variation_id: number }>(
    tx,
    sql`select ${v.id} as variation_id from ${source(v)}
        left join (select ${sm.variationId} as variation_id, sum(${sm.onHandDelta}) as on_hand,
            sum(${sm.lockedDelta}) as locked
          from ${source(sm)} group by ${sm.variationId}) s on s.variation_id = ${v.id}
        where ${v.onHand} <> coalesce(s.on_hand, 0)
          or ${v.lockedQuantity} <> coalesce(s.locked, 0)`,
  );
  if (drift.length === 0) return [];
  const ids = drift.map((row) => row.variation_id);
  const counters = await lockVariationsById(tx, ids);
  const sums = await queryRows<{ variation_id: number; on_hand: number; locked: number }>(
    tx,
    sql`select ${sm.variationId} as variation_id, sum(${sm.onHandDelta})::int as on_hand,
          sum(${sm.lockedDelta})::int as locked
        from ${source(sm)} where ${sm.variationId} = any(${intArray(ids)})
        group by ${sm.variationId}`,
  );
  const sumById = new Map(sums.map((row) => [row.variation_id, row]));
  const plan = new StockPlan(counters, { actor: REPAIR_ACTOR });
  const changes: RepairChange[] = [];
  for (const [variationId, current] of counters) {
    const ledger = sumById.get(variationId) ?? { on_hand: 0, locked: 0 };
    const onHandGap = current.onHand - ledger.on_hand;
    const lockedGap = current.locked - ledger.locked;
    if (onHandGap === 0 && lockedGap === 0) continue;
    const detail = `ledger of variation ${variationId} corrected by on_hand ${onHandGap}, locked ${lockedGap}`;
    plan.correctLedger(variationId, onHandGap, lockedGap, "ledger did not replay to the counters");
    changes.push({ kind: "ledger_corrected", variationId, detail });
  }
  await applyStockPlan(tx, plan);
  return changes;
}

/**
 * A listing whose last push is not its publishable quantity and that has no push pending (the
 * counters were just repaired, or a change outside this code): a push due now.
 */
async function queueStalePushes(tx: Transaction): Promise<RepairChange[]> {
  const publishable = publishableSql(
    availableSql({ onHand: v.onHand, locked: v.lockedQuantity }),
    ms,
  );
  const queued = await queryRows<{ variation_id: number; marketplace_id: number }>(
    tx,
    sql`update ${source(ms)} set ${bare(ms.pushPendingSince)} = now(),
          ${bare(ms.pushNextAttemptAt)} = now()
        from ${source(v)}
        where ${v.id} = ${ms.variationId} and ${ms.pushPendingSince} is null
          and ${ms.lastPushedQuantity} is not null and ${ms.lastPushedQuantity} <> ${publishable}
        returning ${ms.variationId} as variation_id, ${ms.marketplaceId} as marketplace_id`,
  );
  return queued.map((row) => ({
    kind: "push_queued",
    variationId: row.variation_id,
    marketplaceId: row.marketplace_id,
    detail: `listing of variation ${row.variation_id} on marketplace ${row.marketplace_id}: push queued (its last push is not publishable)`,
  }));
}
