// Typed domain events and the contract of the bus that delivers them (lib/runtime builds it).
// Handlers run inside the emitter's transaction, and every emitted event is stored in
// domain_events in that same transaction: either the order change, its events and all their
// effects (locks, ledger, outbox) commit together, or none of them does. A handler answers the
// emitter with a typed result, which `emit` returns. Part of lib/domain: imports nothing of
// ours, so the transaction is a type parameter.
import type { ItemStatus, LockStatus, OrderStatus } from "./enums";
import type { ReturnSource } from "./returns";

/** An order line as the events carry it (after the upsert). */
export interface ItemSnapshot {
  orderItemId: number;
  externalId: string;
  sku: string;
  /** Null while the SKU maps to no variation ("unmapped"). */
  variationId: number | null;
  quantity: number;
  status: ItemStatus;
}

interface OrderRef {
  orderId: number;
  marketplaceId: number;
  externalId: string;
}

/** An order seen for the first time, with all its lines. */
export interface OrderCreated extends OrderRef {
  type: "OrderCreated";
  status: OrderStatus;
  items: ItemSnapshot[];
}

/** The order's derived status moved (for the timeline; stock follows the item-level event). */
export interface OrderStatusChanged extends OrderRef {
  type: "OrderStatusChanged";
  from: OrderStatus;
  to: OrderStatus;
  items: ItemSnapshot[];
}

/**
 * Lines of a known order that changed status, appeared (`from: null`), became mapped to a
 * variation (`mapped: true`), changed quantity (`quantityFrom`), or vanished from the
 * marketplace's order or came back (`vanished`).
 */
export interface OrderItemsChanged extends OrderRef {
  type: "OrderItemsChanged";
  changes: {
    item: ItemSnapshot;
    from: ItemStatus | null;
    mapped: boolean;
    quantityFrom?: number;
    vanished?: boolean;
  }[];
}

/** Unmapped lines of one order whose SKU now names a variation. */
export interface OrderItemsMapped {
  type: "OrderItemsMapped";
  orderId: number;
  variationId: number;
  sku: string;
  orderItemIds: number[];
}

/**
 * A marketplace says a shipped unit of this line is coming back (a care folder with a
 * customer-to-merchant return label, a Refurbed order-item return). An item that moves from
 * `shipped` to `refunded` is a signal too, read from OrderItemsChanged. lib/stock turns a
 * signal into one `expected` return; seeing the same signal again changes nothing.
 */
export interface ReturnSignalled {
  type: "ReturnSignalled";
  orderId: number;
  marketplaceId: number;
  orderItemId: number;
  source: ReturnSource;
  /** The marketplace's id of the signal (care folder id, return id): the dedup key. */
  externalId: string;
  /** What the signal said, for staff (state, reason, tracking). */
  note: string | null;
}

export type DomainEvent =
  | OrderCreated
  | OrderStatusChanged
  | OrderItemsChanged
  | OrderItemsMapped
  | ReturnSignalled;
export type DomainEventType = DomainEvent["type"];
export type EventOfType<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** What one item's lock looks like after the handlers ran. */
export interface ItemLockEffect {
  orderItemId: number;
  orderId: number;
  /** What the handlers did to the item's lock (null: nothing). */
  action: "lock" | "resize" | "consume" | "release" | null;
  lockId: number | null;
  lockStatus: LockStatus | null;
  /** The variation's available quantity after this change (null: unmapped). */
  available: number | null;
}

/** The caller's references, written to every ledger row the handlers cause. */
export interface EventRefs {
  syncRunId?: number;
  actor?: string;
}

/** What a handler did about the events of one emit, handed back to the emitter. */
export interface HandlerResult {
  locksCreated: number;
  locksConsumed: number;
  locksCancelled: number;
  /** Expected returns created from return signals (stock_returns). */
  returnsExpected: number;
  /** One entry per item whose lock the handler looked at (the last one wins for an item). */
  items: ItemLockEffect[];
}

/** What `emit` returns: the results of all handlers, added up. */
export type EmitResult = HandlerResult;

export function emptyHandlerResult(): HandlerResult {
  return { locksCreated: 0, locksConsumed: 0, locksCancelled: 0, returnsExpected: 0, items: [] };
}

/**
 * A subscriber gets every event of one emit at once (all the orders of a synced page), so it
 * can handle them set-based: one row-lock pass, one statement per table.
 */
export type EventHandler<Tx> = (
  tx: Tx,
  events: DomainEvent[],
  refs: EventRefs,
) => Promise<HandlerResult>;

export interface EventBus<Tx> {
  /** Stores the events, then runs the handlers one after another in the same transaction. */
  emit(tx: Tx, events: DomainEvent[], refs?: EventRefs): Promise<EmitResult>;
}
