// lib/stock's subscription to order events. It runs in the emitter's transaction and hands
// every line the events of one emit name (a whole synced page at once) to the per-item
// reconciler, which decides from the rows as they are now: one row-lock pass over all the
// variations involved, in id order, and one write.
import type { DomainEvent, EventContext, EventHandler } from "@/lib/sync/events";
import {
  type ReconcileOutcome,
  type ReconcileTarget,
  reconcileOrderItems,
} from "./reconcile-items";

function record(context: EventContext, outcome: ReconcileOutcome): void {
  const effects = context.effects;
  effects.locksCreated += outcome.locksCreated;
  effects.locksConsumed += outcome.locksConsumed;
  effects.locksCancelled += outcome.locksCancelled;
  for (const item of outcome.items) effects.items.set(item.orderItemId, item);
}

/**
 * - OrderCreated: a new order's open, mapped lines are locked at once (final ones are only
 *   recorded).
 * - OrderItemsChanged: lines that changed status, appeared or got mapped are locked (open),
 *   consumed (shipped: on_hand drops) or released (cancelled/refunded before shipping).
 * - OrderItemsMapped: lines whose SKU just got a variation are locked if still open.
 * OrderStatusChanged needs nothing: stock follows the lines.
 */
export const reconcileStockOnOrderEvents: EventHandler = async (
  tx,
  events: DomainEvent[],
  context,
) => {
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
  if (targets.length === 0) return;
  record(context, await reconcileOrderItems(tx, targets, context));
};

export const stockEventHandlers: EventHandler[] = [reconcileStockOnOrderEvents];
