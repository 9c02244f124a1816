// lib/stock's subscription to order events (lib/runtime subscribes it to the bus). It runs in
// the emitter's transaction and hands every line the events of one emit name (a whole synced
// page at once) to the per-item reconciler, which decides from the rows as they are now: one
// row-lock pass over all the variations involved, in id order, and one write. Its answer (what
// happened to each item's lock) is the handler's result, which the bus returns to the emitter.
import type { Transaction } from "@/db/client";
import {
  type DomainEvent,
  type EventHandler,
  emptyHandlerResult,
  type HandlerResult,
} from "@/lib/domain/events";
import { type ReconcileTarget, reconcileOrderItems } from "./reconcile-items";
import { expectReturnsOnEvents } from "./returns/on-events";

/**
 * - OrderCreated: a new order's open, mapped lines are locked at once (final ones are only
 *   recorded).
 * - OrderItemsChanged: lines that changed status, appeared or got mapped are locked (open),
 *   consumed (shipped: on_hand drops) or released (cancelled/refunded before shipping).
 * - OrderItemsMapped: lines whose SKU just got a variation are locked if still open.
 * OrderStatusChanged needs nothing: stock follows the lines.
 */
export const reconcileStockOnOrderEvents: EventHandler<Transaction> = async (
  tx,
  events: DomainEvent[],
  refs,
): Promise<HandlerResult> => {
  const targets: ReconcileTarget[] = [];
  for (const event of events) {
    if (event.type === "OrderCreated") {
      for (const item of event.items) {
        targets.push({
          orderItemId: item.orderItemId,
          inserted: {
            orderItemId: item.orderItemId,
            orderId: event.orderId,
            marketplaceId: event.marketplaceId,
            variationId: item.variationId,
            quantity: item.quantity,
            status: item.status,
          },
        });
      }
    } else if (event.type === "OrderItemsChanged") {
      for (const { item } of event.changes) targets.push({ orderItemId: item.orderItemId });
    } else if (event.type === "OrderItemsMapped") {
      for (const orderItemId of event.orderItemIds) targets.push({ orderItemId });
    }
  }
  if (targets.length === 0) return emptyHandlerResult();
  return { ...(await reconcileOrderItems(tx, targets, refs)), returnsExpected: 0 };
};

/** Locks first (they hold the variations' row locks), then returns (order items only). */
export const stockEventHandlers: EventHandler<Transaction>[] = [
  reconcileStockOnOrderEvents,
  expectReturnsOnEvents,
];
