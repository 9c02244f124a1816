import "server-only";
import { count, eq, sql, sum } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { marketplaceStockLocks as locks, marketplaces, orders, variations } from "@/db/schema";
import type { LockFlag, LockStatus } from "@/db/schema/enums";
import { oversoldVariationSql, unmappedOpenItemSql } from "@/lib/domain/attention";
import type { ListValues } from "@/lib/lists/define";
import { lockList } from "@/lib/lists/stock-locks";
import { logger } from "@/lib/log";
import { compactLockTotals, readLockTotals } from "@/lib/stock/lock-totals";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export interface LockRow {
  id: number;
  orderId: number;
  orderExternalId: string;
  marketplaceId: number;
  marketplaceCode: string;
  variationId: number;
  sku: string;
  variationName: string;
  quantity: number;
  status: LockStatus;
  createdAt: Date;
  consumedAt: Date | null;
  releasedAt: Date | null;
  releaseReason: string | null;
  flag: LockFlag | null;
}

export type LockSearch = ListValues<typeof lockList>;

export interface LockPage {
  rows: LockRow[];
  total: number;
  /** Units across every matching lock (not just this page). */
  units: number;
}

function lockFilterDefs(staleBefore: Date): ListFilterSql<typeof lockList> {
  return {
    marketplace: { kind: "in", expr: locks.marketplaceId },
    status: { kind: "in", expr: locks.status },
    flag: { kind: "in", expr: locks.flag },
    variation: { kind: "eq", expr: locks.variationId },
    order: {
      kind: "where",
      build: (order) =>
        /^\d+$/.test(order) && Number(order) <= 2_147_483_647
          ? sql`(${locks.orderId} = ${Number(order)} or ${locks.orderId} in (select id from orders where external_id = ${order}))`
          : sql`${locks.orderId} in (select id from orders where external_id = ${order})`,
    },
    from: { kind: "from", expr: locks.createdAt },
    to: { kind: "to", expr: locks.createdAt },
    q: {
      kind: "where",
      // Order ids by prefix, variations by SKU or name anywhere (a small table); each side
      // resolves to an id array first so the locks are found through their indexes.
      build: (q) =>
        sql`(${locks.orderId} = any(array(select id from orders where external_id like ${likePattern(q, "prefix")}))
          or ${locks.variationId} = any(array(select id from variations where sku ilike ${likePattern(q, "contains")} or name ilike ${likePattern(q, "contains")})))`,
    },
    stale: {
      kind: "where",
      build: () =>
        sql`(${locks.status} = 'locked' and ${locks.createdAt} < ${staleBefore.toISOString()}::timestamptz)`,
    },
  };
}

const sortable: ListSortSql<typeof lockList> = {
  createdAt: locks.createdAt,
  quantity: locks.quantity,
  id: locks.id,
  consumedAt: locks.consumedAt,
  releasedAt: locks.releasedAt,
};

export function staleBefore(staleDays: number, now = new Date()): Date {
  return new Date(now.getTime() - staleDays * 86_400_000);
}

/** One page of locks matching the filters, with the total count and units. */
function selectLocks(
  db: Executor,
  search: LockSearch,
  staleDays: number,
  limit: number,
  offset: number,
) {
  return db
    .select({
      id: locks.id,
      orderId: locks.orderId,
      orderExternalId: orders.externalId,
      marketplaceId: locks.marketplaceId,
      marketplaceCode: marketplaces.code,
      variationId: locks.variationId,
      sku: variations.sku,
      variationName: variations.name,
      quantity: locks.quantity,
      status: locks.status,
      createdAt: locks.createdAt,
      consumedAt: locks.consumedAt,
      releasedAt: locks.releasedAt,
      releaseReason: locks.releaseReason,
      flag: locks.flag,
    })
    .from(locks)
    .innerJoin(orders, eq(orders.id, locks.orderId))
    .innerJoin(marketplaces, eq(marketplaces.id, locks.marketplaceId))
    .innerJoin(variations, eq(variations.id, locks.variationId))
    .where(buildWhere(lockFilterDefs(staleBefore(staleDays)), search))
    .orderBy(...buildOrderBy(sortable, search.sort, locks.id))
    .limit(limit)
    .offset(offset);
}

/** Filters lock_totals can answer (its groups): with no other filter set, no lock is scanned. */
const totalsFilters = new Set(["marketplace", "status"]);

/** Appended lock_totals rows a read tolerates before it folds them (a few ms at this size). */
const LOCK_TOTALS_COMPACT_AT = 500;

