// No two runs of the same (marketplace, type) overlap. On PostgreSQL a transaction-scoped
// advisory lock is held by one pooled connection for the whole run (it vanishes with the
// connection if the process dies). The embedded database has a single connection that a long
// transaction would block, and only this process can reach it: a process-local set suffices.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import type { RunKey } from "./runs";

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

const globalForLocks = globalThis as unknown as { __stocklockSyncLocks?: Set<string> };
globalForLocks.__stocklockSyncLocks ??= new Set<string>();
const localLocks = globalForLocks.__stocklockSyncLocks;

/** True when the handle runs on the embedded PGlite database. */
export function isEmbedded(db: Database): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}

export function lockName(key: RunKey): string {
  return `stocklock:sync:${key.marketplaceId}:${key.type}`;
}

/** Runs `work` while holding the lock for `key`; returns `acquired: false` when it is taken. */
export async function withRunLock<T>(
  db: Database,
  key: RunKey,
  work: () => Promise<T>,
): Promise<LockOutcome<T>> {
  const name = lockName(key);
  if (isEmbedded(db)) {
    if (localLocks.has(name)) return { acquired: false };
    localLocks.add(name);
    try {
      return { acquired: true, value: await work() };
    } finally {
      localLocks.delete(name);
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext(${name})::bigint) as locked`,
    );
    if (!row?.locked) return { acquired: false } as const;
    // The run itself writes through other pooled connections; this one only holds the lock.
    return { acquired: true, value: await work() } as const;
  });
}
