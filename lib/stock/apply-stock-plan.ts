// Writes a StockPlan in one statement: new locks, lock changes, the counters
// (atomic `x = x + delta` under the row locks the plan was computed under), the ledger and
// the push outbox. One round trip keeps lock handling fast enough for bulk syncs.
//
// The statement is built from one named part per data-modifying CTE (below); the JSON row
// sets they read come from planRows. Tables and columns are named through the schema.
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { listingRuleColumnsList, marketplaceDefaultRules } from "@/db/listing-defaults";
import {
  marketplaceStock,
  marketplaceStockLocks,
  marketplaces,
  stockMovements,
  variations,
} from "@/db/schema";
import { alias, bare, bareList, frozen, source } from "@/db/sql-names";
import { publishableSql } from "@/lib/domain/publishable";
import type { StockPlan } from "./stock-plan";
import { intArray } from "./variation-locks";

export interface AppliedStockPlan {
  locksCreated: number;
  locksChanged: number;
  movements: number;
  /** Listings (variation, marketplace) that got a push queued (none was pending). */
  pushesQueued: number;
  /** New lock id per order item. */
  newLockIds: Map<number, number>;
}

export async function applyStockPlan(tx: Transaction, plan: StockPlan): Promise<AppliedStockPlan> {
  if (plan.isEmpty()) {
    return {
      locksCreated: 0,
      locksChanged: 0,
      movements: 0,
      pushesQueued: 0,
      newLockIds: new Map(),
    };
  }
  const rows = planRows(plan);
  const [row] = await queryRows<AppliedRow>(tx, planStatement(rows, plan.refs.syncRunId));
  if (!row) throw new Error("applying the stock plan returned nothing");
  // The plan was computed under row locks, so a mismatch means a lock row changed without
  // its variation's lock: fail the transaction rather than leave counters that lie.
  if (row.locks_changed !== rows.updates.length || row.locks_created !== rows.newLocks.length) {
    throw new Error(
      `stock plan out of date: ${row.locks_changed}/${rows.updates.length} lock changes, ` +
        `${row.locks_created}/${rows.newLocks.length} new locks applied`,
    );
  }
  return {
    locksCreated: row.locks_created,
    locksChanged: row.locks_changed,
    movements: row.movements,
    pushesQueued: row.pushes,
    newLockIds: new Map(row.new_lock_ids ?? []),
  };
}

interface AppliedRow extends Record<string, unknown> {
  locks_created: number;
  locks_changed: number;
  movements: number;
  pushes: number;
  new_lock_ids: [number, number][] | null;
}

type PlanRows = ReturnType<typeof planRows>;

/** The plan as the JSON row sets the statement reads (one parameter each). */
function planRows(plan: StockPlan) {
  const newLocks = plan.newLocks.map((lock) => ({
    order_item_id: lock.orderItemId,
    order_id: lock.orderId,
    marketplace_id: lock.marketplaceId,
    variation_id: lock.variationId,
    quantity: lock.quantity,
    flag: lock.flag ?? null,
  }));
  const updates = plan.lockChanges().map((u) => ({
    lock_id: u.lockId,
    from_status: u.fromStatus,
    status: u.status,
    quantity: u.quantity,
    keep_flag: u.flag === undefined,
    flag: u.flag ?? null,
    release_reason: u.releaseReason,
    released_by: u.releasedBy,
  }));
  const variationChanges = plan.variationChanges().map((change) => ({
    variation_id: change.variationId,
    on_hand_delta: change.onHandDelta,
    locked_delta: change.lockedDelta,
    available_before: change.availableBefore,
    available_after: change.availableAfter,
  }));
  const marketplaceDeltas = plan.marketplaceLockedDeltas().map((entry) => ({
    marketplace_id: entry.marketplaceId,
    variation_id: entry.variationId,
    delta: entry.delta,
  }));
  return {
    newLocks,
    updates,
    variationChanges,
    // The touched variations as an array too: `= any(…)` lets the planner probe the indexes of
    // variations and marketplace_stock where a join on the JSON rows would scan them whole.
    variationIds: intArray(variationChanges.map((change) => change.variation_id)),
    marketplaceDeltas,
    movements: movementRows(plan),
  };
}

function movementRows(plan: StockPlan) {
  return plan.movements.map((m, position) => ({
    position,
    variation_id: m.variationId,
    marketplace_id: m.marketplaceId,
    reason: m.reason,
    on_hand_delta: m.onHandDelta,
    locked_delta: m.lockedDelta,
    on_hand_after: m.onHandAfter,
    locked_after: m.lockedAfter,
    order_item_id: m.orderItemId,
    lock_id: m.lockId,
    new_lock: m.newLock,
    actor: m.actor,
    note: m.note,
  }));
}

