// Return signals → `expected` returns. One signal makes one return, however often it is seen
// again (a unique key on item, source and signal id), and the returns of one line never
// expect more units than the line sold (signals from several sources about one parcel make
// one return). Written-off returns do not count: a unit written off as "never returned" that
// then comes back gets a new return. A return never touches stock.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import type { ReturnSource } from "@/lib/domain/returns";
import { intArray } from "../variation-locks";

export interface ReturnSignal {
  orderItemId: number;
  source: ReturnSource;
  /** Null only for staff: a manual return has no marketplace id to deduplicate on. */
  externalId: string | null;
  note: string | null;
  /** Units the signal names; default: what is left of the line. */
  quantity?: number;
  createdBy?: string | null;
}

export interface ExpectedReturn {
  id: number;
  orderItemId: number;
  quantity: number;
}

export type SignalOutcome =
  | { kind: "created"; returnId: number; quantity: number }
  | { kind: "duplicate" }
  | { kind: "item_fully_returned" }
  | { kind: "item_not_shipped"; status: string }
  | { kind: "unknown_item" };

interface ItemRow extends Record<string, unknown> {
  id: number;
  order_id: number;
  marketplace_id: number;
  variation_id: number | null;
  quantity: number;
  status: string;
  expected_units: number;
}

/**
 * Creates the expected returns the signals call for, under row locks on their order items
 * (in id order), so concurrent signals for one line see each other's returns.
 */
export async function expectReturns(
  tx: Transaction,
  signals: readonly ReturnSignal[],
): Promise<SignalOutcome[]> {
  if (signals.length === 0) return [];
  const ids = [...new Set(signals.map((signal) => signal.orderItemId))].sort((a, b) => a - b);
  // Lock first, read after: a statement that waited for a row lock still reads the other
  // tables as of its start, so the returns are read by a statement of their own.
  await tx.execute(
    sql`select 1 from order_items where id = any(${intArray(ids)}) order by id for update`,
  );
  const items = await queryRows<ItemRow>(
    tx,
    sql`select oi.id, oi.order_id, o.marketplace_id, oi.variation_id, oi.quantity, oi.status,
          coalesce((select sum(r.quantity) from stock_returns r
            where r.order_item_id = oi.id and r.status <> 'written_off'), 0)::int
            as expected_units
        from order_items oi join orders o on o.id = oi.order_id
        where oi.id = any(${intArray(ids)})`,
  );
  const byId = new Map(items.map((item) => [item.id, item]));
  const seen = await queryRows<{ order_item_id: number; source: string; external_id: string }>(
    tx,
    sql`select order_item_id, source, external_id from stock_returns
        where order_item_id = any(${intArray(ids)}) and external_id is not null`,
  );
  const seenKeys = new Set(
    seen.map((row) => signalKey(row.order_item_id, row.source, row.external_id)),
  );
  const outcomes: SignalOutcome[] = [];
  for (const signal of signals) {
    outcomes.push(await expectOne(tx, signal, byId.get(signal.orderItemId), seenKeys));
  }
  return outcomes;
}

function signalKey(orderItemId: number, source: string, externalId: string): string {
  return `${orderItemId}\u0000${source}\u0000${externalId}`;
}

async function expectOne(
  tx: Transaction,
  signal: ReturnSignal,
  item: ItemRow | undefined,
  seenKeys: Set<string>,
): Promise<SignalOutcome> {
  if (!item) return { kind: "unknown_item" };
  if (signal.externalId !== null) {
    const key = signalKey(item.id, signal.source, signal.externalId);
    if (seenKeys.has(key)) return { kind: "duplicate" };
    seenKeys.add(key);
  }
  // A unit that never left (cancelled) cannot come back; open lines may lag behind the
  // marketplace (a return label proves the parcel went out).
  if (item.status === "cancelled") return { kind: "item_not_shipped", status: item.status };
  const left = item.quantity - item.expected_units;
  if (left <= 0) return { kind: "item_fully_returned" };
  const quantity = Math.min(signal.quantity ?? left, left);
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`insert into stock_returns (order_item_id, order_id, marketplace_id, variation_id,
          quantity, source, external_id, note, created_by)
        values (${item.id}, ${item.order_id}, ${item.marketplace_id}, ${item.variation_id},
          ${quantity}, ${signal.source}, ${signal.externalId}, ${signal.note},
          ${signal.createdBy ?? null})
        returning id`,
  );
  if (!row) throw new Error("inserting a return returned nothing");
  item.expected_units += quantity;
  return { kind: "created", returnId: row.id, quantity };
}
