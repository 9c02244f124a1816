import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { marketplaces, marketplaceStock as ms, variations } from "@/db/schema";
import { alias, source } from "@/db/sql-names";
import { pushFailingSql, pushPendingSql } from "@/lib/domain/attention";
import { availableSql, publishableSql } from "@/lib/domain/publishable";
import type { MarketplaceLocks } from "@/lib/domain/publishable-explain";
import type { ListValues } from "@/lib/lists/define";
import type { listingList } from "@/lib/lists/listing";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export interface ListingRow {
  id: number;
  marketplaceId: number;
  marketplaceCode: string;
  variationId: number;
  sku: string;
  name: string;
  onHand: number;
  locked: number;
  lockedTotal: number;
  available: number;
  buffer: number;
  maxQuantity: number | null;
  sharePercent: number | null;
  zeroAtOrBelow: number | null;
  /** The variation's active locks per marketplace (each marketplace's counter, when not 0). */
  locks: MarketplaceLocks[];
  publishable: number;
  listed: number | null;
  drift: number | null;
  lastPushedQuantity: number | null;
  lastSyncedAt: Date | null;
  pendingPush: boolean;
  /** in_sync: nothing to push · pending: a push is queued · failing: queued, and its last attempt failed. */
  pushState: PushState;
  pushPendingSince: Date | null;
  pushAttempts: number;
  pushLastError: string | null;
}

export type ListingSearch = ListValues<typeof listingList>;

export type PushState = "in_sync" | "pending" | "failing";

export interface ListingPage {
  rows: ListingRow[];
  total: number;
}

// Σ locked units of each variation over every marketplace (the counters, not the lock rows).
function lockedTotals(db: Executor) {
  return db
    .select({
      variationId: ms.variationId,
      lockedTotal: sql<number>`sum(${ms.lockedQuantity})::int`.as("locked_total"),
    })
    .from(ms)
    .groupBy(ms.variationId)
    .as("totals");
}

type Totals = ReturnType<typeof lockedTotals>;

const other = alias(ms, "other_listing");
const otherMarketplace = alias(marketplaces, "other_marketplace");
/** Per marketplace, the units its open orders lock of the row's variation ("why this quantity"). */
const locksOfVariation = sql<MarketplaceLocks[]>`coalesce((
    select json_agg(json_build_object('marketplace', ${otherMarketplace.code},
      'locked', ${other.lockedQuantity}) order by ${otherMarketplace.code})
    from ${source(other)}
    join ${source(otherMarketplace)} on ${otherMarketplace.id} = ${other.marketplaceId}
    where ${other.variationId} = ${ms.variationId} and ${other.lockedQuantity} <> 0
  ), '[]'::json)`;
const pendingPushSql = pushPendingSql(ms);
const failingPushSql = pushFailingSql(ms);
/** A listing's PushState (one home: the listing table, its filter and the push history). */
export const pushStateSql = sql<PushState>`(case when ${failingPushSql} then 'failing'
  when ${pendingPushSql} then 'pending' else 'in_sync' end)`;

function expressions(totals: Totals) {
  const available = availableSql({ onHand: variations.onHand, locked: totals.lockedTotal });
  const publishable = publishableSql(available, ms);
  const drift = sql<number | null>`(${ms.listedQuantity} - ${publishable})`;
  return {
    available,
    publishable,
    drift,
    pendingPush: pendingPushSql,
    failingPush: failingPushSql,
    pushState: pushStateSql,
  };
}

function filterDefs(e: ReturnType<typeof expressions>): ListFilterSql<typeof listingList> {
  return {
    marketplace: { kind: "in", expr: ms.marketplaceId },
    variation: { kind: "eq", expr: ms.variationId },
    q: {
      kind: "where",
      build: (q) =>
        sql`(${variations.sku} ilike ${likePattern(q, "contains")} or ${variations.name} ilike ${likePattern(q, "contains")})`,
    },
    flag: {
      kind: "where",
      build: (flag) => {
        switch (flag) {
          case "oversold":
            return sql`${e.available} < 0`;
          case "drift":
            return sql`${e.drift} <> 0`;
          case "pending":
            return e.pendingPush;
          case "failing":
            return e.failingPush;
          case "locked":
            return sql`${ms.lockedQuantity} > 0`;
        }
      },
    },
  };
}

