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
import type { TimelineEntry } from "@/lib/format/timeline";

export type { TimelineEntry } from "@/lib/format/timeline";

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

type TimelineRow = {
  key: string;
  at: string | Date;
  kind: "event" | "movement" | "audit";
  type: string;
  payload: unknown;
  item_external_id: string | null;
  sku: string | null;
  locked_delta: number | null;
  on_hand_delta: number | null;
  actor: string | null;
  note: string | null;
  outcome: string | null;
};

/**
 * Domain events of the order, the stock movements of its items and staff resyncs of it,
 * newest first (the 200 latest).
 */
async function orderTimeline(db: Executor, orderId: number): Promise<TimelineEntry[]> {
  const rows = await queryRows<TimelineRow>(
    db,
    sql`(select 'e' || e.id as key, e.created_at as at, 'event' as kind, e.type,
               e.payload, null::text as item_external_id, null::text as sku,
               null::int as locked_delta, null::int as on_hand_delta, null::text as actor,
               null::text as note, null::text as outcome
          from domain_events e where e.order_id = ${orderId}
          order by e.id desc limit 200)
        union all
        (select 'm' || m.id, m.created_at, 'movement', m.reason, null, i.external_id, v.sku,
               m.locked_delta, m.on_hand_delta, m.actor, m.note, null
          from stock_movements m
          join order_items i on i.id = m.order_item_id
          left join variations v on v.id = m.variation_id
          where i.order_id = ${orderId}
          order by m.id desc limit 200)
        union all
        (select 'a' || a.id, a.created_at, 'audit', a.action, a.result, null, null, null, null,
               a.actor_email, null, a.outcome
          from audit_log a
          where a.action = 'order.resynced' and a.target = ${`order:${orderId}`}
          order by a.id desc limit 50)
        order by at desc, key desc
        limit 200`,
  );
  return rows.map(toTimelineEntry);
}

function toTimelineEntry(row: TimelineRow): TimelineEntry {
  const at = new Date(row.at);
  if (row.kind === "movement") {
    return {
      key: row.key,
      at,
      kind: "movement",
      reason: row.type,
      itemExternalId: row.item_external_id,
      sku: row.sku,
      lockedDelta: row.locked_delta ?? 0,
      onHandDelta: row.on_hand_delta ?? 0,
      actor: row.actor,
      note: row.note,
    };
  }
  if (row.kind === "audit") {
    return {
      key: row.key,
      at,
      kind: "audit",
      action: row.type,
      actor: row.actor,
      outcome: row.outcome ?? "",
      result: jsonValue(row.payload),
    };
  }
  return { key: row.key, at, kind: "event", type: row.type, payload: jsonValue(row.payload) };
}

/** A jsonb value (a driver may hand it over as text). */
function jsonValue(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
