import "server-only";
import { count, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { marketplaces, orders } from "@/db/schema";
import type { OrderStatus } from "@/db/schema/enums";
import { unmappedOpenItemSql } from "@/lib/domain/attention";
import type { ListValues } from "@/lib/lists/define";
import type { orderList } from "@/lib/lists/orders";
import { incompleteOrderCondition } from "@/lib/sync/incomplete-order";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  likePattern,
  pageOffset,
} from "./table-query";

export interface OrderRow {
  id: number;
  externalId: string;
  marketplaceId: number;
  marketplaceCode: string;
  status: OrderStatus;
  marketplaceState: string;
  customerName: string | null;
  shippingCountry: string | null;
  totalAmount: string | null;
  currency: string | null;
  orderedAt: Date;
  modifiedAt: Date | null;
  hasLabel: boolean;
  hasDeliveryNote: boolean;
  items: number;
  units: number;
  lockedUnits: number;
}

export type OrderSearch = ListValues<typeof orderList>;

export interface OrderPage {
  rows: OrderRow[];
  total: number;
}

const orderFilterDefs: ListFilterSql<typeof orderList> = {
  marketplace: { kind: "in", expr: orders.marketplaceId },
  status: { kind: "in", expr: orders.status },
  from: { kind: "from", expr: orders.orderedAt },
  to: { kind: "to", expr: orders.orderedAt },
  incomplete: {
    kind: "where",
    build: () => incompleteOrderCondition(),
  },
  unmapped: {
    kind: "where",
    // The outer table named explicitly: the count query reads `orders` alone, where drizzle
    // would render a bare "id" that binds to order_items inside the subquery.
    build: () =>
      sql`exists (select 1 from order_items i where i.order_id = ${sql.identifier("orders")}.id
        and ${unmappedOpenItemSql({ variationId: sql`i.variation_id`, status: sql`i.status` })})`,
  },
  q: {
    kind: "where",
    build: (q) =>
      sql`(${orders.externalId} like ${likePattern(q, "prefix")} or lower(${orders.customerName}) like ${likePattern(q.toLowerCase(), "prefix")})`,
  },
};

const sortable: ListSortSql<typeof orderList> = {
  orderedAt: orders.orderedAt,
  modifiedAt: orders.modifiedAt,
  id: orders.id,
  totalAmount: orders.totalAmount,
};

function selectOrders(db: Executor, search: OrderSearch, limit: number, offset: number) {
  return db
    .select({
      id: orders.id,
      externalId: orders.externalId,
      marketplaceId: orders.marketplaceId,
      marketplaceCode: marketplaces.code,
      status: orders.status,
      marketplaceState: orders.marketplaceState,
      customerName: orders.customerName,
      shippingCountry: orders.shippingCountry,
      totalAmount: orders.totalAmount,
      currency: orders.currency,
      orderedAt: orders.orderedAt,
      modifiedAt: orders.modifiedAt,
      hasLabel: sql<boolean>`${orders.labelUrl} is not null`,
      hasDeliveryNote: sql<boolean>`${orders.deliveryNoteUrl} is not null`,
      items: sql<number>`(select count(*)::int from order_items i where i.order_id = ${orders.id})`,
      units: sql<number>`(select coalesce(sum(quantity), 0)::int from order_items i where i.order_id = ${orders.id})`,
      lockedUnits: sql<number>`(select coalesce(sum(quantity), 0)::int from marketplace_stock_locks l where l.order_id = ${orders.id} and l.status = 'locked')`,
    })
    .from(orders)
    .innerJoin(marketplaces, eq(marketplaces.id, orders.marketplaceId))
    .where(buildWhere(orderFilterDefs, search))
    .orderBy(...buildOrderBy(sortable, search.sort, orders.id))
    .limit(limit)
    .offset(offset);
}

export async function listOrders(db: Executor, search: OrderSearch): Promise<OrderPage> {
  const where = buildWhere(orderFilterDefs, search);
  const rowsQuery = selectOrders(
    db,
    search,
    search.perPage,
    pageOffset(search.page, search.perPage),
  );
  const [rows, total] = await Promise.all([rowsQuery, countOrdersWhere(db, where)]);
  return { rows, total };
}

/** How many orders match the filters (the list's total without its rows). */
export function countOrders(db: Executor, search: OrderSearch): Promise<number> {
  return countOrdersWhere(db, buildWhere(orderFilterDefs, search));
}

async function countOrdersWhere(db: Executor, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ total: count() }).from(orders).where(where);
  return row?.total ?? 0;
}

export function iterateOrders(db: Executor, search: OrderSearch): AsyncGenerator<OrderRow[]> {
  return batchesOf((limit, offset) => selectOrders(db, search, limit, offset));
}
