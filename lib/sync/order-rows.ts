// The two set-based statements behind upsertOrders: every order of a batch in one upsert,
// then every line of those orders in another (SKU resolved to a variation), each returning
// what the events need to know about the rows before and after.
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { lockTimeoutCondition } from "@/db/lock-timeout";
import { marketplaceStockLocks, orderItems, orders as ordersTable, variations } from "@/db/schema";
import { alias, bare, bareList, frozen, source } from "@/db/sql-names";
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
const rank = (status: SQL) =>
  sql`(case ${status} when 'pending' then 0 when 'new' then 1 when 'accepted' then 2 else 3 end)`;

const o = alias(ordersTable, "o");
const oi = alias(orderItems, "oi");
const l = alias(marketplaceStockLocks, "l");
const v = alias(variations, "v");
/** A column of the row an INSERT … ON CONFLICT proposed. */
const excluded = (column: Parameters<typeof bare>[0]) => sql`excluded.${bare(column)}`;

const orderKey = (marketplaceId: number, externalId: string) => `${marketplaceId}:${externalId}`;

/**
 * Upserts the orders (no two with the same key) and returns their rows in input order. Rows
 * are written in key order, so two batches sharing orders wait for each other rather than
 * deadlock. The statement also sets the transaction's lock_timeout.
 */

