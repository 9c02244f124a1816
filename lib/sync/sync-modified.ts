// `modified`: orders changed since the last mark (minus an overlap); then, by id, the orders
// that failed in earlier runs and the local orders that are still open but were not listed
// (Back Market hides states 0 and 8). The mark never passes the run's own start.
import { and, eq, inArray } from "drizzle-orm";
import { orders } from "@/db/schema";
import { openItemStatuses } from "@/lib/domain/enums";
import type { OrderResult } from "@/lib/marketplaces/adapter";
import { batchedAhead, forEachConcurrent } from "./concurrent";
import { processListedPage } from "./import-order";
import { previouslyFailedOrderIds, refetchOrders } from "./refetch-orders";
import { MAX_ERROR_DETAILS, modifiedSince } from "./runs";
import {
  PAGE_CONCURRENCY,
  type SyncContext,
  type TypeResult,
  writeBatchSize,
} from "./sync-context";

export async function syncModifiedOrders(ctx: SyncContext): Promise<TypeResult> {
  const key = { type: "modified", marketplaceId: ctx.marketplace.id } as const;
  const { since, previousMark } = await modifiedSince(ctx.db, key);
  const failedBefore = await previouslyFailedOrderIds(ctx.db, key, ctx.recorder.id);
  ctx.log.info({ since: since.toISOString() }, "listing orders modified since");
  const seen = new Set<string>();
  const mark = new HighWaterMark(previousMark, ctx.recorder.run.startedAt);
  let done = 0;
  const listing = ctx.adapter.listOrdersModifiedSince(since, {
    pageSize: ctx.pageSize,
    signal: ctx.signal,
  });
  // Batches of listed orders (writeBatchSize) side by side (PAGE_CONCURRENCY transactions)
  // while the next pages are fetched: one query settles the orders of a batch that did not
  // change, the others are upserted together in one transaction. Transactions take order
  // rows, then variation rows in id order, so two batches that share an order wait for each
  // other rather than deadlock.
  const batches = batchedAhead(listing, writeBatchSize(ctx));
  await forEachConcurrent(batches, PAGE_CONCURRENCY, async (page) => {
    const imported = await processListedPage(ctx, page, { skipUnchanged: true });
    for (const [index, listed] of page.entries()) {
      const id = listed.ok ? listed.order.externalId : listed.failure.externalId;
      seen.add(id);
      if (listed.ok) mark.saw(listed.order.modifiedAt ?? null, imported[index] !== undefined);
    }
    done += page.length;
    ctx.recorder.setProgress("modified orders", done);
  });
  const saw = (fetched: OrderResult, ok: boolean) => {
    if (fetched.ok) mark.saw(fetched.order.modifiedAt ?? null, ok);
  };
  const retry = failedBefore.filter((id) => !seen.has(id));
  for (const id of retry) seen.add(id);
  await refetchOrders(ctx, retry, "orders that failed before", saw);
  await refetchOrders(ctx, await unlistedOpenOrders(ctx, seen), "open orders not listed", saw);
  // Failures past the stored details would not be fetched again: keep the previous mark.
  const overflow = ctx.recorder.counts.errors > MAX_ERROR_DETAILS;
  return { highWaterMark: overflow ? previousMark : mark.value() };
}

/** Local orders still open that this run's listing did not show. */
async function unlistedOpenOrders(ctx: SyncContext, seen: Set<string>): Promise<string[]> {
  const open = await ctx.db
    .select({ externalId: orders.externalId })
    .from(orders)
    .where(
      and(
        eq(orders.marketplaceId, ctx.marketplace.id),
        inArray(orders.status, [...openItemStatuses]),
      ),
    );
  return open.map((row) => row.externalId).filter((id) => !seen.has(id));
}

/**
 * The newest modification date imported, never past the run's start: a date in the future (a
 * marketplace clock, a bad row) would otherwise hide every later change. Orders that failed
 * do not hold it back; they are fetched again by id (refetch-orders.ts).
 */
class HighWaterMark {
  private newest: number | null;

  constructor(
    previous: Date | null,
    private readonly notAfter: Date,
  ) {
    this.newest = previous ? Math.min(previous.getTime(), notAfter.getTime()) : null;
  }

  saw(modifiedAt: Date | null, imported: boolean): void {
    if (!modifiedAt || !imported) return;
    const time = Math.min(modifiedAt.getTime(), this.notAfter.getTime());
    this.newest = Math.max(this.newest ?? time, time);
  }

  value(): Date | null {
    return this.newest === null ? null : new Date(this.newest);
  }
}
