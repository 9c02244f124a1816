// One order into the database: its own transaction (one bad order never stops a run), the
// run's counters, and a line per order for `-v` and the logs.
import type { OrderResult } from "@/lib/marketplaces/adapter";
import { errorMessage, isFatal } from "./fatal";
import type { NormalizedOrder } from "./normalized-order";
import type { SyncContext } from "./sync-context";
import { upsertOrder } from "./upsert-order";

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
    upsertOrder(tx, order, { syncRunId: ctx.recorder.id }),
  );
  const outcome = result.created ? "created" : result.changed ? "updated" : "unchanged";
  // A re-read of an order this run already counted adds its events and locks, not the order.
  const counted = options.countOrder !== false;
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
  after?: (imported: ImportedOrder) => Promise<number | undefined>,
): Promise<ImportedOrder | undefined> {
  ctx.recorder.add({ fetched: 1 });
  const marketplace = ctx.marketplace.code;
  const runId = ctx.recorder.id;
  if (!listed.ok) {
    const { externalId, path, message } = listed.failure;
    ctx.recorder.fail({ orderId: externalId, path, message });
    ctx.log.warn({ orderId: externalId, path }, `order payload rejected: ${message}`);
    ctx.onOrder?.({ runId, marketplace, externalId, outcome: "failed", message });
    return undefined;
  }
  const externalId = listed.order.externalId;
  try {
    const imported = await importOrder(ctx, listed.order);
    const accepted = after ? await after(imported) : undefined;
    ctx.log.debug({ orderId: externalId, outcome: imported.outcome, accepted }, "order synced");
    ctx.onOrder?.({ runId, marketplace, externalId, outcome: imported.outcome, accepted });
    return imported;
  } catch (error) {
    if (isFatal(error)) throw error;
    const message = errorMessage(error);
    ctx.recorder.fail({ orderId: externalId, message });
    ctx.log.error({ orderId: externalId, err: error }, "order failed");
    ctx.onOrder?.({ runId, marketplace, externalId, outcome: "failed", message });
    return undefined;
  }
}

/** An order the page check found unchanged: counted as fetched, nothing written. */
export function recordUnchanged(ctx: SyncContext, order: NormalizedOrder): true {
  ctx.recorder.add({ fetched: 1 });
  ctx.onOrder?.({
    runId: ctx.recorder.id,
    marketplace: ctx.marketplace.code,
    externalId: order.externalId,
    outcome: "unchanged",
  });
  return true;
}
