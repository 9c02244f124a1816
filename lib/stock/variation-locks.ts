// Row locks on variations: every change of stock counters first locks the variations it
// touches, always in ascending id order, so two transactions never wait on each other in a
// circle; a lock_timeout bounds any wait that is left (e.g. a caller that locks twice).
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import { variations } from "@/db/schema";
import { alias, source } from "@/db/sql-names";

const v = alias(variations, "locked_variations");

/** How long a transaction waits for a row lock before it fails (and its caller retries). */
export const LOCK_TIMEOUT = "5s";

const timedOut = new WeakSet<object>();

/** Sets lock_timeout for the rest of the transaction (once per transaction object). */
export async function setLockTimeout(tx: Transaction): Promise<void> {
  if (timedOut.has(tx)) return;
  await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
  timedOut.add(tx);
}

/**
 * A condition that is always true and, evaluated once before the statement's first row,
 * sets lock_timeout for the rest of the transaction, saving setLockTimeout's round trip.
 * Use it in the first statement that may wait for a lock; later calls on the same
 * transaction give plain `true`.
 */
export function lockTimeoutCondition(tx: Transaction): SQL {
  if (timedOut.has(tx)) return sql`true`;
  timedOut.add(tx);
  return sql.raw(`(select set_config('lock_timeout', '${LOCK_TIMEOUT}', true)) is not null`);
}

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
