// Typed domain events and the bus that delivers them. Handlers run inside the emitter's
// transaction, and every emitted event is stored in domain_events in that same transaction:
// either the order change, its events and all their effects (locks, ledger, outbox) commit
// together, or none of them does.
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import type { ItemStatus, LockStatus, OrderStatus } from "@/db/schema/enums";

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

export type DomainEvent = OrderCreated | OrderStatusChanged | OrderItemsChanged | OrderItemsMapped;
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

/**
 * Shared by the emitter and the handlers of one emit: the caller's references (written to
 * the ledger) in, the effects the emitter reports back out.
 */
export interface EventContext {
  syncRunId?: number;
  actor?: string;
  effects: {
    locksCreated: number;
    locksConsumed: number;
    locksCancelled: number;
    items: Map<number, ItemLockEffect>;
  };
}

export function newEventContext(refs: { syncRunId?: number; actor?: string } = {}): EventContext {
  return {
    ...refs,
    effects: { locksCreated: 0, locksConsumed: 0, locksCancelled: 0, items: new Map() },
  };
}

/**
 * A subscriber gets every event of one emit at once (all the orders of a synced page), so it
 * can handle them set-based: one row-lock pass, one statement per table.
 */
export type EventHandler = (
  tx: Transaction,
  events: DomainEvent[],
  context: EventContext,
) => Promise<void>;

export interface EventBus {
  /** Stores the events, then runs the handlers one after another in the same transaction. */
  emit(tx: Transaction, events: DomainEvent[], context: EventContext): Promise<void>;
}

export function createEventBus(handlers: EventHandler[]): EventBus {
  return {
    async emit(tx, events, context) {
      if (events.length === 0) return;
      await storeDomainEvents(tx, events);
      for (const handler of handlers) await handler(tx, events, context);
    },
  };
}

function eventOrderId(event: DomainEvent): number {
  return event.orderId;
}

/**
 * Appends events to domain_events. They are marked processed at once: their handlers run
 * in this transaction, so a stored event is a handled event.
 */
export async function storeDomainEvents(tx: Transaction, events: DomainEvent[]): Promise<void> {
  const rows = events.map((event) => ({
    type: event.type,
    order_id: eventOrderId(event),
    payload: event,
  }));
  await tx.execute(sql`
    insert into domain_events (type, order_id, payload, processed_at)
    select e.type, e.order_id, e.payload, now()
    from json_to_recordset(${JSON.stringify(rows)}::json)
      as e(type text, order_id int, payload jsonb)`);
}
