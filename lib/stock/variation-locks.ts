// Row locks on variations: every change of stock counters first locks the variations it
// touches, always in ascending id order, so two transactions never wait on each other in a
// circle; a lock_timeout bounds any wait that is left (e.g. a caller that locks twice).
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { lockTimeoutCondition } from "@/db/lock-timeout";
import { variations } from "@/db/schema";
import { alias, source } from "@/db/sql-names";

const v = alias(variations, "locked_variations");

export { LOCK_TIMEOUT, lockTimeoutCondition, setLockTimeout } from "@/db/lock-timeout";

/** A variation's counters, read under its row lock. */
export interface VariationCounters {
  id: number;
  onHand: number;
  locked: number;
}

/** PostgreSQL int[] literal for a list of ids (one parameter, whatever the driver). */
export function intArray(ids: Iterable<number>): SQL {
  const list = [...ids].map((id) => {
    if (!Number.isSafeInteger(id)) throw new Error(`not an integer id: ${id}`);
    return id;
  });
  return sql`${`{${list.join(",")}}`}::int[]`;
}

/**
 * Locks the variations chosen by `idsQuery` (a subquery returning ids) in id order and
 * returns their counters as they are now.
 */
export async function lockVariations(
  tx: Transaction,
  idsQuery: SQL,
): Promise<Map<number, VariationCounters>> {
  const rows = await queryRows<{ id: number; on_hand: number; locked_quantity: number }>(
    tx,
    sql`select ${v.id} as id, ${v.onHand} as on_hand, ${v.lockedQuantity} as locked_quantity
        from ${source(v)}
        where ${v.id} in (${idsQuery}) and ${lockTimeoutCondition(tx)}
        order by ${v.id}
        for no key update`,
  );
  return new Map(
    rows.map((row) => [row.id, { id: row.id, onHand: row.on_hand, locked: row.locked_quantity }]),
  );
}

/** Locks the variations with these ids (see lockVariations). */
export function lockVariationsById(
  tx: Transaction,
  ids: Iterable<number>,
): Promise<Map<number, VariationCounters>> {
  return lockVariations(tx, sql`select unnest(${intArray(ids)})`);
}