// The statements' text around their parameters, rendered once (frozen): only the JSON rows,
// the order ids and the lock-timeout condition change from one batch to the next.
const headsMiddle = frozen(sql`
    -- Read once, before the insert: an index probe of the (marketplace_id, external_id) key
    -- per input row (LATERAL … OFFSET 0), as statistics lag behind a table a sync is filling.
    previous as materialized (
      select p.marketplace_id, p.external_id, p.label_url, p.delivery_note_url,
        p.tracking_number, p.marketplace_state
      from input i
      cross join lateral (select ${o.marketplaceId} as marketplace_id,
          ${o.externalId} as external_id, ${o.labelUrl} as label_url,
          ${o.deliveryNoteUrl} as delivery_note_url, ${o.trackingNumber} as tracking_number,
          ${o.marketplaceState} as marketplace_state
        from ${source(o)}
        where ${o.marketplaceId} = i.marketplace_id and ${o.externalId} = i.external_id
        offset 0) p
    )
    insert into ${ordersTable} as ${o} ${bareList(o.marketplaceId, o.externalId, o.status, o.marketplaceState, o.currency, o.totalAmount, o.customerName, o.shippingCountry, o.labelUrl, o.deliveryNoteUrl, o.trackingNumber, o.orderedAt, o.modifiedAt)}
    select i.marketplace_id, i.external_id, i.status, i.marketplace_state, i.currency,
      i.total_amount, i.customer_name, i.shipping_country, i.label_url, i.delivery_note_url,
      i.tracking_number, i.ordered_at, i.modified_at
    from input i
`);
const headsTail = frozen(sql`
    order by i.marketplace_id, i.external_id
    on conflict ${bareList(o.marketplaceId, o.externalId)} do update set
      -- An older snapshot (by modification date) never overwrites a newer raw state.
      ${bare(o.marketplaceState)} = case when ${o.modifiedAt} is null
        or ${excluded(o.modifiedAt)} is null or ${excluded(o.modifiedAt)} >= ${o.modifiedAt}
        then ${excluded(o.marketplaceState)} else ${o.marketplaceState} end,
      ${bare(o.modifiedAt)} = greatest(${o.modifiedAt}, ${excluded(o.modifiedAt)}),
      ${bare(o.currency)} = coalesce(${excluded(o.currency)}, ${o.currency}),
      ${bare(o.totalAmount)} = coalesce(${excluded(o.totalAmount)}, ${o.totalAmount}),
      ${bare(o.customerName)} = coalesce(${excluded(o.customerName)}, ${o.customerName}),
      ${bare(o.shippingCountry)} = coalesce(${excluded(o.shippingCountry)}, ${o.shippingCountry}),
      ${bare(o.labelUrl)} = coalesce(${excluded(o.labelUrl)}, ${o.labelUrl}),
      ${bare(o.deliveryNoteUrl)} = coalesce(${excluded(o.deliveryNoteUrl)}, ${o.deliveryNoteUrl}),
      ${bare(o.trackingNumber)} = coalesce(${excluded(o.trackingNumber)}, ${o.trackingNumber}),
      ${bare(o.lastSyncedAt)} = now()
    returning ${o.id} as id, ${o.marketplaceId} as marketplace_id,
      ${o.externalId} as external_id, (${o}.xmax = 0) as created, ${o.status} as status,
      not exists (select 1 from previous p
        where p.marketplace_id = ${o.marketplaceId} and p.external_id = ${o.externalId}
          and p.label_url is not distinct from ${o.labelUrl}
          and p.delivery_note_url is not distinct from ${o.deliveryNoteUrl}
          and p.tracking_number is not distinct from ${o.trackingNumber}
          and p.marketplace_state is not distinct from ${o.marketplaceState}) as fields_changed`);

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
    ${headsMiddle}
    where ${lockTimeoutCondition(tx)}
    ${headsTail}`,
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
  const rows = await queryRows<StoredLineRow>(
    tx,
    sql`
    with input as (
      select * from ${jsonRows(lineRows(orders, orderIds), "i", "order_id int, external_id text, sku text, name text, quantity int, unit_price numeric, status text, marketplace_state text, care_id text, modified_at timestamptz")}
    ),
    -- Lookups below go through LATERAL … OFFSET 0 so they stay index probes per row: the
    -- planner's statistics lag behind a table a sync is filling, and a hash join would scan
    -- all of order_items, locks or variations for every page (slower as the tables grow).
    previous as (${previousLines(orderIds)}),
    -- Stored lines this snapshot no longer lists: recorded as vanished (their locks stay).
    missing as (
      select p.* from previous p
      where not exists (select 1 from input i
        where i.order_id = p.order_id and i.external_id = p.external_id)
    ),
    vanishing as (
      update ${source(oi)} set ${bare(oi.vanishedAt)} = now()
      where ${oi.id} in (select id from missing where not vanished)
      returning ${oi.id}
    ),
    upserted as (${insertLines}),
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
    ${selectLinesWithLocks}`,
  );
  return storedItemsByOrder(rows, orderIds);
}

/** The lines of a batch as JSON rows for the statement's `input`. */
function lineRows(orders: readonly NormalizedOrder[], orderIds: readonly number[]) {
  return orders.flatMap((order, index) =>
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
}

/** The stored lines of these orders, before the upsert. */
const previousLinesHead = frozen(sql`
      select p.id, p.order_id, p.external_id, p.sku, p.quantity, p.status, p.variation_id,
        p.vanished
      from unnest(`);
const previousLinesTail = frozen(sql`::int[]) as q(order_id)
      cross join lateral (select ${oi.id} as id, ${oi.orderId} as order_id,
          ${oi.externalId} as external_id, ${oi.sku} as sku, ${oi.quantity} as quantity,
          ${oi.status} as status, ${oi.variationId} as variation_id,
          ${oi.vanishedAt} is not null as vanished
        from ${source(oi)} where ${oi.orderId} = q.order_id offset 0) p`);

function previousLines(orderIds: readonly number[]): SQL {
  return sql`${previousLinesHead}${`{${orderIds.join(",")}}`}${previousLinesTail}`;
}

/** Inserts the input lines or moves the stored ones forward, SKU resolved to a variation. */
const insertLines = frozen(insertLinesStatement());

function insertLinesStatement(): SQL {
  const newer = sql`${rank(excluded(oi.status))} >= ${rank(sql`${oi.status}`)}`;
  return sql`
      insert into ${orderItems} as ${oi} ${bareList(oi.orderId, oi.externalId, oi.variationId, oi.sku, oi.name, oi.quantity, oi.unitPrice, oi.status, oi.marketplaceState, oi.careId)}
      select i.order_id, i.external_id, vm.id, i.sku, i.name,
        -- A snapshot older than the stored order (a replay, a slower run) keeps the line's
        -- quantity: locks follow the newest quantity, not the last one to arrive.
        case when s.stale then coalesce(p.quantity, i.quantity) else i.quantity end,
        i.unit_price, i.status, i.marketplace_state, i.care_id
      from input i
      left join lateral (select ${v.id} as id from ${source(v)} where ${v.sku} = i.sku offset 0) vm
        on true
      left join previous p on p.order_id = i.order_id and p.external_id = i.external_id
      left join lateral (select ${o.modifiedAt} > i.modified_at as stale from ${source(o)}
        where ${o.id} = i.order_id offset 0) s on true
      order by i.order_id, i.external_id
      on conflict ${bareList(oi.orderId, oi.externalId)} do update set
        ${bare(oi.variationId)} = coalesce(${oi.variationId}, ${excluded(oi.variationId)}),
        ${bare(oi.sku)} = case when ${oi.variationId} is null then ${excluded(oi.sku)}
          else ${oi.sku} end,
        ${bare(oi.status)} = case when ${newer} then ${excluded(oi.status)} else ${oi.status} end,
        ${bare(oi.marketplaceState)} = case when ${newer} then ${excluded(oi.marketplaceState)}
          else ${oi.marketplaceState} end,
        ${bare(oi.name)} = coalesce(${excluded(oi.name)}, ${oi.name}),
        -- The quantity follows the marketplace while the line is open (its lock follows
        -- it); a final line's quantity is what left or was cancelled, and stays.
        ${bare(oi.quantity)} = case when ${rank(sql`${oi.status}`)} < 3
          then ${excluded(oi.quantity)} else ${oi.quantity} end,
        ${bare(oi.vanishedAt)} = null,
        ${bare(oi.unitPrice)} = coalesce(${excluded(oi.unitPrice)}, ${oi.unitPrice}),
        ${bare(oi.careId)} = coalesce(${excluded(oi.careId)}, ${oi.careId}),
        ${bare(oi.updatedAt)} = now()
      returning ${oi.id} as id, ${oi.orderId} as order_id, ${oi.externalId} as external_id,
        ${oi.sku} as sku, ${oi.variationId} as variation_id, ${oi.quantity} as quantity,
        ${oi.status} as status`;
}

/** Every line with its lock and its variation's available quantity. */
const selectLinesWithLocks = frozen(sql`
    select x.id as order_item_id, x.order_id, x.external_id, x.sku, x.variation_id,
      x.previous_variation_id, x.quantity, x.previous_quantity, x.status, x.previous_status,
      x.in_input, x.previously_vanished,
      lx.id as lock_id, lx.status as lock_status, vx.available
    from lines x
    left join lateral (select ${l.id} as id, ${l.status} as status from ${source(l)}
      where ${l.orderItemId} = x.id offset 0) lx on true
    left join lateral (select ${v.onHand} - ${v.lockedQuantity} as available from ${source(v)}
      where ${v.id} = x.variation_id offset 0) vx on true
    order by x.order_id, x.id`);

interface StoredLineRow extends Record<string, unknown> {
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
}

function storedItemsByOrder(
  rows: readonly StoredLineRow[],
  orderIds: readonly number[],
): Map<number, StoredItem[]> {
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
    update ${source(o)} set ${bare(o.status)} = s.status
    from ${jsonRows(changes, "s", "id int, status text")}
    where ${o.id} = s.id`);
}
