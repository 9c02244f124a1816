// Orders fetched again by id during a `modified` run: those that failed to import in earlier
// runs, and local open orders the listing no longer shows. The cursor never waits for a
// failed order (one bad order would pin it forever); instead the failures recorded on the runs
// (sync_runs.error_details[].orderId) are the durable list of what to fetch again, and a run
// that fails them again records them again.
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { OrderResult } from "@/lib/marketplaces/adapter";
import { errorMessage, isFatal } from "./fatal";
import { processListedOrder } from "./import-order";
import type { RunKey } from "./runs";
import type { SyncContext } from "./sync-context";

/** How many earlier runs are searched for failures (back to the last one that completed). */
const RUNS_SEARCHED = 20;

/**
 * External ids of orders that failed in the runs of `key` before `beforeRunId`: from the newest
 * back to the newest run that completed (succeeded or partial), because a completed run fetched
 * every earlier failure again and recorded those that failed once more.
 */
export async function previouslyFailedOrderIds(
  db: Executor,
  key: RunKey,
  beforeRunId: number,
): Promise<string[]> {
  const runs = await db
    .select({ status: syncRuns.status, errorDetails: syncRuns.errorDetails })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.type, key.type),
        eq(syncRuns.marketplaceId, key.marketplaceId),
        inArray(syncRuns.status, ["succeeded", "partial", "failed"]),
        lt(syncRuns.id, beforeRunId),
      ),
    )
    .orderBy(desc(syncRuns.id))
    .limit(RUNS_SEARCHED);
  const ids = new Set<string>();
  for (const run of runs) {
    for (const error of run.errorDetails) {
      // "?" marks a payload whose id could not be read: nothing to fetch.
      if (error.orderId && error.orderId !== "?") ids.add(error.orderId);
    }
    if (run.status !== "failed") break;
  }
  return [...ids];
}

/**
 * Fetches each order by id and imports it like a listed one; `saw` hears of every order read.
 * A fetch that fails is recorded for that order (so the next run tries again); only a fatal
 * error (database gone, credentials refused) ends the run.
 */
export async function refetchOrders(
  ctx: SyncContext,
  externalIds: readonly string[],
  phase: string,
  saw: (order: OrderResult, imported: boolean) => void,
): Promise<void> {
  let done = 0;
  for (const externalId of externalIds) {
    ctx.recorder.setProgress(phase, ++done, externalIds.length);
    let fetched: OrderResult | null;
    try {
      fetched = await ctx.adapter.getOrder(externalId, ctx.signal);
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: externalId,
        message: `re-fetch failed: ${errorMessage(error)}`,
      });
      continue;
    }
    if (!fetched) {
      ctx.recorder.add({ skipped: 1 });
      ctx.log.warn({ orderId: externalId }, "order no longer known to the marketplace");
      continue;
    }
    const imported = await processListedOrder(ctx, fetched);
    saw(fetched, imported !== undefined);
  }
}
