// upsertOrders: writes a batch of marketplace-neutral orders and their lines, emits their
// events on the bus the caller hands in (lib/runtime's: lib/stock's handlers lock, consume or
// release in the same transaction and answer with what they did to each line's lock) — a
// handful of set-based statements for the whole batch, whatever its size. upsertOrder is its
// one-order case. Every sync type goes through it (a fetched page per transaction).
import type { Transaction } from "@/db/client";
import type { ItemStatus, LockStatus, OrderStatus } from "@/lib/domain/enums";
import type { DomainEvent, EventBus, ItemLockEffect } from "@/lib/domain/events";
import {
  deriveOrderStatus,
  type NormalizedOrder,
  normalizedOrderSchema,
} from "@/lib/domain/normalized-order";
import { AppError } from "@/lib/errors";
import { orderEvents } from "./order-events";
import {
  type StoredItem,
  updateOrderStatuses,
  upsertOrderHeads,
  upsertOrderLines,
} from "./order-rows";

export interface UpsertOrderOptions {
  /** Written to every ledger row this order causes. */
  syncRunId?: number;
  /** Where the order events go: lib/runtime's bus (stock handlers subscribed). */
  bus: EventBus<Transaction>;
}

export interface UpsertedItem {
  orderItemId: number;
  externalId: string;
  sku: string;
  variationId: number | null;
  /** False while the SKU names no variation: no lock, staff must map it. */
  mapped: boolean;
  status: ItemStatus;
  /** Null for a line seen for the first time. */
  previousStatus: ItemStatus | null;
  lockId: number | null;
  lockStatus: LockStatus | null;
  /** The variation's available quantity (on_hand − active locks) after this upsert. */
  available: number | null;
  /** available < 0: this line's variation is oversold (locked anyway). */
  oversold: boolean;
}

export interface UpsertOrderResult {
  orderId: number;
  created: boolean;
  /** Created, or anything stored about it changed (status, a line, documents, raw state). */
  changed: boolean;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  events: number;
  locksCreated: number;
  locksConsumed: number;
  locksCancelled: number;
  items: UpsertedItem[];
}

/** Upserts one order (see upsertOrders). */
export async function upsertOrder(
  tx: Transaction,
  input: NormalizedOrder,
  options: UpsertOrderOptions,
): Promise<UpsertOrderResult> {
  const [result] = await upsertOrders(tx, [input], options);
  if (!result) throw new Error(`upserting order ${input.externalId} returned no result`);
  return result;
}

/**
 * Upserts the orders and returns one result per order, in input order, each as if the orders
 * had been upserted one after another (an order seen twice is applied twice, in turn). Any
 * invalid order or failed statement fails the whole call: the caller's transaction is then
 * aborted, and it may retry the orders one by one to find the culprit.
 */
export async function upsertOrders(
  tx: Transaction,
  inputs: readonly NormalizedOrder[],
  options: UpsertOrderOptions,
): Promise<UpsertOrderResult[]> {
  const orders = inputs.map(parseOrder);
  const results: UpsertOrderResult[] = [];
  for (const chunk of withoutRepeats(orders)) {
    results.push(...(await upsertDistinctOrders(tx, chunk, options)));
  }
  return results;
}

/** Splits the batch where an order repeats (one statement cannot upsert a row twice). */
function withoutRepeats(orders: NormalizedOrder[]): NormalizedOrder[][] {
  const chunks: NormalizedOrder[][] = [];
  let chunk: NormalizedOrder[] = [];
  let keys = new Set<string>();
  for (const order of orders) {
    const key = `${order.marketplaceId}:${order.externalId}`;
    if (keys.has(key)) {
      chunks.push(chunk);
      chunk = [];
      keys = new Set();
    }
    chunk.push(order);
    keys.add(key);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

async function upsertDistinctOrders(
  tx: Transaction,
  orders: NormalizedOrder[],
  options: UpsertOrderOptions,
): Promise<UpsertOrderResult[]> {
  if (orders.length === 0) return [];
  const heads = await upsertOrderHeads(tx, orders);
  const lines = await upsertOrderLines(
    tx,
    orders,
    heads.map((head) => head.id),
  );

  const statusChanges: { id: number; status: OrderStatus }[] = [];
  const events: DomainEvent[] = [];
  const perOrder = orders.map((order, index) => {
    const head = heads[index] as (typeof heads)[number];
    const items = lines.get(head.id) ?? [];
    const status = deriveOrderStatus(items.map((item) => item.status));
    if (!head.created && status !== head.status) statusChanges.push({ id: head.id, status });
    const emitted = orderEvents(order, head, status, items);
    events.push(...emitted);
    return { head, items, status, events: emitted.length };
  });
  await updateOrderStatuses(tx, statusChanges);

  const emitted = await options.bus.emit(tx, events, { syncRunId: options.syncRunId });
  // The handlers' answer per item (the last one wins when an item was handled twice).
  const effects = new Map(emitted.items.map((item) => [item.orderItemId, item]));

  return perOrder.map(({ head, items, status, events: eventCount }) => {
    const counts = { locksCreated: 0, locksConsumed: 0, locksCancelled: 0 };
    for (const item of items) {
      const action = effects.get(item.orderItemId)?.action;
      if (action === "lock") counts.locksCreated++;
      else if (action === "consume") counts.locksConsumed++;
      else if (action === "release") counts.locksCancelled++;
    }
    return {
      orderId: head.id,
      created: head.created,
      changed: head.created || head.fieldsChanged || eventCount > 0,
      status,
      previousStatus: head.created ? null : head.status,
      events: eventCount,
      ...counts,
      items: items
        .filter((item) => item.inInput)
        .map((item) => resultItem(item, effects.get(item.orderItemId))),
    };
  });
}

function resultItem(item: StoredItem, effect: ItemLockEffect | undefined): UpsertedItem {
  const available = effect ? effect.available : item.available;
  return {
    orderItemId: item.orderItemId,
    externalId: item.externalId,
    sku: item.sku,
    variationId: item.variationId,
    mapped: item.variationId !== null,
    status: item.status,
    previousStatus: item.previousStatus,
    lockId: effect ? effect.lockId : item.lockId,
    lockStatus: effect ? effect.lockStatus : item.lockStatus,
    available,
    oversold: available !== null && available < 0,
  };
}

function parseOrder(input: NormalizedOrder): NormalizedOrder {
  const parsed = normalizedOrderSchema.safeParse(input);
  if (!parsed.success) {
    const where = typeof input?.externalId === "string" ? ` ${input.externalId}` : "";
    throw new AppError("bad_request", `invalid order${where}: ${parsed.error.message}`, {
      issues: parsed.error.issues,
    });
  }
  const seen = new Set<string>();
  for (const item of parsed.data.items) {
    if (seen.has(item.externalId)) {
      throw new AppError(
        "bad_request",
        `invalid order ${parsed.data.externalId}: line ${item.externalId} appears twice`,
      );
    }
    seen.add(item.externalId);
  }
  return parsed.data;
}