function selectListing(db: Executor, search: ListingSearch, limit: number, offset: number) {
  const totals = lockedTotals(db);
  const e = expressions(totals);
  const sortable: ListSortSql<typeof listingList> = {
    sku: variations.sku,
    onHand: variations.onHand,
    locked: ms.lockedQuantity,
    lockedTotal: sql`${totals.lockedTotal}`,
    available: e.available,
    publishable: e.publishable,
    listed: ms.listedQuantity,
    // Unlisted rows (no drift) sort after every real drift, in both directions.
    drift: sql`coalesce(abs(${e.drift}), -1)`,
  };
  return db
    .select({
      id: ms.id,
      marketplaceId: ms.marketplaceId,
      marketplaceCode: marketplaces.code,
      variationId: ms.variationId,
      sku: variations.sku,
      name: variations.name,
      onHand: variations.onHand,
      locked: ms.lockedQuantity,
      lockedTotal: totals.lockedTotal,
      available: e.available,
      buffer: ms.buffer,
      maxQuantity: ms.maxQuantity,
      sharePercent: ms.sharePercent,
      zeroAtOrBelow: ms.zeroAtOrBelow,
      locks: locksOfVariation,
      publishable: e.publishable,
      listed: ms.listedQuantity,
      drift: e.drift,
      lastPushedQuantity: ms.lastPushedQuantity,
      lastSyncedAt: ms.lastSyncedAt,
      pendingPush: e.pendingPush,
      pushState: e.pushState,
      pushPendingSince: ms.pushPendingSince,
      pushAttempts: ms.pushAttempts,
      pushLastError: ms.pushLastError,
    })
    .from(ms)
    .innerJoin(variations, eq(variations.id, ms.variationId))
    .innerJoin(marketplaces, eq(marketplaces.id, ms.marketplaceId))
    .innerJoin(totals, eq(totals.variationId, ms.variationId))
    .where(buildWhere(filterDefs(e), search))
    .orderBy(...buildOrderBy(sortable, search.sort, ms.id))
    .limit(limit)
    .offset(offset);
}

/** One page of variations × marketplaces with their stock figures. */
export async function listListing(db: Executor, search: ListingSearch): Promise<ListingPage> {
  const totals = lockedTotals(db);
  const where = buildWhere(filterDefs(expressions(totals)), search);
  const [rows, [totalRow]] = await Promise.all([
    selectListing(db, search, search.perPage, pageOffset(search.page, search.perPage)),
    db
      .select({ total: count() })
      .from(ms)
      .innerJoin(variations, eq(variations.id, ms.variationId))
      .innerJoin(totals, eq(totals.variationId, ms.variationId))
      .where(where),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

/**
 * The marketplace_stock ids that a page's filters match (for a bulk change of "every listing
 * this filter shows"): the same WHERE as the page and its count.
 */
export function listingIdsMatching(db: Executor, search: ListingSearch) {
  const totals = lockedTotals(db);
  return db
    .select({ id: ms.id })
    .from(ms)
    .innerJoin(variations, eq(variations.id, ms.variationId))
    .innerJoin(totals, eq(totals.variationId, ms.variationId))
    .where(buildWhere(filterDefs(expressions(totals)), search));
}

export function iterateListing(db: Executor, search: ListingSearch): AsyncGenerator<ListingRow[]> {
  return batchesOf((limit, offset) => selectListing(db, search, limit, offset));
}

/**
 * Failing pushes: listings with a push pending and at least one failed attempt (what
 * `/v2/listing?flag=failing` lists).
 */
export async function countFailingPushes(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ms).where(failingPushSql);
  return row?.n ?? 0;
}

/** Pending pushes, failing ones included (what `/v2/listing?flag=pending` lists). */
export async function countPendingPushes(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ms).where(pendingPushSql);
  return row?.n ?? 0;
}