const locks = marketplaceStockLocks;
const l = alias(marketplaceStockLocks, "l");
const v = alias(variations, "v");
const ms = alias(marketplaceStock, "ms");
const mk = alias(marketplaces, "mk");
const ledger = stockMovements;

function planStatement(rows: PlanRows, syncRunId: number | null | undefined): SQL {
  return sql`
    with new_locks as (${insertNewLocks(rows)}),
    changed_locks as (${updateLocks(rows)}),
    variation_changes as (
      select * from ${jsonRows(rows.variationChanges, "c", "variation_id int, on_hand_delta int, locked_delta int, available_before int, available_after int")}
    ),
    variation_counters as (${updateVariationCounters(rows)}),
    marketplace_deltas as (
      select * from ${jsonRows(rows.marketplaceDeltas, "d", "marketplace_id int, variation_id int, delta int")}
    ),
    listing_changes as (${selectListingChanges(rows)}),
    listings as (${updateListings(rows)}),
    marketplace_rows as (${insertMarketplaceRows}),
    ledger as (${insertLedger(rows, syncRunId)})
    -- variation_counters and marketplace_rows run too: PostgreSQL executes every
    -- data-modifying CTE whether or not the final select reads it.
    select
      (select count(*) from new_locks)::int as locks_created,
      (select count(*) from changed_locks)::int as locks_changed,
      (select count(*) from ledger)::int as movements,
      (select count(*) from listings where queue)::int as pushes,
      (select json_agg(json_build_array(order_item_id, id)) from new_locks) as new_lock_ids`;
}

// Each part's text around its parameters is rendered once (frozen): only the JSON rows, the
// id array and the run id change from one plan to the next.

const newLocksHead = frozen(sql`
      insert into ${locks}
        ${bareList(locks.orderItemId, locks.orderId, locks.marketplaceId, locks.variationId, locks.quantity, locks.flag)}
      select n.order_item_id, n.order_id, n.marketplace_id, n.variation_id, n.quantity, n.flag
      from`);
const newLocksTail = frozen(
  sql`returning ${bare(locks.id)} as id, ${bare(locks.orderItemId)} as order_item_id`,
);

function insertNewLocks(rows: PlanRows): SQL {
  return sql`${newLocksHead} ${jsonRows(rows.newLocks, "n", "order_item_id int, order_id int, marketplace_id int, variation_id int, quantity int, flag text")} ${newLocksTail}`;
}

/**
 * Status, quantity and flag of existing locks, each only from the status the plan read.
 * Who released a lock and why stays on it when its item ships afterwards.
 */
const updateLocksHead = frozen(sql`
      update ${source(l)} set
        ${bare(l.status)} = t.status,
        ${bare(l.quantity)} = t.quantity,
        ${bare(l.flag)} = case when t.keep_flag then ${l.flag} else t.flag end,
        ${bare(l.consumedAt)} = case when t.status = 'consumed'
          then coalesce(${l.consumedAt}, now()) end,
        ${bare(l.releasedAt)} = case when t.status = 'cancelled'
          then coalesce(${l.releasedAt}, now()) end,
        ${bare(l.releaseReason)} = case when t.status = 'locked' then null
          when t.from_status = 'locked' then t.release_reason else ${l.releaseReason} end,
        ${bare(l.releasedBy)} = case when t.status = 'locked' then null
          when t.from_status = 'locked' then t.released_by else ${l.releasedBy} end
      from`);
const updateLocksTail = frozen(sql`
      where ${l.id} = t.lock_id and ${l.status} = t.from_status
      returning ${l.id}`);

function updateLocks(rows: PlanRows): SQL {
  return sql`${updateLocksHead} ${jsonRows(rows.updates, "t", "lock_id int, from_status text, status text, quantity int, keep_flag boolean, flag text, release_reason text, released_by text")} ${updateLocksTail}`;
}

/** Per touched variation: its deltas applied to its counters. */
const variationCountersHead = frozen(sql`
      update ${source(v)} set
        ${bare(v.onHand)} = ${v.onHand} + c.on_hand_delta,
        ${bare(v.lockedQuantity)} = ${v.lockedQuantity} + c.locked_delta,
        ${bare(v.updatedAt)} = now()
      from variation_changes c
      where ${v.id} = c.variation_id and ${v.id} = any(`);
