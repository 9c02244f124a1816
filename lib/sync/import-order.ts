// Orders into the database: a fetched page in one transaction through upsertOrders; when
// that fails, each order of the page again in its own transaction, so one bad order never
// stops a run (its error is recorded for that order only). Also the run's counters, and a
// line per order for `-v` and the logs.

import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import type { OrderResult } from "@/lib/marketplaces/adapter";
import { forEachConcurrent } from "./concurrent";
import { errorMessage, isFatal } from "./fatal";
import { ORDER_CONCURRENCY, type SyncContext } from "./sync-context";
import { settleUnchangedOrders } from "./unchanged-orders";
import { type UpsertOrderResult, upsertOrder, upsertOrders } from "./upsert-order";

export interface ImportedItem {
  externalId: string;
  sku: string;
  status: NormalizedOrder["items"][number]["status"];
  mapped: boolean;
  oversold: boolean;
}

export interface ImportedOrder {
  order: NormalizedOrder;
  outcome: "created" | "updated" | "unchanged";
  items: ImportedItem[];
}

/** Upserts one normalised order in its own transaction and counts what it did. */
export async function importOrder(
  ctx: SyncContext,
  order: NormalizedOrder,
  options: { countOrder?: boolean } = {},
): Promise<ImportedOrder> {
  const result = await ctx.db.transaction((tx) =>
    upsertOrder(tx, order, { syncRunId: ctx.recorder.id, bus: ctx.bus }),
  );
  return recordResult(ctx, order, result, options.countOrder !== false);
}

function recordResult(
  ctx: SyncContext,
  order: NormalizedOrder,
  result: UpsertOrderResult,
  counted: boolean,
): ImportedOrder {
  const outcome = result.created ? "created" : result.changed ? "updated" : "unchanged";
  // A re-read of an order this run already counted adds its events and locks, not the order.
  ctx.recorder.add({
    created: counted && outcome === "created" ? 1 : 0,
    updated: counted && outcome === "updated" ? 1 : 0,
    events: result.events,
    locks: result.locksCreated,
  });
  return {
    order,
    outcome,
    items: result.items.map((item) => ({
      externalId: item.externalId,
      sku: item.sku,
      status: item.status,
      mapped: item.mapped,
      oversold: item.oversold,
    })),
  };
}

/**
 * Handles one listed order: a parse failure or a failed upsert is counted and recorded, and
 * the run goes on; only a fatal error (database gone, credentials refused) propagates.
 */
export async function processListedOrder(
  ctx: SyncContext,
  listed: OrderResult,
): Promise<ImportedOrder | undefined> {
  const [imported] = await processListedPage(ctx, [listed]);
  return imported;
}

/**
 * Handles a page of listed orders, like processListedOrder for each, in one transaction.
 * With `skipUnchanged`, orders that already match what is stored are only counted (outcome
 * "unchanged", no lines) and cost no transaction. Returns one entry per listed order:
 * undefined for a rejected payload or a failed order.
 */
export async function processListedPage(
  ctx: SyncContext,
  page: readonly OrderResult[],
  options: { skipUnchanged?: boolean } = {},
): Promise<(ImportedOrder | undefined)[]> {
  const results: (ImportedOrder | undefined)[] = page.map(() => undefined);
  const pending: { index: number; order: NormalizedOrder }[] = [];
  const fetched = page.flatMap((listed) => (listed.ok ? [listed.order] : []));
  const unchanged = options.skipUnchanged
    ? await settleUnchangedOrders(ctx.db, ctx.marketplace.id, fetched)
    : new Set<string>();
  for (const [index, listed] of page.entries()) {
    ctx.recorder.add({ fetched: 1 });
    if (!listed.ok) {
      rejected(ctx, listed.failure);
    } else if (unchanged.has(listed.order.externalId)) {
      results[index] = { order: listed.order, outcome: "unchanged", items: [] };
      reportOutcome(ctx, listed.order.externalId, "unchanged");
    } else {
      pending.push({ index, order: listed.order });
    }
  }
  if (pending.length === 0) return results;

  let upserted: UpsertOrderResult[] | undefined;
  try {
    upserted = await ctx.db.transaction((tx) =>
      upsertOrders(
        tx,
        pending.map((entry) => entry.order),
        { syncRunId: ctx.recorder.id, bus: ctx.bus },
      ),
    );
  } catch (error) {
    if (isFatal(error) || pending.length === 1) {
      if (isFatal(error)) throw error;
      failed(ctx, pending[0]?.order.externalId ?? "", error);
      return results;
    }
    ctx.log.warn(
      { orders: pending.length, err: error },
      "page failed as a whole; importing its orders one by one",
    );
  }
  if (upserted) {
    for (const [position, { index, order }] of pending.entries()) {
      const result = upserted[position];
      if (!result) continue;
      results[index] = recordResult(ctx, order, result, true);
      reportOutcome(ctx, order.externalId, results[index].outcome);
    }
    return results;
  }
  await forEachConcurrent(pending, ORDER_CONCURRENCY, async ({ index, order }) => {
    try {
      results[index] = await importOrder(ctx, order);
      reportOutcome(ctx, order.externalId, results[index].outcome);
    } catch (error) {
      if (isFatal(error)) throw error;
      failed(ctx, order.externalId, error);
    }
  });
  return results;
}

function rejected(ctx: SyncContext, failure: Extract<OrderResult, { ok: false }>["failure"]): void {
  const { externalId, path, message } = failure;
  ctx.log.warn({ orderId: externalId, path }, `order payload rejected: ${message}`);
  recordFailure(ctx, externalId, message, path);
}

function failed(ctx: SyncContext, externalId: string, error: unknown): void {
  const message = errorMessage(error);
  ctx.log.error({ orderId: externalId, err: error }, "order failed");
  recordFailure(ctx, externalId, message);
}

/** A failed order: counted on the run with its id and message, and reported to the caller. */
function recordFailure(ctx: SyncContext, externalId: string, message: string, path?: string): void {
  ctx.recorder.fail(
    path === undefined ? { orderId: externalId, message } : { orderId: externalId, path, message },
  );
  ctx.onOrder?.({
    runId: ctx.recorder.id,
    marketplace: ctx.marketplace.code,
    externalId,
    outcome: "failed",
    message,
  });
}

function reportOutcome(
  ctx: SyncContext,
  externalId: string,
  outcome: ImportedOrder["outcome"],
): void {
  ctx.log.debug({ orderId: externalId, outcome }, "order synced");
  ctx.onOrder?.({
    runId: ctx.recorder.id,
    marketplace: ctx.marketplace.code,
    externalId,
    outcome,
  });
}
