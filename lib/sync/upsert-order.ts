// upsertOrder: writes one marketplace-neutral order and its lines, emits the order events,
// and lets lib/stock's handlers lock, consume or release in the same transaction.
// Every sync type calls it once per fetched order inside its own transaction.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import type { ItemStatus, LockStatus, OrderStatus } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { jsonRows } from "@/lib/stock/json-rows";
import { setLockTimeout } from "@/lib/stock/variation-locks";
import { type DomainEvent, type EventBus, type ItemSnapshot, newEventContext } from "./events";
import { deriveOrderStatus, type NormalizedOrder, normalizedOrderSchema } from "./normalized-order";
import { orderEventBus } from "./order-event-bus";

export interface UpsertOrderOptions {
  /** Written to every ledger row this order causes. */
  syncRunId?: number;
  /** Defaults to the application's bus (stock handlers subscribed). */
  bus?: EventBus;
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

/** Statuses only move forward (a stale snapshot never reopens a line); finals may swap. */
const rank = (column: string) =>
  sql.raw(
    `(case ${column} when 'pending' then 0 when 'new' then 1 when 'accepted' then 2 else 3 end)`,
  );

export async function upsertOrder(
  tx: Transaction,
  input: NormalizedOrder,
  options: UpsertOrderOptions = {},
): Promise<UpsertOrderResult> {
  const order = parseOrder(input);
  await setLockTimeout(tx);

  const [head] = await queryRows<{
    id: number;
    created: boolean;
    status: OrderStatus;
    fields_changed: boolean;
  }>(
    tx,
    sql`
    with previous as (
      select label_url, delivery_note_url, tracking_number, marketplace_state
      from orders where marketplace_id = ${order.marketplaceId} and external_id = ${order.externalId}
    )
    insert into orders as o (marketplace_id, external_id, status, marketplace_state, currency,
      total_amount, customer_name, shipping_country, label_url, delivery_note_url,
      tracking_number, ordered_at, modified_at)
    values (${order.marketplaceId}, ${order.externalId},
      ${deriveOrderStatus(order.items.map((item) => item.status))}, ${order.marketplaceState},
      ${order.currency ?? null}, ${order.totalAmount ?? null}::numeric,
      ${order.customerName ?? null}, ${order.shippingCountry ?? null}, ${order.labelUrl ?? null},
      ${order.deliveryNoteUrl ?? null}, ${order.trackingNumber ?? null},
      ${order.orderedAt.toISOString()}::timestamptz,
      ${order.modifiedAt?.toISOString() ?? null}::timestamptz)
    on conflict (marketplace_id, external_id) do update set
      -- An older snapshot (by modification date) never overwrites a newer raw state.
      marketplace_state = case when o.modified_at is null or excluded.modified_at is null
        or excluded.modified_at >= o.modified_at
        then excluded.marketplace_state else o.marketplace_state end,
      modified_at = greatest(o.modified_at, excluded.modified_at),
      currency = coalesce(excluded.currency, o.currency),
      total_amount = coalesce(excluded.total_amount, o.total_amount),
      customer_name = coalesce(excluded.customer_name, o.customer_name),
      shipping_country = coalesce(excluded.shipping_country, o.shipping_country),
      label_url = coalesce(excluded.label_url, o.label_url),
      delivery_note_url = coalesce(excluded.delivery_note_url, o.delivery_note_url),
      tracking_number = coalesce(excluded.tracking_number, o.tracking_number),
      last_synced_at = now()
    returning o.id, (o.xmax = 0) as created, o.status,
      not exists (select 1 from previous p
        where p.label_url is not distinct from o.label_url
          and p.delivery_note_url is not distinct from o.delivery_note_url
          and p.tracking_number is not distinct from o.tracking_number
          and p.marketplace_state is not distinct from o.marketplace_state) as fields_changed`,
  );
  if (!head) throw new Error(`upserting order ${order.externalId} returned no row`);

  const items = await upsertItems(tx, head.id, order);
  const status = deriveOrderStatus(items.map((item) => item.status));
  if (!head.created && status !== head.status) {
    await tx.execute(sql`update orders set status = ${status} where id = ${head.id}`);
  }

  const events = orderEvents(order, head, status, items);
  const context = newEventContext({ syncRunId: options.syncRunId });
  await (options.bus ?? orderEventBus).emit(tx, events, context);

  const resultItems: UpsertedItem[] = items
    .filter((item) => item.inInput)
    .map((item) => {
      const effect = context.effects.items.get(item.orderItemId);
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
    });

  return {
    orderId: head.id,
    created: head.created,
    changed: head.created || head.fields_changed || events.length > 0,
    status,
    previousStatus: head.created ? null : head.status,
    events: events.length,
    locksCreated: context.effects.locksCreated,
    locksConsumed: context.effects.locksConsumed,
    locksCancelled: context.effects.locksCancelled,
    items: resultItems,
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

interface StoredItem extends ItemSnapshot {
  previousStatus: ItemStatus | null;
  /** Got its variation in this upsert (was unmapped before). */
  newlyMapped: boolean;
  /** Part of this snapshot (false: a stored line the marketplace no longer lists). */
  inInput: boolean;
  lockId: number | null;
  lockStatus: LockStatus | null;
  available: number | null;
}

/** Upserts the lines (SKU resolved to a variation) and returns every line of the order. */
async function upsertItems(
  tx: Transaction,
  orderId: number,
  order: NormalizedOrder,
): Promise<StoredItem[]> {
  const lines = order.items.map((item) => ({
    external_id: item.externalId,
    sku: item.sku,
    name: item.name ?? null,
    quantity: item.quantity,
    unit_price: item.unitPrice ?? null,
    status: item.status,
    marketplace_state: item.marketplaceState,
    care_id: item.careId ?? null,
  }));
  const rows = await queryRows<{
    order_item_id: number;
    external_id: string;
    sku: string;
    variation_id: number | null;
    previous_variation_id: number | null;
    quantity: number;
    status: ItemStatus;
    previous_status: ItemStatus | null;
    in_input: boolean;
    lock_id: number | null;
    lock_status: LockStatus | null;
    available: number | null;
  }>(
    tx,
    sql`
    with input as (
      select * from ${jsonRows(lines, "i", "external_id text, sku text, name text, quantity int, unit_price numeric, status text, marketplace_state text, care_id text")}
    ),
    previous as (
      select id, external_id, status, variation_id from order_items where order_id = ${orderId}
    ),
    upserted as (
      insert into order_items as oi (order_id, external_id, variation_id, sku, name, quantity,
        unit_price, status, marketplace_state, care_id)
      select ${orderId}, i.external_id, v.id, i.sku, i.name, i.quantity, i.unit_price,
        i.status, i.marketplace_state, i.care_id
      from input i left join variations v on v.sku = i.sku
      on conflict (order_id, external_id) do update set
        variation_id = coalesce(oi.variation_id, excluded.variation_id),
        sku = case when oi.variation_id is null then excluded.sku else oi.sku end,
        status = case when ${rank("excluded.status")} >= ${rank("oi.status")}
          then excluded.status else oi.status end,
        marketplace_state = case when ${rank("excluded.status")} >= ${rank("oi.status")}
          then excluded.marketplace_state else oi.marketplace_state end,
        name = coalesce(excluded.name, oi.name),
        quantity = excluded.quantity,
        unit_price = coalesce(excluded.unit_price, oi.unit_price),
        care_id = coalesce(excluded.care_id, oi.care_id),
        updated_at = now()
      returning oi.id, oi.external_id, oi.sku, oi.variation_id, oi.quantity, oi.status
    ),
    lines as (
      select u.id, u.external_id, u.sku, u.variation_id, p.variation_id as previous_variation_id,
        u.quantity, u.status, p.status as previous_status, true as in_input
      from upserted u left join previous p on p.external_id = u.external_id
      union all
      select oi.id, oi.external_id, oi.sku, oi.variation_id, oi.variation_id, oi.quantity,
        oi.status, oi.status, false
      from order_items oi
      where oi.order_id = ${orderId}
        and oi.external_id not in (select external_id from input)
    )
    select x.id as order_item_id, x.external_id, x.sku, x.variation_id, x.previous_variation_id,
      x.quantity, x.status, x.previous_status, x.in_input, l.id as lock_id,
      l.status as lock_status, v.on_hand - v.locked_quantity as available
    from lines x
    left join marketplace_stock_locks l on l.order_item_id = x.id
    left join variations v on v.id = x.variation_id
    order by x.id`,
  );
  return rows.map((row) => ({
    orderItemId: row.order_item_id,
    externalId: row.external_id,
    sku: row.sku,
    variationId: row.variation_id,
    quantity: row.quantity,
    status: row.status,
    previousStatus: row.previous_status,
    newlyMapped: row.variation_id !== null && row.previous_variation_id === null,
    inInput: row.in_input,
    lockId: row.lock_id,
    lockStatus: row.lock_status,
    available: row.available,
  }));
}

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

function orderEvents(
  order: NormalizedOrder,
  head: { id: number; created: boolean; status: OrderStatus },
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
