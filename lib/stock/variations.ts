// Variations in bulk (CSV import, stock sync, the UI): upsert by SKU, set physical counts
// through the ledger, and map the unmapped order lines that were waiting for these SKUs
// (their open lines are locked at once). Set-based: 100,000 rows are a handful of statements.
// The mapping is announced as an OrderItemsMapped event on the bus the caller hands in
// (lib/runtime's, with this module's handlers subscribed).
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Transaction } from "@/db/client";
import type { EventBus, OrderItemsMapped } from "@/lib/domain/events";
import { AppError } from "@/lib/errors";
import { applyStockPlan } from "./apply-stock-plan";
import { StockPlan } from "./stock-plan";
import {
  intArray,
  lockVariations,
  setLockTimeout,
  type VariationCounters,
} from "./variation-locks";

export const variationInputSchema = z.object({
  sku: z.string().trim().min(1, "sku is empty").max(200),
  name: z.string().trim().min(1, "name is empty").max(500),
  /** Absent: keep the current count (0 for a new variation). */
  onHand: z.number().int().min(0, "on_hand cannot be negative").optional(),
});
export type VariationInput = z.infer<typeof variationInputSchema>;

export interface UpsertVariationsResult {
  created: number;
  /** Existing variations whose name or count changed. */
  updated: number;
  unchanged: number;
  onHandChanged: number;
  itemsMapped: number;
  locksCreated: number;
}

const BULK_ANALYZE_ROWS = 1_000;

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

export async function upsertVariations(
  tx: Transaction,
  input: VariationInput[],
  refs: { actor: string; note?: string; syncRunId?: number },
  bus: EventBus<Transaction>,
): Promise<UpsertVariationsResult> {
  const rows = z.array(variationInputSchema).parse(input);
  const bySku = new Map<string, VariationInput>();
  for (const row of rows) {
    if (bySku.has(row.sku)) throw new AppError("bad_request", `sku ${row.sku} appears twice`);
    bySku.set(row.sku, row);
  }
  const result: UpsertVariationsResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    onHandChanged: 0,
    itemsMapped: 0,
    locksCreated: 0,
  };
  if (rows.length === 0) return result;
  await setLockTimeout(tx);
  const skus = json(rows.map((row) => row.sku));
  const skuList = sql`select value from json_array_elements_text(${skus})`;

  const existing = await lockVariations(
    tx,
    sql`select id from variations where sku in (${skuList})`,
  );
  const skuRows = await queryRows<{ id: number; sku: string; name: string }>(
    tx,
    sql`select id, sku, name from variations where id = any(${intArray(existing.keys())})`,
  );
  const idBySku = new Map(skuRows.map((row) => [row.sku, row.id]));
  const nameById = new Map(skuRows.map((row) => [row.id, row.name]));

  // New variations are inserted with their first count; the plan records it in the ledger.
  const fresh = rows.filter((row) => !idBySku.has(row.sku));
  const counters = new Map<number, VariationCounters>(existing);
  const freshIds: number[] = [];
  if (fresh.length > 0) {
    const inserted = await queryRows<{ id: number; sku: string; on_hand: number }>(
      tx,
      sql`insert into variations (sku, name, on_hand)
          select r.sku, r.name, coalesce(r.on_hand, 0)
          from json_to_recordset(${json(fresh.map((row) => ({ sku: row.sku, name: row.name, on_hand: row.onHand ?? 0 })))}) as r(sku text, name text, on_hand int)
          on conflict (sku) do nothing
          returning id, sku, on_hand`,
    );
    if (inserted.length !== fresh.length) {
      throw new AppError("conflict", "some of these SKUs were created at the same time; retry");
    }
    for (const row of inserted) {
      idBySku.set(row.sku, row.id);
      counters.set(row.id, { id: row.id, onHand: row.on_hand, locked: 0 });
      freshIds.push(row.id);
    }
    result.created = inserted.length;
    // After a bulk insert the planner still believes the table is small and would join the
    // statements below against it row by row; fresh statistics keep them set-based.
    if (inserted.length >= BULK_ANALYZE_ROWS) await tx.execute(sql`analyze variations`);
  }

  const renamed = rows.filter((row) => {
    const id = idBySku.get(row.sku);
    return id !== undefined && nameById.has(id) && nameById.get(id) !== row.name;
  });
  if (renamed.length > 0) {
    await tx.execute(sql`
      update variations v set name = r.name, updated_at = now()
      from json_to_recordset(${json(renamed)}) as r(sku text, name text)
      where v.sku = r.sku`);
  }

  const plan = new StockPlan(counters, refs);
  for (const id of freshIds) plan.recordInitialCount(id, refs.note ?? null);
  const changedIds = new Set(renamed.map((row) => idBySku.get(row.sku)));
  for (const row of rows) {
    const id = idBySku.get(row.sku);
    const current = id === undefined ? undefined : counters.get(id);
    if (id === undefined || !current || row.onHand === undefined || !existing.has(id)) continue;
    const delta = row.onHand - current.onHand;
    if (delta === 0) continue;
    plan.adjustOnHand(id, delta, { reason: "manual", note: refs.note ?? null, actor: refs.actor });
    result.onHandChanged++;
    changedIds.add(id);
  }
  const applied = await applyStockPlan(tx, plan);
  if (applied.movements >= BULK_ANALYZE_ROWS) await tx.execute(sql`analyze stock_movements`);
  result.updated = changedIds.size;
  result.unchanged = rows.length - result.created - result.updated;

  const mapped = await mapUnmappedItems(tx, sql`v.sku in (${skuList})`, bus, refs);
  result.itemsMapped = mapped.itemsMapped;
  result.locksCreated = mapped.locksCreated;
  return result;
}

/**
 * Gives unmapped order lines the variation their SKU now names (restricted by `where` on
 * the variation `v`) and emits OrderItemsMapped so their open lines get locked.
 */
export async function mapUnmappedItems(
  tx: Transaction,
  where: SQL,
  bus: EventBus<Transaction>,
  refs: { actor?: string; syncRunId?: number } = {},
): Promise<{ itemsMapped: number; locksCreated: number }> {
  const mapped = await queryRows<{
    order_item_id: number;
    order_id: number;
    variation_id: number;
    sku: string;
  }>(
    tx,
    sql`update order_items oi set variation_id = v.id, updated_at = now()
        from variations v
        where oi.variation_id is null and oi.sku = v.sku and ${where}
        returning oi.id as order_item_id, oi.order_id, v.id as variation_id, v.sku`,
  );
  if (mapped.length === 0) return { itemsMapped: 0, locksCreated: 0 };
  const events = new Map<string, OrderItemsMapped>();
  for (const row of mapped) {
    const key = `${row.order_id}:${row.variation_id}`;
    const event = events.get(key) ?? {
      type: "OrderItemsMapped",
      orderId: row.order_id,
      variationId: row.variation_id,
      sku: row.sku,
      orderItemIds: [],
    };
    event.orderItemIds.push(row.order_item_id);
    events.set(key, event);
  }
  const emitted = await bus.emit(tx, [...events.values()], refs);
  return { itemsMapped: mapped.length, locksCreated: emitted.locksCreated };
}
