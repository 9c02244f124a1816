// The events one upserted order emits, decided from its stored rows before and after.
import type { OrderStatus } from "@/db/schema/enums";
import type { DomainEvent, ItemSnapshot } from "./events";
import type { NormalizedOrder } from "./normalized-order";
import type { StoredHead, StoredItem } from "./order-rows";

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

/**
 * A new order: OrderCreated with all its lines. A known one: OrderItemsChanged for lines that
 * changed status, appeared or got mapped, and OrderStatusChanged when its status moved.
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
  const changes = items
    .filter(
      (item) =>
        item.inInput &&
        (item.previousStatus === null || item.previousStatus !== item.status || item.newlyMapped),
    )
    .map((item) => ({
      item: snapshot(item),
      from: item.previousStatus,
      mapped: item.newlyMapped && item.previousStatus !== null,
    }));
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
