// lock_timeout for a transaction, set once: every statement that may wait for a row lock runs
// under it (lib/stock's variation locks, lib/sync's order rows).
import { type SQL, sql } from "drizzle-orm";
import type { Transaction } from "./client";

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
