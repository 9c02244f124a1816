// The bus that delivers lib/domain events to their handlers: every emitted event is stored in
// domain_events, then each handler runs, in the emitter's transaction; their typed results are
// added up and returned to the emitter.
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  type DomainEvent,
  type EventBus,
  type EventHandler,
  emptyHandlerResult,
} from "@/lib/domain/events";

export function createEventBus(handlers: EventHandler<Transaction>[]): EventBus<Transaction> {
  return {
    async emit(tx, events, refs = {}) {
      const total = emptyHandlerResult();
      if (events.length === 0) return total;
      await storeDomainEvents(tx, events);
      for (const handler of handlers) {
        const result = await handler(tx, events, refs);
        total.locksCreated += result.locksCreated;
        total.locksConsumed += result.locksConsumed;
        total.locksCancelled += result.locksCancelled;
        total.returnsExpected += result.returnsExpected;
        total.items.push(...result.items);
      }
      return total;
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
