// The two set-based statements behind upsertOrders: every order of a batch in one upsert,
// then every line of those orders in another (SKU resolved to a variation), each returning
// what the events need to know about the rows before and after.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { lockTimeoutCondition } from "@/db/lock-timeout";
import type { ItemStatus, LockStatus, OrderStatus } from "@/lib/domain/enums";
import type { ItemSnapshot } from "@/lib/domain/events";
import { deriveOrderStatus, type NormalizedOrder } from "@/lib/domain/normalized-order";

export interface StoredHead {
  id: number;
  created: boolean;
  /** The stored status before this upsert (the new one for a created order). */
  status: OrderStatus;
  /** A document link or the raw state changed. */
  fieldsChanged: boolean;
}

/** Statuses only move forward (a stale snapshot never reopens a line); finals may swap. */
const rank = (column: string) =>
  sql.raw(
    `(case ${column} when 'pending' then 0 when 'new' then 1 when 'accepted' then 2 else 3 end)`,
  );

const orderKey = (marketplaceId: number, externalId: string) => `${marketplaceId}:${externalId}`;

/**
 * Upserts the orders (no two with the same key) and returns their rows in input order. Rows
 * are written in key order, so two batches sharing orders wait for each other rather than
 * deadlock. The statement also sets the transaction's lock_timeout.
 */
export async function upsertOrderHeads(
  tx: Transaction,
  orders: readonly NormalizedOrder[],
): Promise<StoredHead[]> {
  const rows = orders.map((order) => ({
    marketplace_id: order.marketplaceId,
    external_id: order.externalId,
    status: deriveOrderStatus(order.items.map((item) => item.status)),
    marketplace_state: order.marketplaceState,
    currency: order.currency ?? null,
    total_amount: order.totalAmount ?? null,
    customer_name: order.customerName ?? null,
    shipping_country: order.shippingCountry ?? null,
    label_url: order.labelUrl ?? null,
    delivery_note_url: order.deliveryNoteUrl ?? null,
    tracking_number: order.trackingNumber ?? null,
    ordered_at: order.orderedAt.toISOString(),
    modified_at: order.modifiedAt?.toISOString() ?? null,
  }));
  const stored = await queryRows<{
    id: number;
    marketplace_id: number;
    external_id: string;
    created: boolean;
    status: OrderStatus;
    fields_changed: boolean;
  }>(
    tx,
    sql`
    with input as (
      select * from ${jsonRows(rows, "i", "marketplace_id int, external_id text, status text, marketplace_state text, currency text, total_amount numeric, customer_name text, shipping_country text, label_url text, delivery_note_url text, tracking_number text, ordered_at timestamptz, modified_at timestamptz")}
    ),
    -- Read once, before the insert: an index probe of the (marketplace_id, external_id) key
    -- per input row (LATERAL … OFFSET 0), as statistics lag behind a table a sync is filling.
    previous as materialized (
      select p.marketplace_id, p.external_id, p.label_url, p.delivery_note_url,
        p.tracking_number, p.marketplace_state
      from input i
      cross join lateral (select marketplace_id, external_id, label_url, delivery_note_url,
          tracking_number, marketplace_state
        from orders where marketplace_id = i.marketplace_id and external_id = i.external_id
        offset 0) p
    )
    insert into orders as o (marketplace_id, external_id, status, marketplace_state, currency,
      total_amount, customer_name, shipping_country, label_url, delivery_note_url,
      tracking_number, ordered_at, modified_at)
    select i.marketplace_id, i.external_id, i.status, i.marketplace_state, i.currency,
      i.total_amount, i.customer_name, i.shipping_country, i.label_url, i.delivery_note_url,
      i.tracking_number, i.ordered_at, i.modified_at
    from input i
    where ${lockTimeoutCondition(tx)}
    order by i.marketplace_id, i.external_id
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
    returning o.id, o.marketplace_id, o.external_id, (o.xmax = 0) as created, o.status,
      not exists (select 1 from previous p
        where p.marketplace_id = o.marketplace_id and p.external_id = o.external_id
          and p.label_url is not distinct from o.label_url
          and p.delivery_note_url is not distinct from o.delivery_note_url
          and p.tracking_number is not distinct from o.tracking_number
          and p.marketplace_state is not distinct from o.marketplace_state) as fields_changed`,
  );
  const byKey = new Map(stored.map((row) => [orderKey(row.marketplace_id, row.external_id), row]));
  return orders.map((order) => {
    const row = byKey.get(orderKey(order.marketplaceId, order.externalId));
    if (!row) throw new Error(`upserting order ${order.externalId} returned no row`);
    return {
      id: row.id,
      created: row.created,
      status: row.status,
      fieldsChanged: row.fields_changed,
    };
  });
}

