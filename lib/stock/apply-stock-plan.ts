// Writes a StockPlan in one statement: new locks, lock changes, the counters
// (atomic `x = x + delta` under the row locks the plan was computed under), the ledger and
// the push outbox. One round trip keeps lock handling fast enough for bulk syncs.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
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
  const newLocks = plan.newLocks.map((lock) => ({
    order_item_id: lock.orderItemId,
    order_id: lock.orderId,
    marketplace_id: lock.marketplaceId,
    variation_id: lock.variationId,
    quantity: lock.quantity,
    flag: lock.flag ?? null,
  }));
  const lockChanges = plan.lockChanges();
  const updates = lockChanges.map((u) => ({
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
  // The touched variations as an array too: \`= any(…)\` lets the planner probe the indexes of
  // variations and marketplace_stock where a join on the JSON rows would scan them whole.
  const variationIds = intArray(variationChanges.map((change) => change.variation_id));
  const marketplaceDeltas = plan.marketplaceLockedDeltas().map((entry) => ({
    marketplace_id: entry.marketplaceId,
    variation_id: entry.variationId,
    delta: entry.delta,
  }));
  const movements = plan.movements.map((m, position) => ({
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

  const [row] = await queryRows<{
    locks_created: number;
    locks_changed: number;
    movements: number;
    pushes: number;
    new_lock_ids: [number, number][] | null;
  }>(
    tx,
    sql`
    with new_locks as (
      insert into marketplace_stock_locks
        (order_item_id, order_id, marketplace_id, variation_id, quantity, flag)
      select n.order_item_id, n.order_id, n.marketplace_id, n.variation_id, n.quantity, n.flag
      from ${jsonRows(newLocks, "n", "order_item_id int, order_id int, marketplace_id int, variation_id int, quantity int, flag text")}
      returning id, order_item_id
    ),
    -- Status, quantity and flag of existing locks, each only from the status the plan read.
    -- Who released a lock and why stays on it when its item ships afterwards.
    changed_locks as (
      update marketplace_stock_locks l set
        status = t.status,
        quantity = t.quantity,
        flag = case when t.keep_flag then l.flag else t.flag end,
        consumed_at = case when t.status = 'consumed' then coalesce(l.consumed_at, now()) end,
        released_at = case when t.status = 'cancelled' then coalesce(l.released_at, now()) end,
        release_reason = case when t.status = 'locked' then null
          when t.from_status = 'locked' then t.release_reason else l.release_reason end,
        released_by = case when t.status = 'locked' then null
          when t.from_status = 'locked' then t.released_by else l.released_by end
      from ${jsonRows(updates, "t", "lock_id int, from_status text, status text, quantity int, keep_flag boolean, flag text, release_reason text, released_by text")}
      where l.id = t.lock_id and l.status = t.from_status
      returning l.id
    ),
    -- Per touched variation: its deltas and its available quantity before and after.
    variation_changes as (
      select * from ${jsonRows(variationChanges, "c", "variation_id int, on_hand_delta int, locked_delta int, available_before int, available_after int")}
    ),
    variation_counters as (
      update variations v set
        on_hand = v.on_hand + c.on_hand_delta,
        locked_quantity = v.locked_quantity + c.locked_delta,
        updated_at = now()
      from variation_changes c
      where v.id = c.variation_id and v.id = any(${variationIds})
        and (c.on_hand_delta <> 0 or c.locked_delta <> 0)
      returning v.id
    ),
    marketplace_deltas as (
      select * from ${jsonRows(marketplaceDeltas, "d", "marketplace_id int, variation_id int, delta int")}
    ),
    -- The listings of the touched variations that change: the selling marketplace's locked
    -- counter moves by its delta, and a push is queued on every listing whose publishable
    -- quantity, max(0, available - buffer), really moved and that has none pending yet (a
    -- pending push sends whatever is publishable when it runs: coalesced).
    listing_changes as (
      select ms.id, d.delta, m.moved and ms.push_pending_since is null as queue
      from variation_changes c
      join marketplace_stock ms on ms.variation_id = c.variation_id
        and ms.variation_id = any(${variationIds})
      left join marketplace_deltas d
        on d.marketplace_id = ms.marketplace_id and d.variation_id = ms.variation_id
      cross join lateral (select greatest(0, c.available_before - ms.buffer)
        <> greatest(0, c.available_after - ms.buffer) as moved) m
      where d.delta is not null or (m.moved and ms.push_pending_since is null)
    ),
    listings as (
      update marketplace_stock ms set
        locked_quantity = ms.locked_quantity + coalesce(x.delta, 0),
        push_pending_since = case when x.queue then now() else ms.push_pending_since end,
        push_next_attempt_at = case when x.queue then now() else ms.push_next_attempt_at end
      from listing_changes x
      where ms.id = x.id and ms.variation_id = any(${variationIds})
      returning ms.marketplace_id, ms.variation_id, x.delta is not null as counted, x.queue
    ),
    -- A first lock on a marketplace that does not list the variation yet. (Inserted apart:
    -- INSERT … ON CONFLICT checks constraints on the proposed row, so a negative delta
    -- there would fail even when the row exists.) The pairs without a row are those the
    -- update above did not count, which spares a scan of marketplace_stock.
    marketplace_rows as (
      insert into marketplace_stock (marketplace_id, variation_id, locked_quantity)
      select d.marketplace_id, d.variation_id, d.delta from marketplace_deltas d
      where not exists (select 1 from listings l
        where l.counted and l.marketplace_id = d.marketplace_id and l.variation_id = d.variation_id)
      returning id
    ),
    ledger as (
      insert into stock_movements (variation_id, marketplace_id, reason, on_hand_delta,
        locked_delta, on_hand_after, locked_after, order_item_id, lock_id, sync_run_id, actor,
        note)
      select m.variation_id, m.marketplace_id, m.reason, m.on_hand_delta, m.locked_delta,
        m.on_hand_after, m.locked_after, m.order_item_id, coalesce(m.lock_id, nl.id),
        ${plan.refs.syncRunId ?? null}::int, m.actor, m.note
      from ${jsonRows(movements, "m", "variation_id int, marketplace_id int, reason text, on_hand_delta int, locked_delta int, on_hand_after int, locked_after int, order_item_id int, lock_id int, new_lock boolean, actor text, note text, position int")}
      left join new_locks nl on m.new_lock and nl.order_item_id = m.order_item_id
      order by m.position
      returning id
    )
    -- variation_counters and marketplace_rows run too: PostgreSQL executes every
    -- data-modifying CTE whether or not the final select reads it.
    select
      (select count(*) from new_locks)::int as locks_created,
      (select count(*) from changed_locks)::int as locks_changed,
      (select count(*) from ledger)::int as movements,
      (select count(*) from listings where queue)::int as pushes,
      (select json_agg(json_build_array(order_item_id, id)) from new_locks) as new_lock_ids`,
  );
  if (!row) throw new Error("applying the stock plan returned nothing");
  // The plan was computed under row locks, so a mismatch means a lock row changed without
  // its variation's lock: fail the transaction rather than leave counters that lie.
  if (row.locks_changed !== updates.length || row.locks_created !== newLocks.length) {
    throw new Error(
      `stock plan out of date: ${row.locks_changed}/${updates.length} lock changes, ` +
        `${row.locks_created}/${newLocks.length} new locks applied`,
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
