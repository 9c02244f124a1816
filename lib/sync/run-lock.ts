// No two runs of the same (marketplace, type) overlap. On PostgreSQL a session-level advisory
// lock is held on a dedicated connection outside the pool, so any number of runs never starve
// the pool the work (and the app) needs; it vanishes with the connection if the process dies.
// The holder watches that connection: if it closes or is replaced, the lock is gone and the
// run is told to stop (the signal passed to `work`). The embedded database has a single
// connection and only this process can reach it: a process-local set suffices there.
import { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { Database } from "@/db/client";
import { openDedicatedConnection } from "@/db/client";
import { logger } from "@/lib/log";
import { RunAbortedError } from "./run-abort";
import type { RunKey } from "./runs";

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** How often the holder checks that its lock connection is still the one holding the lock. */
export const LOCK_CHECK_INTERVAL_MS = 1_000;
/** A check unanswered for this long (a half-open connection) counts as a lost lock. */
export const LOCK_CHECK_TIMEOUT_MS = 5_000;

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

/**
 * Runs `work` while holding the lock for `key`; returns `acquired: false` when it is taken.
 * `work` gets a signal that fires if the lock is lost while it runs.
 */
export async function withRunLock<T>(
  db: Database,
  key: RunKey,
  work: (lockLost: AbortSignal) => Promise<T>,
): Promise<LockOutcome<T>> {
  const name = lockName(key);
  if (isEmbedded(db)) {
    if (localLocks.has(name)) return { acquired: false };
    localLocks.add(name);
    try {
      return { acquired: true, value: await work(new AbortController().signal) };
    } finally {
      localLocks.delete(name);
    }
  }
  const lost = new AbortController();
  let ending = false;
  const connection = openDedicatedConnection(db, {
    applicationName: "stocklock run lock",
    onclose: () => {
      if (!ending) lost.abort(lockLostError(name, "its database connection closed"));
    },
  });
  if (!connection) throw new Error("this database handle cannot open a dedicated lock connection");
  try {
    const [row] = await connection<{ locked: boolean; pid: number }[]>`
      select pg_try_advisory_lock(hashtext(${name})::bigint) as locked, pg_backend_pid() as pid`;
    if (!row?.locked) return { acquired: false };
    const stopWatching = watchLock(connection, row.pid, name, lost);
    try {
      return { acquired: true, value: await work(lost.signal) };
    } finally {
      stopWatching();
      if (!lost.signal.aborted) await unlock(connection, name);
    }
  } finally {
    ending = true;
    await connection.end({ timeout: 1 });
  }
}

function lockLostError(name: string, why: string): RunAbortedError {
  return new RunAbortedError(
    `lost the run lock ${name} (${why}): the run stopped writing so that no other run of ` +
      "the pair writes at the same time",
  );
}

/** Polls the lock connection; a failed check or another backend means the lock is gone. */
function watchLock(
  connection: postgres.Sql,
  pid: number,
  name: string,
  lost: AbortController,
): () => void {
  let checking = false;
  let checkStartedAt = 0;
  const timer = setInterval(() => {
    if (lost.signal.aborted) return;
    if (checking) {
      if (performance.now() - checkStartedAt > LOCK_CHECK_TIMEOUT_MS) {
        lost.abort(lockLostError(name, "its database connection stopped answering"));
      }
      return;
    }
    checking = true;
    checkStartedAt = performance.now();
    connection<{ pid: number }[]>`select pg_backend_pid() as pid`
      .then(([row]) => {
        // postgres.js reconnects silently: a new backend no longer holds the lock.
        if (row?.pid !== pid) lost.abort(lockLostError(name, "its database session ended"));
      })
      .catch((error: unknown) => {
        const why = `checking it failed: ${error instanceof Error ? error.message : error}`;
        lost.abort(lockLostError(name, why));
      })
      .finally(() => {
        checking = false;
      });
  }, LOCK_CHECK_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}

async function unlock(connection: postgres.Sql, name: string): Promise<void> {
  try {
    await connection`select pg_advisory_unlock(hashtext(${name})::bigint)`;
  } catch (error) {
    // Ending the connection right after frees the lock anyway; the log says why it was slow.
    logger.warn(
      { err: error, lock: name },
      "releasing the run lock failed; closing its connection",
    );
  }
}
