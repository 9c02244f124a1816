// Ending a run early: past its deadline, when its lock is lost, or when its caller gives up.
// The run's work is raced against the abort (so a call that ignores the signal cannot hold the
// run open), and the database it writes through is fenced: once aborted, no new statement
// starts and no open transaction commits, so a run that lost its lock stops writing even while
// a next run of the pair already holds the lock.
import type { Database } from "@/db/client";

/** Why a run was stopped; its message is what the run's row and the CLI show. */
export class RunAbortedError extends Error {
  override name = "RunAbortedError";
}

export function isRunAborted(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof RunAbortedError) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function deadlineError(deadlineMs: number): RunAbortedError {
  return new RunAbortedError(
    `deadline of ${deadlineMs / 1000} s passed: the run was stopped and its lock freed ` +
      "(SYNC_RUN_DEADLINE_SECONDS); the next run picks up what is left",
  );
}

/** How long an aborted run's in-flight work may take to wind down before the run ends. */
export const ABORT_GRACE_MS = 5_000;

/** An AbortSignal that fires at the deadline, or with any of `parents`. */
export function runSignal(
  deadlineMs: number,
  parents: (AbortSignal | undefined)[],
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(deadlineError(deadlineMs)), deadlineMs);
  timer.unref?.();
  const signal = AbortSignal.any([
    controller.signal,
    ...parents.filter((s): s is AbortSignal => s !== undefined),
  ]);
  return { signal, dispose: () => clearTimeout(timer) };
}

function abortReason(signal: AbortSignal): RunAbortedError {
  const reason: unknown = signal.reason;
  if (reason instanceof RunAbortedError) return reason;
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new RunAbortedError(`the run was cancelled: ${detail}`, { cause: reason });
}

/**
 * Runs `work`; when `signal` fires first, rejects with the abort's reason after giving the
 * work up to `graceMs` to settle (its calls see the same signal, so it usually stops at once).
 */
export async function runUntilAborted<T>(
  signal: AbortSignal,
  work: () => Promise<T>,
  graceMs = ABORT_GRACE_MS,
): Promise<T> {
  if (signal.aborted) throw abortReason(signal);
  const task = work();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<"aborted">((resolve) => {
    onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const first = await Promise.race([task, aborted]);
    if (first !== "aborted" || !signal.aborted) return first as T;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
  // Aborted: the work's own failure is the abort's consequence, not news; the reason is.
  const settled = task.then(
    () => "settled" as const,
    () => "settled" as const,
  );
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  throw abortReason(signal);
}

const writeMethods = new Set(["insert", "update", "delete", "execute"]);

/**
 * The database as an aborted run may no longer use it: statements and transactions refused
 * once `signal` fired, and a transaction whose body finishes after that rolls back.
 */
export function fencedDatabase(db: Database, signal: AbortSignal): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "transaction") {
        return (body: (tx: unknown) => Promise<unknown>, config?: unknown) => {
          if (signal.aborted) return Promise.reject(abortReason(signal));
          return (value as (b: typeof body, c?: unknown) => Promise<unknown>).call(
            target,
            async (tx) => {
              const result = await body(tx);
              // Throwing here rolls back instead of committing a lost run's writes.
              if (signal.aborted) throw abortReason(signal);
              return result;
            },
            config,
          );
        };
      }
      if (typeof property === "string" && writeMethods.has(property)) {
        return (...args: unknown[]) => {
          if (signal.aborted) throw abortReason(signal);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