export interface StoredItem extends ItemSnapshot {
  orderId: number;
  previousStatus: ItemStatus | null;
  /** Null for a line seen for the first time. */
  previousQuantity: number | null;
  /** The marketplace's order does not list the line (now, and before this upsert). */
  vanished: boolean;
  previouslyVanished: boolean;
  /** Got its variation in this upsert (was unmapped before). */
  newlyMapped: boolean;
  /** Part of this snapshot (false: a stored line the marketplace no longer lists). */
  inInput: boolean;
  lockId: number | null;
  lockStatus: LockStatus | null;
  available: number | null;
}

/**
 * Upserts the lines of these orders (`orderIds[i]` is the stored id of `orders[i]`) and
 * returns every line of each order, lines of one order by id.
 */
export async function upsertOrderLines(
  tx: Transaction,
  orders: readonly NormalizedOrder[],
  orderIds: readonly number[],
): Promise<Map<number, StoredItem[]>> {
  const lines = orders.flatMap((order, index) =>
    order.items.map((item) => ({
      order_id: orderIds[index],
      external_id: item.externalId,
      sku: item.sku,
      name: item.name ?? null,
      quantity: item.quantity,
      unit_price: item.unitPrice ?? null,
      status: item.status,
      marketplace_state: item.marketplaceState,
      care_id: item.careId ?? null,
      modified_at: order.modifiedAt?.toISOString() ?? null,
    })),
  );
  const ids = `{${orderIds.join(",")}}`;
  const rows = await queryRows<{
    order_item_id: number;
    order_id: number;
    external_id: string;
    sku: string;
    variation_id: number | null;
    previous_variation_id: number | null;
    quantity: number;
    previous_quantity: number | null;
    status: ItemStatus;
    previous_status: ItemStatus | null;
    in_input: boolean;
    previously_vanished: boolean;
    lock_id: number | null;
    lock_status: LockStatus | null;
    available: number | null;
  }>(
    tx,
    sql`
    with input as (
      select * from ${jsonRows(lines, "i", "order_id int, external_id text, sku text, name text, quantity int, unit_price numeric, status text, marketplace_state text, care_id text, modified_at timestamptz")}
    ),
    -- Lookups below go through LATERAL … OFFSET 0 so they stay index probes per row: the
    -- planner's statistics lag behind a table a sync is filling, and a hash join would scan
    -- all of order_items, locks or variations for every page (slower as the tables grow).
    previous as (
      select p.id, p.order_id, p.external_id, p.sku, p.quantity, p.status, p.variation_id,
        p.vanished
      from unnest(${ids}::int[]) as q(order_id)
      cross join lateral (select id, order_id, external_id, sku, quantity, status, variation_id,
          vanished_at is not null as vanished
        from order_items where order_id = q.order_id offset 0) p
    ),
    -- Stored lines this snapshot no longer lists: recorded as vanished (their locks stay).
    missing as (
      select p.* from previous p
      where not exists (select 1 from input i
        where i.order_id = p.order_id and i.external_id = p.external_id)
    ),
    vanishing as (
      update order_items set vanished_at = now()
      where id in (select id from missing where not vanished)
      returning id
    ),
    upserted as (
      insert into order_items as oi (order_id, external_id, variation_id, sku, name, quantity,
        unit_price, status, marketplace_state, care_id)
      select i.order_id, i.external_id, v.id, i.sku, i.name,
        -- A snapshot older than the stored order (a replay, a slower run) keeps the line's
        -- quantity: locks follow the newest quantity, not the last one to arrive.
        case when s.stale then coalesce(p.quantity, i.quantity) else i.quantity end,
        i.unit_price, i.status, i.marketplace_state, i.care_id
      from input i
      left join lateral (select id from variations where sku = i.sku offset 0) v on true
      left join previous p on p.order_id = i.order_id and p.external_id = i.external_id
      left join lateral (select o.modified_at > i.modified_at as stale from orders o
        where o.id = i.order_id offset 0) s on true
      order by i.order_id, i.external_id
      on conflict (order_id, external_id) do update set
        variation_id = coalesce(oi.variation_id, excluded.variation_id),
        sku = case when oi.variation_id is null then excluded.sku else oi.sku end,
        status = case when ${rank("excluded.status")} >= ${rank("oi.status")}
          then excluded.status else oi.status end,
        marketplace_state = case when ${rank("excluded.status")} >= ${rank("oi.status")}
          then excluded.marketplace_state else oi.marketplace_state end,
        name = coalesce(excluded.name, oi.name),
        -- The quantity follows the marketplace while the line is open (its lock follows
        -- it); a final line's quantity is what left or was cancelled, and stays.
        quantity = case when ${rank("oi.status")} < 3 then excluded.quantity
          else oi.quantity end,
        vanished_at = null,
        unit_price = coalesce(excluded.unit_price, oi.unit_price),
        care_id = coalesce(excluded.care_id, oi.care_id),
        updated_at = now()
      returning oi.id, oi.order_id, oi.external_id, oi.sku, oi.variation_id, oi.quantity,
        oi.status
    ),
    lines as (
      select u.id, u.order_id, u.external_id, u.sku, u.variation_id,
        p.variation_id as previous_variation_id, u.quantity, p.quantity as previous_quantity,
        u.status, p.status as previous_status, true as in_input,
        coalesce(p.vanished, false) as previously_vanished
      from upserted u left join previous p on p.id = u.id
      union all
      select m.id, m.order_id, m.external_id, m.sku, m.variation_id, m.variation_id,
        m.quantity, m.quantity, m.status, m.status, false, m.vanished
      from missing m
    )
    select x.id as order_item_id, x.order_id, x.external_id, x.sku, x.variation_id,
      x.previous_variation_id, x.quantity, x.previous_quantity, x.status, x.previous_status,
      x.in_input, x.previously_vanished,
      l.id as lock_id, l.status as lock_status, v.available
    from lines x
    left join lateral (select id, status from marketplace_stock_locks
      where order_item_id = x.id offset 0) l on true
    left join lateral (select on_hand - locked_quantity as available from variations
      where id = x.variation_id offset 0) v on true
    order by x.order_id, x.id`,
  );
  const byOrder = new Map<number, StoredItem[]>(orderIds.map((id) => [id, []]));
  for (const row of rows) {
    byOrder.get(row.order_id)?.push({
      orderItemId: row.order_item_id,
      orderId: row.order_id,
      externalId: row.external_id,
      sku: row.sku,
      variationId: row.variation_id,
      quantity: row.quantity,
      status: row.status,
      previousStatus: row.previous_status,
      previousQuantity: row.previous_quantity,
      vanished: !row.in_input,
      previouslyVanished: row.previously_vanished,
      newlyMapped: row.variation_id !== null && row.previous_variation_id === null,
      inInput: row.in_input,
      lockId: row.lock_id,
      lockStatus: row.lock_status,
      available: row.available,
    });
  }
  return byOrder;
}

/** Stores the derived status of orders whose lines moved it. */
export async function updateOrderStatuses(
  tx: Transaction,
  changes: readonly { id: number; status: OrderStatus }[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx.execute(sql`
    update orders o set status = s.status
    from ${jsonRows(changes, "s", "id int, status text")}
    where o.id = s.id`);
}
