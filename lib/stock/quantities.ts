// The DESIGN stock formulas, and readers that apply them to stored counters.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";

/** available(variation) = on_hand − Σ active locks over all marketplaces (may be negative). */
export function availableQuantity(variation: { onHand: number; lockedQuantity: number }): number {
  return variation.onHand - variation.lockedQuantity;
}

/** publishable(variation, marketplace) = max(0, available − buffer): what it should show. */
export function publishableQuantity(available: number, buffer: number): number {
  return Math.max(0, available - buffer);
}

export interface VariationStock {
  variationId: number;
  sku: string;
  name: string;
  onHand: number;
  lockedQuantity: number;
  available: number;
  /** More units locked than on hand: orders were taken anyway, staff must act. */
  oversold: boolean;
}

/** Stock of some variations (or, with `oversoldOnly`, of every oversold one, via its index). */
export async function readVariationStock(
  executor: Executor,
  filter: { variationIds?: number[]; oversoldOnly?: boolean } = {},
): Promise<VariationStock[]> {
  const conditions = [sql`true`];
  if (filter.variationIds) {
    conditions.push(sql`id = any(${`{${filter.variationIds.map(Number).join(",")}}`}::int[])`);
  }
  if (filter.oversoldOnly) conditions.push(sql`locked_quantity > on_hand`);
  const rows = await queryRows<{
    id: number;
    sku: string;
    name: string;
    on_hand: number;
    locked_quantity: number;
  }>(
    executor,
    sql`select id, sku, name, on_hand, locked_quantity from variations
        where ${sql.join(conditions, sql` and `)} order by id`,
  );
  return rows.map((row) => {
    const available = availableQuantity({
      onHand: row.on_hand,
      lockedQuantity: row.locked_quantity,
    });
    return {
      variationId: row.id,
      sku: row.sku,
      name: row.name,
      onHand: row.on_hand,
      lockedQuantity: row.locked_quantity,
      available,
      oversold: available < 0,
    };
  });
}
