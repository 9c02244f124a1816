// The events one upserted order emits, decided from its stored rows before and after.
import type { OrderStatus } from "@/lib/domain/enums";
import type { DomainEvent, ItemSnapshot, OrderItemsChanged } from "@/lib/domain/events";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import type { StoredHead, StoredItem } from "./order-rows";

type OrderItemsChangedChange = OrderItemsChanged["changes"][number];

function snapshot(item: StoredItem): ItemSnapshot {
  return {
    orderItemId: item.orderItemId,
    externalId: item.externalId,
    sku: item.sku,
    variationId: item.variationId,
    quantity: item.quantity,
    status: item.status,
  };
}

/** What changed about a stored line in this upsert (null: nothing stock cares about). */
function lineChange(item: StoredItem): OrderItemsChangedChange | null {
  const vanishedMoved = item.vanished !== item.previouslyVanished;
  if (!item.inInput) {
    return vanishedMoved
      ? { item: snapshot(item), from: item.status, mapped: false, vanished: true }
      : null;
  }
  const quantityMoved = item.previousQuantity !== null && item.previousQuantity !== item.quantity;
  const statusMoved = item.previousStatus === null || item.previousStatus !== item.status;
  if (!statusMoved && !item.newlyMapped && !quantityMoved && !vanishedMoved) return null;
  return {
    item: snapshot(item),
    from: item.previousStatus,
    mapped: item.newlyMapped && item.previousStatus !== null,
    ...(quantityMoved ? { quantityFrom: item.previousQuantity as number } : {}),
    ...(vanishedMoved ? { vanished: false } : {}),
  };
}

/**
 * A new order: OrderCreated with all its lines. A known one: OrderItemsChanged for lines that
 * changed status or quantity, appeared, got mapped, vanished or came back, and
 * OrderStatusChanged when its status moved.
 */
export function orderEvents(
  order: NormalizedOrder,
  head: StoredHead,
  status: OrderStatus,
  items: StoredItem[],
): DomainEvent[] {
  const ref = {
    orderId: head.id,
    marketplaceId: order.marketplaceId,
    externalId: order.externalId,
  };
  if (head.created) {
    return [{ type: "OrderCreated", ...ref, status, items: items.map(snapshot) }];
  }
  const events: DomainEvent[] = [];
  const changes: OrderItemsChangedChange[] = [];
  for (const item of items) {
    const change = lineChange(item);
    if (change) changes.push(change);
  }
  if (changes.length > 0) events.push({ type: "OrderItemsChanged", ...ref, changes });
  if (status !== head.status) {
    events.push({
      type: "OrderStatusChanged",
      ...ref,
      from: head.status,
      to: status,
      items: items.map(snapshot),
    });
  }
  return events;
}
