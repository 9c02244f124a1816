// Exact lock counts and units per (marketplace, status) without scanning the locks: the
// statement triggers of the lock_totals migration append each statement's net change to
// lock_totals in its own transaction, so any snapshot sums to the truth (stock:check proves it:
// lock_totals_match_locks). Compaction folds the appended rows back to one per group.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { LockStatus } from "@/lib/domain/enums";

export interface LockTotals {
  locks: number;
  units: number;
  /** Rows summed: when this grows, compactLockTotals is due. */
  rows: number;
}

/** Locks and units of the given marketplaces and statuses (null: all of them). */
export async function readLockTotals(
  executor: Executor,
  filter: { marketplaceIds?: readonly number[] | null; statuses?: readonly LockStatus[] | null },
): Promise<LockTotals> {
  const marketplaces = filter.marketplaceIds?.length
    ? sql`and marketplace_id = any(${`{${filter.marketplaceIds.join(",")}}`}::int[])`
    : sql``;
  const statuses = filter.statuses?.length
    ? sql`and status = any(${`{${filter.statuses.join(",")}}`}::text[])`
    : sql``;
  const [row] = await queryRows<{ locks: string | number; units: string | number; rows: number }>(
    executor,
    sql`select coalesce(sum(locks), 0) as locks, coalesce(sum(units), 0) as units,
          count(*)::int as rows
        from lock_totals where true ${marketplaces} ${statuses}`,
  );
  return { locks: Number(row?.locks ?? 0), units: Number(row?.units ?? 0), rows: row?.rows ?? 0 };
}

/**
 * Folds every row visible now into one per group, in one statement. Rows appended meanwhile
 * by other transactions are not seen and stay; a concurrent compaction deletes a disjoint set
 * (a row already deleted is skipped), so no change is lost or counted twice. Writers never wait:
 * they only append.
 */
export async function compactLockTotals(executor: Executor): Promise<void> {
  await executor.execute(sql`
    with folded as (delete from lock_totals returning marketplace_id, status, locks, units)
    insert into lock_totals (marketplace_id, status, locks, units)
    select marketplace_id, status, sum(locks), sum(units) from folded
    group by marketplace_id, status
    having sum(locks) <> 0 or sum(units) <> 0`);
}
