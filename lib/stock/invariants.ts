// The stock invariants of DESIGN ("Stock rules"), each one SQL query that lists violations.
// Used by `npm run stock:check`, by tests, and before/after a repair.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { openItemStatuses, sqlList } from "@/db/schema/enums";
import { availableSql, listingRuleColumns, publishableSql } from "@/lib/domain/publishable";

export const invariantNames = [
  "marketplace_locked_matches_locks",
  "variation_locked_matches_locks",
  "counters_not_negative",
  "one_lock_per_item",
  "open_items_have_locks",
  "locks_follow_items",
  "lock_quantity_matches_item",
  "consumed_exactly_once",
  "unmapped_skus_unknown",
  "ledger_replays",
  "ledger_references",
  "listings_pushed_or_pending",
  "lock_totals_match_locks",
  "returns_follow_items",
  "returns_within_items",
  "restocked_returns_in_ledger",
] as const;
export type InvariantName = (typeof invariantNames)[number];

export interface InvariantResult {
  name: InvariantName;
  description: string;
  ok: boolean;
  violations: number;
  /** Up to EXAMPLE_LIMIT offending rows, as the query returns them. */
  examples: Record<string, unknown>[];
}

export interface StockInvariantReport {
  ok: boolean;
  checkedAt: string;
  invariants: InvariantResult[];
}

const EXAMPLE_LIMIT = 20;
const publishable = publishableSql(
  availableSql({ onHand: sql`v.on_hand`, locked: sql`v.locked_quantity` }),
  listingRuleColumns("ms"),
);
const open = sql.raw(`(${sqlList(openItemStatuses)})`);

/** Σ of active lock units per (marketplace, variation). */
const activeLocks = sql`
  select marketplace_id, variation_id, sum(quantity)::int as locked
  from marketplace_stock_locks where status = 'locked'
  group by marketplace_id, variation_id`;

