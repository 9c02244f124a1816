import "server-only";
import { count, eq, sql, sum } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Executor, queryRows } from "@/db/client";
import { marketplaces, orderItems, orders, stockReturns, variations } from "@/db/schema";
import {
  openReturnStatuses,
  type ReturnSource,
  type ReturnStatus,
  returnStatuses,
} from "@/lib/domain/returns";
import type { ListValues } from "@/lib/lists/define";
import type { returnList } from "@/lib/lists/returns";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export interface ReturnRow {
  id: number;
  orderId: number;
  orderExternalId: string;
  orderItemId: number;
  lineExternalId: string;
  marketplaceId: number;
  marketplaceCode: string;
  variationId: number | null;
  sku: string;
  variationName: string | null;
  quantity: number;
  status: ReturnStatus;
  source: ReturnSource;
  externalId: string | null;
  note: string | null;
  restockedSku: string | null;
  writeOffReason: string | null;
  createdAt: Date;
  receivedAt: Date | null;
  receivedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export type ReturnSearch = ListValues<typeof returnList>;

export interface ReturnPage {
  rows: ReturnRow[];
  total: number;
  units: number;
}

const r = stockReturns;
const restocked = alias(variations, "restocked_variation");

const filterDefs: ListFilterSql<typeof returnList> = {
  // No status chosen: the returns that wait for staff.
  status: { kind: "in", expr: r.status },
  marketplace: { kind: "in", expr: r.marketplaceId },
  source: { kind: "in", expr: r.source },
  from: { kind: "from", expr: r.createdAt },
  to: { kind: "to", expr: r.createdAt },
  q: {
    kind: "where",
    build: (q) =>
      sql`(${r.orderId} = any(array(select id from orders where external_id like ${likePattern(q, "prefix")}))
        or ${r.orderItemId} = any(array(select id from order_items where sku ilike ${likePattern(q, "contains")} or external_id = ${q}))
        or ${r.externalId} = ${q})`,
  },
};

function whereOf(search: ReturnSearch) {
  const status = search.status?.length ? search.status : [...openReturnStatuses];
  return buildWhere(filterDefs, { ...search, status });
}

const sortable: ListSortSql<typeof returnList> = {
  id: r.id,
  quantity: r.quantity,
  createdAt: r.createdAt,
  receivedAt: r.receivedAt,
  resolvedAt: r.resolvedAt,
};

function selectReturns(db: Executor, search: ReturnSearch, limit: number, offset: number) {
  return db
    .select({
      id: r.id,
      orderId: r.orderId,
      orderExternalId: orders.externalId,
      orderItemId: r.orderItemId,
      lineExternalId: orderItems.externalId,
      marketplaceId: r.marketplaceId,
      marketplaceCode: marketplaces.code,
      variationId: r.variationId,
      sku: orderItems.sku,
      variationName: variations.name,
      quantity: r.quantity,
      status: r.status,
      source: r.source,
      externalId: r.externalId,
      note: r.note,
      restockedSku: restocked.sku,
      writeOffReason: r.writeOffReason,
      createdAt: r.createdAt,
      receivedAt: r.receivedAt,
      receivedBy: r.receivedBy,
      resolvedAt: r.resolvedAt,
      resolvedBy: r.resolvedBy,
    })
    .from(r)
    .innerJoin(orders, eq(orders.id, r.orderId))
    .innerJoin(orderItems, eq(orderItems.id, r.orderItemId))
    .innerJoin(marketplaces, eq(marketplaces.id, r.marketplaceId))
    .leftJoin(variations, eq(variations.id, r.variationId))
    .leftJoin(restocked, eq(restocked.id, r.restockedVariationId))
    .where(whereOf(search))
    .orderBy(...buildOrderBy(sortable, search.sort, r.id))
    .limit(limit)
    .offset(offset);
}

export async function listReturns(db: Executor, search: ReturnSearch): Promise<ReturnPage> {
  const offset = pageOffset(search.page, search.perPage);
  const [rows, [totals]] = await Promise.all([
    selectReturns(db, search, search.perPage, offset),
    db
      .select({ total: count(), units: sum(r.quantity) })
      .from(r)
      .where(whereOf(search)),
  ]);
  return { rows, total: totals?.total ?? 0, units: Number(totals?.units ?? 0) };
}

/** Every matching return in the page's sort order (CSV export). */
export function iterateReturns(db: Executor, search: ReturnSearch): AsyncGenerator<ReturnRow[]> {
  return batchesOf((limit, offset) => selectReturns(db, search, limit, offset));
}

/** Returns and units per status, over the whole table (the page's summary cards). */
export async function returnCounts(
  db: Executor,
): Promise<Record<ReturnStatus, { returns: number; units: number }>> {
  const rows = await queryRows<{ status: ReturnStatus; returns: number; units: number }>(
    db,
    sql`select status, count(*)::int as returns, sum(quantity)::int as units
        from stock_returns group by status`,
  );
  const counts = Object.fromEntries(
    returnStatuses.map((status) => [status, { returns: 0, units: 0 }]),
  ) as Record<ReturnStatus, { returns: number; units: number }>;
  for (const row of rows) counts[row.status] = { returns: row.returns, units: row.units };
  return counts;
}

/** The returns of one order's lines (the order page). */
export async function returnsOfOrder(
  db: Executor,
  orderId: number,
): Promise<{ id: number; orderItemId: number; quantity: number; status: ReturnStatus }[]> {
  return db
    .select({ id: r.id, orderItemId: r.orderItemId, quantity: r.quantity, status: r.status })
    .from(r)
    .where(eq(r.orderId, orderId))
    .orderBy(r.id);
}
