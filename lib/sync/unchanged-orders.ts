// A re-sync mostly sees orders that did not change. One query per page tells which fetched
// orders already match what is stored, so only the others pay for a transaction. The check is
// conservative: anything upsertOrder might write (a field, a line, a mapping) means "changed".
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";

interface StoredItem {
  external_id: string;
  sku: string;
  name: string | null;
  quantity: number;
  unit_price: string | null;
  status: string;
  marketplace_state: string;
  care_id: string | null;
  variation_id: number | null;
  /** The marketplace stopped listing the line (already recorded). */
  vanished: boolean;
}

interface StoredOrder {
  external_id: string;
  marketplace_state: string;
  modified_ms: number | null;
  currency: string | null;
  total_amount: string | null;
  customer_name: string | null;
  shipping_country: string | null;
  label_url: string | null;
  delivery_note_url: string | null;
  tracking_number: string | null;
  items: StoredItem[];
}

/** The external ids as rows `q(external_id)`, one parameter whatever the driver. */
function externalIdRows(ids: Iterable<string>): SQL {
  return sql`jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb) as q(external_id)`;
}

/** PostgreSQL int[] literal of row ids. */
const idArray = (ids: readonly number[]) => sql`${`{${ids.join(",")}}`}::int[]`;

/** Incoming null keeps the stored value (upsertOrder coalesces); otherwise they must match. */
const kept = (incoming: string | null | undefined, stored: string | null) =>
  incoming === null || incoming === undefined || incoming === stored;
const sameAmount = (incoming: string | null | undefined, stored: string | null) =>
  incoming === null ||
  incoming === undefined ||
  (stored !== null && Number(incoming) === Number(stored));

export function matchesStored(order: NormalizedOrder, stored: StoredOrder): boolean {
  const modified = order.modifiedAt?.getTime() ?? null;
  if (modified !== stored.modified_ms || order.marketplaceState !== stored.marketplace_state) {
    return false;
  }
  if (
    !kept(order.currency, stored.currency) ||
    !sameAmount(order.totalAmount, stored.total_amount) ||
    !kept(order.customerName, stored.customer_name) ||
    !kept(order.shippingCountry, stored.shipping_country) ||
    !kept(order.labelUrl, stored.label_url) ||
    !kept(order.deliveryNoteUrl, stored.delivery_note_url) ||
    !kept(order.trackingNumber, stored.tracking_number)
  ) {
    return false;
  }
  // An unmapped line may map now: let upsertOrder look at it.
  if (stored.items.some((item) => item.variation_id === null)) return false;
  // A listed line that is missing now has vanished, a vanished one that is back reappeared:
  // both are changes. Lines already recorded as vanished stay out of the comparison.
  const listed = stored.items.filter((item) => !item.vanished);
  if (listed.length !== order.items.length) return false;
  const byId = new Map(listed.map((item) => [item.external_id, item]));
  return order.items.every((item) => {
    const line = byId.get(item.externalId);
    return (
      line !== undefined &&
      line.sku === item.sku &&
      line.quantity === item.quantity &&
      line.status === item.status &&
      line.marketplace_state === item.marketplaceState &&
      kept(item.name, line.name) &&
      sameAmount(item.unitPrice, line.unit_price) &&
      kept(item.careId, line.care_id)
    );
  });
}

/**
 * The external ids of the orders that upsertOrder would leave as they are; their
 * last_synced_at is brought forward as the upsert would.
 */
export async function settleUnchangedOrders(
  db: Executor,
  marketplaceId: number,
  fetched: readonly NormalizedOrder[],
): Promise<Set<string>> {
  if (fetched.length === 0) return new Set();
  // One index probe of (marketplace_id, external_id) per fetched order and one of
  // order_items per stored order (LATERAL … OFFSET 0): a prepared statement's generic plan
  // turned `external_id = any(…)` into a filter over every order of the marketplace, which
  // made each page cost as much as the orders already stored.
  const rows = await queryRows<StoredOrder & { id: number } & Record<string, unknown>>(
    db,
    sql`select o.id, o.external_id, o.marketplace_state, o.modified_ms, o.currency,
        o.total_amount, o.customer_name, o.shipping_country, o.label_url,
        o.delivery_note_url, o.tracking_number, i.items
      from ${externalIdRows(fetched.map((order) => order.externalId))}
      cross join lateral (select o.id, o.external_id, o.marketplace_state,
          round(extract(epoch from o.modified_at) * 1000)::float8 as modified_ms,
          o.currency, o.total_amount::text as total_amount, o.customer_name,
          o.shipping_country, o.label_url, o.delivery_note_url, o.tracking_number
        from orders o
        where o.marketplace_id = ${marketplaceId} and o.external_id = q.external_id
        offset 0) o
      cross join lateral (select json_agg(json_build_object('external_id', i.external_id,
          'sku', i.sku, 'name', i.name, 'quantity', i.quantity,
          'unit_price', i.unit_price::text, 'status', i.status,
          'marketplace_state', i.marketplace_state, 'care_id', i.care_id,
          'variation_id', i.variation_id, 'vanished', i.vanished_at is not null)) as items
        from order_items i where i.order_id = o.id offset 0) i
      where i.items is not null`,
  );
  const stored = new Map(rows.map((row) => [row.external_id, row]));
  const unchanged = new Set<string>();
  const unchangedIds: number[] = [];
  for (const order of fetched) {
    const row = stored.get(order.externalId);
    if (
      row &&
      matchesStored(order, {
        ...row,
        modified_ms: row.modified_ms === null ? null : Number(row.modified_ms),
      })
    ) {
      unchanged.add(order.externalId);
      unchangedIds.push(row.id);
    }
  }
  if (unchangedIds.length > 0) {
    await db.execute(
      sql`update orders set last_synced_at = now() where id = any(${idArray(unchangedIds)})`,
    );
  }
  return unchanged;
}