export const invariantQueries: Record<InvariantName, { description: string; query: SQL }> = {
  marketplace_locked_matches_locks: {
    description: "marketplace_stock.locked_quantity equals the sum of its active locks",
    query: sql`
      select coalesce(ms.marketplace_id, a.marketplace_id) as marketplace_id,
        coalesce(ms.variation_id, a.variation_id) as variation_id,
        ms.locked_quantity as counter, coalesce(a.locked, 0) as active_locks
      from marketplace_stock ms
      full join (${activeLocks}) a
        on a.marketplace_id = ms.marketplace_id and a.variation_id = ms.variation_id
      where coalesce(ms.locked_quantity, -1) <> coalesce(a.locked, 0)`,
  },
  variation_locked_matches_locks: {
    description: "variations.locked_quantity equals the sum of the variation's active locks",
    query: sql`
      select v.id as variation_id, v.locked_quantity as counter,
        coalesce(a.locked, 0) as active_locks
      from variations v
      left join (select variation_id, sum(quantity)::int as locked
        from marketplace_stock_locks where status = 'locked' group by variation_id) a
        on a.variation_id = v.id
      where v.locked_quantity <> coalesce(a.locked, 0)`,
  },
  counters_not_negative: {
    description: "on_hand and every locked counter are ≥ 0",
    query: sql`
      select id as variation_id, null::int as marketplace_id, on_hand, locked_quantity
      from variations where on_hand < 0 or locked_quantity < 0
      union all
      select variation_id, marketplace_id, null, locked_quantity
      from marketplace_stock where locked_quantity < 0`,
  },
  one_lock_per_item: {
    description: "at most one lock per order item",
    query: sql`
      select order_item_id, count(*)::int as locks from marketplace_stock_locks
      group by order_item_id having count(*) > 1`,
  },
  open_items_have_locks: {
    description: "every open, mapped order item has a lock",
    query: sql`
      select oi.id as order_item_id, oi.order_id, oi.variation_id, oi.status
      from order_items oi
      left join marketplace_stock_locks l on l.order_item_id = oi.id
      where oi.variation_id is not null and oi.status in ${open} and l.id is null`,
  },
  locks_follow_items: {
    description:
      "a lock matches its item (order, marketplace, variation) and is not active on a shipped, cancelled or refunded item",
    query: sql`
      select l.id as lock_id, l.order_item_id, l.status as lock_status, oi.status as item_status
      from marketplace_stock_locks l
      join order_items oi on oi.id = l.order_item_id
      join orders o on o.id = oi.order_id
      where (l.status = 'locked' and oi.status not in ${open})
        or l.order_id <> oi.order_id or l.marketplace_id <> o.marketplace_id
        or oi.variation_id is distinct from l.variation_id`,
  },
  lock_quantity_matches_item: {
    description: "an active or consumed lock holds exactly its item's quantity",
    query: sql`
      select l.id as lock_id, l.order_item_id, l.status as lock_status,
        l.quantity as lock_quantity, oi.quantity as item_quantity
      from marketplace_stock_locks l
      join order_items oi on oi.id = l.order_item_id
      where l.status in ('locked', 'consumed') and l.quantity <> oi.quantity`,
  },
  consumed_exactly_once: {
    description:
      "a shipped item this system counted has a consumed lock, and a lock's units left on_hand at most once (one consume row per consumed lock, none for another)",
    query: sql`
      select l.id as lock_id, l.order_item_id, l.status as lock_status,
        oi.status as item_status, coalesce(c.consumes, 0) as consume_rows
      from marketplace_stock_locks l
      join order_items oi on oi.id = l.order_item_id
      left join (select lock_id, count(*)::int as consumes from stock_movements
        where reason = 'consume' and lock_id is not null group by lock_id) c on c.lock_id = l.id
      where (oi.status = 'shipped' and l.status = 'cancelled')
        or coalesce(c.consumes, 0) <> (case when l.status = 'consumed' then 1 else 0 end)`,
  },
  unmapped_skus_unknown: {
    description: "an unmapped order item's SKU names no variation (else it should be mapped)",
    query: sql`
      select oi.id as order_item_id, oi.sku, v.id as variation_id
      from order_items oi join variations v on v.sku = oi.sku
      where oi.variation_id is null`,
  },
  ledger_replays: {
    description:
      "per variation, the ledger's deltas sum to on_hand and locked_quantity, and its last row's quantities are today's",
    query: sql`
      with sums as materialized (
        select variation_id, sum(on_hand_delta)::int as on_hand, sum(locked_delta)::int as locked,
          max(id) as last_id
        from stock_movements group by variation_id
      )
      select v.id as variation_id, v.on_hand, v.locked_quantity,
        coalesce(s.on_hand, 0) as ledger_on_hand, coalesce(s.locked, 0) as ledger_locked,
        m.on_hand_after as last_on_hand_after, m.locked_after as last_locked_after
      from variations v
      left join sums s on s.variation_id = v.id
      left join stock_movements m on m.id = s.last_id
      where v.on_hand <> coalesce(s.on_hand, 0) or v.locked_quantity <> coalesce(s.locked, 0)
        or (m.id is not null
          and (m.on_hand_after <> v.on_hand or m.locked_after <> v.locked_quantity))`,
  },
  ledger_references: {
    description:
      "every marketplace, order item, lock and sync run a ledger row names exists, and a lock's row agrees with the lock (item, marketplace, variation)",
    query: sql`
      select m.id as movement_id, m.variation_id, m.marketplace_id, m.order_item_id, m.lock_id,
        m.sync_run_id
      from stock_movements m
      left join marketplaces mk on mk.id = m.marketplace_id
      left join order_items oi on oi.id = m.order_item_id
      left join marketplace_stock_locks l on l.id = m.lock_id
      left join sync_runs r on r.id = m.sync_run_id
      where (m.marketplace_id is not null and mk.id is null)
        or (m.order_item_id is not null and oi.id is null)
        or (m.sync_run_id is not null and r.id is null)
        or (m.lock_id is not null and (l.id is null
          or l.variation_id <> m.variation_id
          or l.order_item_id is distinct from m.order_item_id
          or l.marketplace_id is distinct from m.marketplace_id))`,
  },
  listings_pushed_or_pending: {
    description:
      "a listing whose last pushed quantity is not its publishable quantity (after stock or rule changes) has a push pending",
    query: sql`
      select ms.marketplace_id, ms.variation_id, ms.last_pushed_quantity,
        ${publishable} as publishable
      from marketplace_stock ms join variations v on v.id = ms.variation_id
      where ms.push_pending_since is null and ms.last_pushed_quantity is not null
        and ms.last_pushed_quantity <> ${publishable}`,
  },
  lock_totals_match_locks: {
    description:
      "lock_totals (the dashboard's lock counts) sums to the locks and units of every (marketplace, status)",
    query: sql`
      select coalesce(t.marketplace_id, l.marketplace_id) as marketplace_id,
        coalesce(t.status, l.status) as status, coalesce(t.locks, 0) as totals_locks,
        coalesce(l.locks, 0) as locks, coalesce(t.units, 0) as totals_units,
        coalesce(l.units, 0) as units
      from (select marketplace_id, status, sum(locks)::bigint as locks, sum(units)::bigint as units
            from lock_totals group by marketplace_id, status) t
      full join (select marketplace_id, status, count(*)::bigint as locks,
                   sum(quantity)::bigint as units
                 from marketplace_stock_locks group by marketplace_id, status) l
        on l.marketplace_id = t.marketplace_id and l.status = t.status
      where coalesce(t.locks, 0) <> coalesce(l.locks, 0)
        or coalesce(t.units, 0) <> coalesce(l.units, 0)`,
  },
  returns_follow_items: {
    description: "a return names its item's order and marketplace",
    query: sql`
      select r.id as return_id, r.order_item_id, r.order_id, r.marketplace_id, r.status
      from stock_returns r
      join order_items oi on oi.id = r.order_item_id
      join orders o on o.id = oi.order_id
      where r.order_id <> oi.order_id or r.marketplace_id <> o.marketplace_id`,
  },
  returns_within_items: {
    description: "the returns of a line that are not written off expect at most the units it sold",
    query: sql`
      select r.order_item_id, oi.quantity as item_quantity, sum(r.quantity)::int as returned
      from stock_returns r join order_items oi on oi.id = r.order_item_id
      where r.status <> 'written_off'
      group by r.order_item_id, oi.quantity
      having sum(r.quantity) > oi.quantity`,
  },
  restocked_returns_in_ledger: {
    description:
      "per line and variation, the units of restocked returns equal the ledger's return rows (a return never moves stock but by its restock, and only once)",
    query: sql`
      with restocked as (
        select order_item_id, restocked_variation_id as variation_id, sum(quantity)::int as units
        from stock_returns where status = 'restocked'
        group by order_item_id, restocked_variation_id
      ), ledger as (
        select order_item_id, variation_id, sum(on_hand_delta)::int as units, count(*)::int as rows
        from stock_movements where reason = 'return'
        group by order_item_id, variation_id
      )
      select coalesce(r.order_item_id, l.order_item_id) as order_item_id,
        coalesce(r.variation_id, l.variation_id) as variation_id,
        coalesce(r.units, 0) as restocked_units, coalesce(l.units, 0) as ledger_units
      from restocked r
      full join ledger l on l.order_item_id is not distinct from r.order_item_id
        and l.variation_id = r.variation_id
      where coalesce(r.units, 0) <> coalesce(l.units, 0)`,
  },
};

export async function checkStockInvariants(executor: Executor): Promise<StockInvariantReport> {
  // Every check reads whole tables: hash joins are right whatever the (possibly stale, e.g.
  // right after a bulk import) statistics say; a nested loop there can take hours.
  return executor.transaction(async (tx) => {
    await tx.execute(sql`set local enable_nestloop = off`);
    const invariants: InvariantResult[] = [];
    for (const name of invariantNames) {
      const { description, query } = invariantQueries[name];
      // One pass: the window count evaluates every violation, only the first examples travel.
      const rows = await queryRows<Record<string, unknown> & { violations__: number }>(
        tx,
        sql`select count(*) over ()::int as violations__, x.* from (${query}) x
            limit ${EXAMPLE_LIMIT}`,
      );
      const violations = rows[0]?.violations__ ?? 0;
      const examples = rows.map(({ violations__: _, ...example }) => example);
      invariants.push({ name, description, ok: violations === 0, violations, examples });
    }
    await tx.execute(sql`set local enable_nestloop = on`);
    return {
      ok: invariants.every((result) => result.ok),
      checkedAt: new Date().toISOString(),
      invariants,
    };
  });
}