const variationCountersTail = frozen(sql`)
        and (c.on_hand_delta <> 0 or c.locked_delta <> 0)
      returning ${v.id}`);

function updateVariationCounters(rows: PlanRows): SQL {
  return sql`${variationCountersHead}${rows.variationIds}${variationCountersTail}`;
}

/**
 * The listings of the touched variations that change: the selling marketplace's locked
 * counter moves by its delta, and a push is queued on every listing whose publishable
 * quantity really moved and that has none pending yet (a pending push sends whatever is
 * publishable when it runs: coalesced).
 */
const listingChangesHead = frozen(sql`
      select ${ms.id} as id, d.delta, m.moved and ${ms.pushPendingSince} is null as queue
      from variation_changes c
      join ${source(ms)} on ${ms.variationId} = c.variation_id
        and ${ms.variationId} = any(`);
const listingChangesTail = frozen(sql`)
      left join marketplace_deltas d
        on d.marketplace_id = ${ms.marketplaceId} and d.variation_id = ${ms.variationId}
      cross join lateral (select ${publishableSql(sql`c.available_before`, ms)}
        <> ${publishableSql(sql`c.available_after`, ms)} as moved) m
      where d.delta is not null or (m.moved and ${ms.pushPendingSince} is null)`);

function selectListingChanges(rows: PlanRows): SQL {
  return sql`${listingChangesHead}${rows.variationIds}${listingChangesTail}`;
}

const listingsHead = frozen(sql`
      update ${source(ms)} set
        ${bare(ms.lockedQuantity)} = ${ms.lockedQuantity} + coalesce(x.delta, 0),
        ${bare(ms.pushPendingSince)} = case when x.queue then now()
          else ${ms.pushPendingSince} end,
        ${bare(ms.pushNextAttemptAt)} = case when x.queue then now()
          else ${ms.pushNextAttemptAt} end
      from listing_changes x
      where ${ms.id} = x.id and ${ms.variationId} = any(`);
const listingsTail = frozen(sql`)
      returning ${ms.marketplaceId} as marketplace_id, ${ms.variationId} as variation_id,
        x.delta is not null as counted, x.queue`);

function updateListings(rows: PlanRows): SQL {
  return sql`${listingsHead}${rows.variationIds}${listingsTail}`;
}

/**
 * A first lock on a marketplace that does not list the variation yet: the new listing takes
 * the marketplace's default allocation rules. (Inserted apart:
 * INSERT … ON CONFLICT checks constraints on the proposed row, so a negative delta there
 * would fail even when the row exists.) The pairs without a row are those the update above
 * did not count, which spares a scan of marketplace_stock.
 */
const insertMarketplaceRows = frozen(sql`
      insert into ${marketplaceStock}
        (${bare(marketplaceStock.marketplaceId)}, ${bare(marketplaceStock.variationId)},
          ${bare(marketplaceStock.lockedQuantity)}, ${listingRuleColumnsList})
      select d.marketplace_id, d.variation_id, d.delta, ${marketplaceDefaultRules(mk)}
      from marketplace_deltas d join ${source(mk)} on ${mk.id} = d.marketplace_id
      where not exists (select 1 from listings x
        where x.counted and x.marketplace_id = d.marketplace_id
          and x.variation_id = d.variation_id)
      returning ${bare(marketplaceStock.id)}`);

const ledgerHead = frozen(sql`
      insert into ${ledger} ${bareList(ledger.variationId, ledger.marketplaceId, ledger.reason, ledger.onHandDelta, ledger.lockedDelta, ledger.onHandAfter, ledger.lockedAfter, ledger.orderItemId, ledger.lockId, ledger.syncRunId, ledger.actor, ledger.note)}
      select m.variation_id, m.marketplace_id, m.reason, m.on_hand_delta, m.locked_delta,
        m.on_hand_after, m.locked_after, m.order_item_id, coalesce(m.lock_id, nl.id),`);
const ledgerTail = frozen(sql`
      left join new_locks nl on m.new_lock and nl.order_item_id = m.order_item_id
      order by m.position
      returning ${bare(ledger.id)}`);

function insertLedger(rows: PlanRows, syncRunId: number | null | undefined): SQL {
  return sql`${ledgerHead} ${syncRunId ?? null}::int, m.actor, m.note
      from ${jsonRows(rows.movements, "m", "variation_id int, marketplace_id int, reason text, on_hand_delta int, locked_delta int, on_hand_after int, locked_after int, order_item_id int, lock_id int, new_lock boolean, actor text, note text, position int")}
      ${ledgerTail}`;
}
