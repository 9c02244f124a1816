// Reads variations' stock through the DESIGN formulas (their one home: lib/domain/publishable.ts).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { availableQuantity } from "@/lib/domain/publishable";

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
