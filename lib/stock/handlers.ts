// lib/stock's subscription to order events. Every handler runs in the emitter's transaction
// and delegates to the per-item reconciler, which decides from the rows as they are now.
import type { EventContext, EventHandler, EventHandlers, OrderCreated } from "@/lib/sync/events";
import { lockNewOrderItems, type ReconcileOutcome, reconcileItemLocks } from "./reconcile-items";

function record(context: EventContext, outcome: ReconcileOutcome): void {
  const effects = context.effects;
  effects.locksCreated += outcome.locksCreated;
  effects.locksConsumed += outcome.locksConsumed;
  effects.locksCancelled += outcome.locksCancelled;
  for (const item of outcome.items) effects.items.set(item.orderItemId, item);
}

/** A new order's open, mapped lines are locked at once (final ones are only recorded). */
export const lockStockOnOrderCreated: EventHandler<"OrderCreated"> = async (tx, event, context) => {
  const outcome = await lockNewOrderItems(
    tx,
    event.items.map((item: OrderCreated["items"][number]) => ({
      orderItemId: item.orderItemId,
      orderId: event.orderId,
      marketplaceId: event.marketplaceId,
      variationId: item.variationId,
      quantity: item.quantity,
      status: item.status,
    })),
    context,
  );
  record(context, outcome);
};

/**
 * Lines that changed status, appeared or got mapped: lock (open), consume (shipped: on_hand
 * drops) or release (cancelled/refunded before shipping).
 */
export const followItemStatusChanges: EventHandler<"OrderItemsChanged"> = async (
  tx,
  event,
  context,
) => {
  const ids = event.changes.map((change) => change.item.orderItemId);
  record(context, await reconcileItemLocks(tx, ids, context));
};

/** Lines whose SKU just got a variation are locked if they are still open. */
export const lockStockOnItemsMapped: EventHandler<"OrderItemsMapped"> = async (
  tx,
  event,
  context,
) => {
  record(context, await reconcileItemLocks(tx, event.orderItemIds, context));
};

export const stockEventHandlers: EventHandlers = {
  OrderCreated: [lockStockOnOrderCreated],
  OrderItemsChanged: [followItemStatusChanges],
  OrderItemsMapped: [lockStockOnItemsMapped],
};
