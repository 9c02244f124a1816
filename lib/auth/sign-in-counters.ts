// Atomic counters for sign-in limits. A slot is taken *before* the password is checked, in one
// upsert that returns the new count, so N parallel requests see N different counts and at most
// the limit of them go on to a password check (a read-then-write would let them all read "4").
import { eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { signInCounters } from "@/db/schema";

/** Counters whose window started longer ago than this are deleted as attempts come in. */
const KEEP_MS = 24 * 60 * 60_000;

/**
 * Counts one attempt against `key` in its current fixed window (a window older than
 * `windowMs` starts over at 1) and returns the count including this attempt.
 */
export async function takeSignInSlot(
  executor: Executor,
  key: string,
  windowMs: number,
): Promise<number> {
  const expired = sql`${signInCounters.windowStart} <= now() - make_interval(secs => ${windowMs / 1000})`;
  const [row] = await executor
    .insert(signInCounters)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: signInCounters.key,
      set: {
        count: sql`case when ${expired} then 1 else ${signInCounters.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${signInCounters.windowStart} end`,
      },
    })
    .returning({ count: signInCounters.count });
  if (!row) throw new Error(`sign-in counter ${key}: the upsert returned no row`);
  return row.count;
}

/** Hands back a slot taken for an attempt that turned out not to be a password guess. */
export async function returnSignInSlot(executor: Executor, key: string): Promise<void> {
  await executor
    .update(signInCounters)
    .set({ count: sql`greatest(${signInCounters.count} - 1, 0)` })
    .where(eq(signInCounters.key, key));
}

/** Forgets a key's attempts (after a successful sign-in). */
export async function clearSignInCounter(executor: Executor, key: string): Promise<void> {
  await executor.delete(signInCounters).where(eq(signInCounters.key, key));
}

/** Deletes counters of long-gone windows, so guessed emails do not pile up rows. */
export async function pruneSignInCounters(executor: Executor): Promise<void> {
  await executor
    .delete(signInCounters)
    .where(lt(signInCounters.windowStart, new Date(Date.now() - KEEP_MS)));
}
