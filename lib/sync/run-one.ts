// One run of one sync type for one marketplace: under the (marketplace, type) lock, recorded in
// sync_runs, bounded by its deadline, and stopped (ending `failed`) if its lock is lost.
import type { Database } from "@/db/client";
import { env } from "@/lib/env";
import { type Logger, logger as rootLogger } from "@/lib/log";
import { createAdapter } from "@/lib/marketplaces/factory";
import { errorMessage, isDatabaseUnreachable } from "./fatal";
import type { syncRequestSchema } from "./options";
import { fencedDatabase, runSignal, runUntilAborted } from "./run-abort";
import { withRunLock } from "./run-lock";
import type { RunSummary, RunSyncOptions, RunType } from "./run-sync";
import {
  abandonRunningRuns,
  emptyCounts,
  type RunRecorder,
  recordSkippedRun,
  type SyncRun,
  startRun,
} from "./runs";
import { syncCareRecords } from "./sync-care";
import type { MarketplaceRow, SyncContext, TypeResult } from "./sync-context";
import { syncIncompleteOrders } from "./sync-incomplete";
import { syncModifiedOrders } from "./sync-modified";
import { syncNewOrders } from "./sync-new";
import { syncStockListings } from "./sync-stock";

const executors: Record<RunType, (ctx: SyncContext) => Promise<TypeResult>> = {
  new: syncNewOrders,
  modified: syncModifiedOrders,
  care: syncCareRecords,
  incomplete: syncIncompleteOrders,
  stock: syncStockListings,
};

export interface RunInput {
  db: Database;
  marketplace: MarketplaceRow;
  type: RunType;
  request: ReturnType<typeof syncRequestSchema.parse>;
  options: RunSyncOptions;
  log: Logger;
}

export async function runOne(input: Omit<RunInput, "log">): Promise<RunSummary> {
  const { db, marketplace, type, request, options } = input;
  const key = { type, marketplaceId: marketplace.id };
  const log = rootLogger.child({ marketplace: marketplace.code, syncType: type });
  try {
    const outcome = await withRunLock(db, key, (lockLost) =>
      runLocked({ ...input, log }, lockLost),
    );
    const row = outcome.acquired
      ? outcome.value
      : await recordSkippedRun(
          db,
          { ...key, trigger: request.trigger },
          `another ${type} sync of ${marketplace.code} is running`,
        );
    if (!outcome.acquired) log.info("sync run skipped: another run holds the lock");
    const summary = toSummary(row, marketplace);
    options.onProgress?.({ kind: "run-finished", run: summary });
    return summary;
  } catch (error) {
    // The database itself failed: nothing more can be recorded there (a `running` row left
    // behind is marked abandoned by the next run of the pair).
    log.error({ err: error }, "sync run failed and could not be recorded");
    const summary: RunSummary = {
      runId: null,
      marketplace: marketplace.code,
      marketplaceId: marketplace.id,
      type,
      status: "failed",
      counts: emptyCounts(),
      durationMs: 0,
      message: failureMessage(error),
      errors: [],
    };
    options.onProgress?.({ kind: "run-finished", run: summary });
    return summary;
  }
}

/**
 * The run proper, once its lock is held: start the row, work until done or stopped, finish.
 * The fast `new` poll (poll-new.ts) calls it under the lock it took for its first look.
 */
export async function runLocked(input: RunInput, lockLost: AbortSignal): Promise<SyncRun> {
  const { db, marketplace, type, request, options, log } = input;
  const key = { type, marketplaceId: marketplace.id };
  await abandonRunningRuns(db, key);
  const recorder = await startRun(db, { ...key, trigger: request.trigger }, (changed) =>
    options.onProgress?.({
      kind: "progress",
      recorder: changed,
      marketplace: marketplace.code,
      type,
    }),
  );
  const runLog = log.child({ runId: recorder.id });
  options.onProgress?.({
    kind: "run-started",
    runId: recorder.id,
    marketplace: marketplace.code,
    type,
  });
  runLog.info("sync run started");
  const deadlineMs = options.deadlineMs ?? env().SYNC_RUN_DEADLINE_SECONDS * 1000;
  const startedAt = performance.now();
  const stop = runSignal(deadlineMs, [options.signal, lockLost]);
  let finished: SyncRun;
  try {
    const result = await runUntilAborted(stop.signal, () =>
      executors[type]({
        // Fenced: once stopped, this run's late statements and commits are refused.
        db: fencedDatabase(db, stop.signal),
        adapter: createAdapter(marketplace, { logger: runLog, ...options.adapterOptions }),
        marketplace,
        recorder,
        bus: options.bus,
        log: runLog,
        pageSize: request.pageSize,
        daysBack: request.daysBack,
        signal: stop.signal,
        onOrder: (order) => options.onProgress?.({ kind: "order", order }),
      }),
    );
    finished = await recorder.finish(result);
  } catch (error) {
    runLog.error({ err: error }, "sync run failed");
    // Within the run's deadline, and never longer than the budget.
    const giveUpAt = Math.min(startedAt + deadlineMs, performance.now() + RECORD_FAILURE_BUDGET_MS);
    finished = await finishFailed(recorder, error, runLog, giveUpAt);
  } finally {
    stop.dispose();
  }
  runLog.info(
    { status: finished.status, durationMs: finished.durationMs, errors: finished.errors },
    "sync run finished",
  );
  return finished;
}

/** A run's failure that could not be written to its row: its message says both. */
class RunNotRecordedError extends Error {
  override name = "RunNotRecordedError";
}

function failureMessage(error: unknown): string {
  if (error instanceof RunNotRecordedError) return error.message;
  return isDatabaseUnreachable(error)
    ? `database unreachable: ${errorMessage(error)}`
    : errorMessage(error);
}

/** How long a run keeps trying to record its failure while the database is unreachable. */
export const RECORD_FAILURE_BUDGET_MS = 10_000;

/**
 * Records the failure on the run's row, retrying while the database is unreachable (a restart
 * takes seconds) until `giveUpAt`; then throws, and the next run marks the row abandoned.
 */
async function finishFailed(
  recorder: RunRecorder,
  error: unknown,
  log: Logger,
  giveUpAt: number,
): Promise<SyncRun> {
  const message = failureMessage(error);
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 2_000)) {
    try {
      return await recorder.finish({ status: "failed", message });
    } catch (finishError) {
      if (!isDatabaseUnreachable(finishError) || performance.now() + waitMs > giveUpAt) {
        log.error({ err: finishError }, "recording the failed run failed");
        throw new RunNotRecordedError(`${message} (not recorded: ${errorMessage(finishError)})`, {
          cause: finishError,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

export function toSummary(row: SyncRun, marketplace: MarketplaceRow): RunSummary {
  return {
    runId: row.id,
    marketplace: marketplace.code,
    marketplaceId: marketplace.id,
    type: row.type as RunType,
    status: row.status,
    counts: {
      fetched: row.fetched,
      created: row.created,
      updated: row.updated,
      events: row.events,
      locks: row.locks,
      accepted: row.accepted,
      skipped: row.skipped,
      errors: row.errors,
    },
    durationMs: row.durationMs ?? 0,
    message: row.message,
    errors: row.errorDetails,
  };
}
