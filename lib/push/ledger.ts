// The push ledger (stock_pushes): one row per push attempt, written in the transaction that
// records the attempt on its listing (record.ts), kept 90 days. Pruning deletes the older rows
// in small batches, at most once an hour per process (the drain calls maybePrunePushLedger).
import { lt, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { type PushStatus, stockPushes } from "@/db/schema";
import { errorMessage } from "@/lib/failures";
import { logger } from "@/lib/log";
import { MarketplaceHttpError } from "@/lib/marketplaces/http/errors";

/** Ledger rows older than this are pruned. */
export const PUSH_LEDGER_RETENTION_DAYS = 90;
/** Rows deleted per statement: short statements, no long lock on the table. */
export const PUSH_LEDGER_PRUNE_BATCH = 1_000;
/** One prune run stops after this many batches (the next one goes on). */
const MAX_PRUNE_BATCHES = 20;
/** A process prunes at most this often. */
export const PUSH_LEDGER_PRUNE_INTERVAL_MS = 60 * 60_000;

/** What the drain knows about one attempt; the record step adds the status. */
export interface PushAttempt {
  /** The quantity sent. */
  quantity: number;
  /** The marketplace's HTTP status: the failure's when it carries one; null when unknown. */
  httpStatus: number | null;
  /** The error text (already sanitised by the transport), for a failed attempt. */
  error?: string | null;
  durationMs: number;
}

export async function insertPushAttempt(
  tx: Transaction,
  push: { marketplaceId: number; variationId: number },
  attempt: PushAttempt,
  status: PushStatus,
): Promise<void> {
  await tx.insert(stockPushes).values({
    marketplaceId: push.marketplaceId,
    variationId: push.variationId,
    quantity: attempt.quantity,
    status,
    httpStatus: attempt.httpStatus,
    error: attempt.error ?? null,
    durationMs: Math.max(0, Math.round(attempt.durationMs)),
  });
}

/** The HTTP status a failed push carries, when the marketplace answered at all. */
export function httpStatusOf(error: unknown): number | null {
  return error instanceof MarketplaceHttpError ? error.httpStatus : null;
}

/**
 * Deletes ledger rows attempted more than 90 days before `now`, in batches of `batchSize`.
 * Returns how many rows it deleted.
 */
export async function prunePushLedger(
  executor: Executor,
  options: { now?: Date; batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - PUSH_LEDGER_RETENTION_DAYS * 24 * 60 * 60_000);
  const batchSize = options.batchSize ?? PUSH_LEDGER_PRUNE_BATCH;
  const maxBatches = options.maxBatches ?? MAX_PRUNE_BATCHES;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const old = executor
      .select({ id: stockPushes.id })
      .from(stockPushes)
      .where(lt(stockPushes.attemptedAt, cutoff))
      .limit(batchSize);
    const rows = await executor
      .delete(stockPushes)
      .where(sql`${stockPushes.id} in (${old})`)
      .returning({ id: stockPushes.id });
    deleted += rows.length;
    if (rows.length < batchSize) break;
  }
  return deleted;
}

let lastPrunedAt: number | null = null;

/**
 * Prunes the ledger if this process has not done so within the last hour. Never throws: a
 * failed prune is logged and tried again at the next interval. Returns the rows deleted, or
 * null when it was not this process's turn.
 */
export async function maybePrunePushLedger(
  executor: Executor,
  now: number = Date.now(),
): Promise<number | null> {
  if (lastPrunedAt !== null && now - lastPrunedAt < PUSH_LEDGER_PRUNE_INTERVAL_MS) return null;
  lastPrunedAt = now;
  try {
    return await prunePushLedger(executor, { now: new Date(now) });
  } catch (error) {
    logger.warn({ phase: "push" }, `pruning the push ledger failed: ${errorMessage(error)}`);
    return 0;
  }
}

/** Tests: forget when this process last pruned. */
export function resetPushLedgerPruneClock(): void {
  lastPrunedAt = null;
}
