import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import {
  marketplaceStockLocks as locks,
  marketplaces,
  orderItems,
  orders,
  variations,
} from "@/db/schema";
import type { ItemStatus, LockFlag, LockStatus, OrderStatus } from "@/db/schema/enums";

export interface OrderItemWithLock {
  id: number;
  externalId: string;
  sku: string;
  name: string | null;
  variationId: number | null;
  variationSku: string | null;
  quantity: number;
  unitPrice: string | null;
  status: ItemStatus;
  marketplaceState: string;
  careId: string | null;
  lock: {
    id: number;
    quantity: number;
    status: LockStatus;
    createdAt: Date;
    consumedAt: Date | null;
    releasedAt: Date | null;
    releaseReason: string | null;
    releasedBy: string | null;
    flag: LockFlag | null;
  } | null;
}

export interface TimelineEntry {
  key: string;
  at: Date;
  kind: "event" | "movement";
  type: string;
  detail: string;
}

export interface OrderDetail {
  order: {
    id: number;
    externalId: string;
    marketplaceId: number;
    marketplaceCode: string;
    marketplaceName: string;
    status: OrderStatus;
    marketplaceState: string;
    customerName: string | null;
    shippingCountry: string | null;
    totalAmount: string | null;
    currency: string | null;
    labelUrl: string | null;
    deliveryNoteUrl: string | null;
    trackingNumber: string | null;
    orderedAt: Date;
    modifiedAt: Date | null;
    firstSeenAt: Date;
    lastSyncedAt: Date;
  };
  items: OrderItemWithLock[];
  timeline: TimelineEntry[];
}

/** An order with its items, each item's lock, and its timeline; null when there is none. */
export async function getOrderDetail(db: Executor, id: number): Promise<OrderDetail | null> {
  const [order] = await db
    .select({
      id: orders.id,
      externalId: orders.externalId,
      marketplaceId: orders.marketplaceId,
      marketplaceCode: marketplaces.code,
      marketplaceName: marketplaces.name,
      status: orders.status,
      marketplaceState: orders.marketplaceState,
      customerName: orders.customerName,
      shippingCountry: orders.shippingCountry,
      totalAmount: orders.totalAmount,
      currency: orders.currency,
      labelUrl: orders.labelUrl,
      deliveryNoteUrl: orders.deliveryNoteUrl,
      trackingNumber: orders.trackingNumber,
      orderedAt: orders.orderedAt,
      modifiedAt: orders.modifiedAt,
      firstSeenAt: orders.firstSeenAt,
      lastSyncedAt: orders.lastSyncedAt,
    })
    .from(orders)
    .innerJoin(marketplaces, eq(marketplaces.id, orders.marketplaceId))
    .where(eq(orders.id, id));
  if (!order) return null;

  const [itemRows, timeline] = await Promise.all([
    db
      .select({
        id: orderItems.id,
        externalId: orderItems.externalId,
        sku: orderItems.sku,
        name: orderItems.name,
        variationId: orderItems.variationId,
        variationSku: variations.sku,
        quantity: orderItems.quantity,
        unitPrice: orderItems.unitPrice,
        status: orderItems.status,
        marketplaceState: orderItems.marketplaceState,
        careId: orderItems.careId,
        lockId: locks.id,
        lockQuantity: locks.quantity,
        lockStatus: locks.status,
        lockCreatedAt: locks.createdAt,
        lockConsumedAt: locks.consumedAt,
        lockReleasedAt: locks.releasedAt,
        lockReleaseReason: locks.releaseReason,
        lockReleasedBy: locks.releasedBy,
        lockFlag: locks.flag,
      })
      .from(orderItems)
      .leftJoin(variations, eq(variations.id, orderItems.variationId))
      .leftJoin(locks, eq(locks.orderItemId, orderItems.id))
      .where(eq(orderItems.orderId, id))
      .orderBy(asc(orderItems.id)),
    orderTimeline(db, id),
  ]);

  const items: OrderItemWithLock[] = itemRows.map((row) => ({
    id: row.id,
    externalId: row.externalId,
    sku: row.sku,
    name: row.name,
    variationId: row.variationId,
    variationSku: row.variationSku,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    status: row.status,
    marketplaceState: row.marketplaceState,
    careId: row.careId,
    lock:
      row.lockId !== null && row.lockStatus !== null && row.lockCreatedAt !== null
        ? {
            id: row.lockId,
            quantity: row.lockQuantity ?? 0,
            status: row.lockStatus,
            createdAt: row.lockCreatedAt,
            consumedAt: row.lockConsumedAt,
            releasedAt: row.lockReleasedAt,
            releaseReason: row.lockReleaseReason,
            releasedBy: row.lockReleasedBy,
            flag: row.lockFlag,
          }
        : null,
  }));
  return { order, items, timeline };
}

/** Domain events of the order and the stock movements of its items, newest first. */
async function orderTimeline(db: Executor, orderId: number): Promise<TimelineEntry[]> {
  const rows = await queryRows<{
    key: string;
    at: string | Date;
    kind: "event" | "movement";
    type: string;
    detail: string;
  }>(
    db,
    sql`select 'e' || e.id as key, e.created_at as at, 'event' as kind, e.type,
               e.payload::text as detail
        from domain_events e where e.order_id = ${orderId}
        union all
        select 'm' || m.id, m.created_at, 'movement', m.reason,
               concat_ws(' · ', 'item ' || i.external_id,
                 case when m.locked_delta <> 0 then 'locked ' || to_char(m.locked_delta, 'FMSG999') end,
                 case when m.on_hand_delta <> 0 then 'on hand ' || to_char(m.on_hand_delta, 'FMSG999') end,
                 m.actor, m.note)
        from stock_movements m join order_items i on i.id = m.order_item_id
        where i.order_id = ${orderId}
        order by at desc, key desc
        limit 200`,
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at) }));
}