function answeredByLockTotals(search: LockSearch): boolean {
  return Object.keys(lockList.filters).every((id) => {
    const value = (search as Record<string, unknown>)[id];
    return totalsFilters.has(id) || value == null || (Array.isArray(value) && value.length === 0);
  });
}

/** Count and units of the matching locks: exact either way, from lock_totals when it can. */
/** How many locks match the filters, and their units (the list's totals without its rows). */
export async function countLocks(
  db: Executor,
  search: LockSearch,
  staleDays: number,
): Promise<{ total: number; units: number }> {
  if (answeredByLockTotals(search)) {
    const totals = await readLockTotals(db, {
      marketplaceIds: search.marketplace,
      statuses: search.status,
    });
    if (totals.rows > LOCK_TOTALS_COMPACT_AT) {
      await compactLockTotals(db).catch((error: unknown) =>
        logger.warn({ error }, "compacting lock_totals failed (the counts stay exact)"),
      );
    }
    return { total: totals.locks, units: totals.units };
  }
  const [totals] = await db
    .select({ total: count(), units: sum(locks.quantity) })
    .from(locks)
    .where(buildWhere(lockFilterDefs(staleBefore(staleDays)), search));
  return { total: totals?.total ?? 0, units: Number(totals?.units ?? 0) };
}

export async function listLocks(
  db: Executor,
  search: LockSearch,
  staleDays: number,
): Promise<LockPage> {
  const offset = pageOffset(search.page, search.perPage);
  const [rows, totals] = await Promise.all([
    selectLocks(db, search, staleDays, search.perPage, offset),
    countLocks(db, search, staleDays),
  ]);
  return { rows, ...totals };
}

/** Every matching lock in pages of `batchSize`, in the page's sort order (CSV export). */
export function iterateLocks(
  db: Executor,
  search: LockSearch,
  staleDays: number,
): AsyncGenerator<LockRow[]> {
  return batchesOf((limit, offset) => selectLocks(db, search, staleDays, limit, offset));
}

export interface LockSummary {
  activeLocks: number;
  unitsLocked: number;
  oldestActiveAt: Date | null;
  staleLocks: number;
  oversoldVariations: number;
  unmappedItems: number;
  /** Distinct SKUs of those items (one unmapped_sku alert each). */
  unmappedSkus: number;
  /** Active locks whose line the marketplace's order no longer lists. */
  vanishedLocks: number;
  /** Locks released (by staff or a cancellation) whose item shipped anyway. */
  shippedAfterRelease: number;
}

/** The summary cards of /v2/stock-locks (whole database, not the current filter). */
export async function lockSummary(db: Executor, staleDays: number): Promise<LockSummary> {
  const before = staleBefore(staleDays);
  const [active, oversold, unmapped, flagged] = await Promise.all([
    queryRows<{ locks: number; units: number | null; oldest: string | Date | null; stale: number }>(
      db,
      sql`select count(*)::int as locks, sum(quantity)::int as units, min(created_at) as oldest,
            (count(*) filter (where created_at < ${before.toISOString()}::timestamptz))::int as stale
          from marketplace_stock_locks where status = 'locked'`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from variations v
          where ${oversoldVariationSql({ onHand: sql`v.on_hand`, lockedQuantity: sql`v.locked_quantity` })}`,
    ),
    queryRows<{ n: number; skus: number }>(
      db,
      sql`select count(*)::int as n, count(distinct sku)::int as skus from order_items
          where ${unmappedOpenItemSql({ variationId: sql`variation_id`, status: sql`status` })}`,
    ),
    queryRows<{ vanished: number; shipped_after_release: number }>(
      db,
      sql`select (count(*) filter (where flag = 'item_vanished' and status = 'locked'))::int
            as vanished,
            (count(*) filter (where flag = 'shipped_after_release'))::int as shipped_after_release
          from marketplace_stock_locks where flag is not null`,
    ),
  ]);
  const row = active[0];
  return {
    activeLocks: row?.locks ?? 0,
    unitsLocked: row?.units ?? 0,
    oldestActiveAt: row?.oldest ? new Date(row.oldest) : null,
    staleLocks: row?.stale ?? 0,
    oversoldVariations: oversold[0]?.n ?? 0,
    unmappedItems: unmapped[0]?.n ?? 0,
    unmappedSkus: unmapped[0]?.skus ?? 0,
    vanishedLocks: flagged[0]?.vanished ?? 0,
    shippedAfterRelease: flagged[0]?.shipped_after_release ?? 0,
  };
}
