// `modified`: orders changed since the last mark (minus an overlap), then the local orders that
// are still open but were not listed (Back Market hides states 0 and 8) re-fetched by id.
import { and, eq, inArray } from "drizzle-orm";
import { orders } from "@/db/schema";
import { openItemStatuses } from "@/db/schema/enums";
import { batchedAhead, forEachConcurrent } from "./concurrent";
import { errorMessage, isFatal } from "./fatal";
import { processListedOrder, processListedPage } from "./import-order";
import { modifiedSince } from "./runs";
import {
  PAGE_CONCURRENCY,
  type SyncContext,
  type TypeResult,
  writeBatchSize,
} from "./sync-context";

export async function syncModifiedOrders(ctx: SyncContext): Promise<TypeResult> {
  const key = { type: "modified", marketplaceId: ctx.marketplace.id } as const;
  const { since, previousMark } = await modifiedSince(ctx.db, key);
  ctx.log.info({ since: since.toISOString() }, "listing orders modified since");
  const seen = new Set<string>();
  const mark = new HighWaterMark(previousMark);
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
      if (!listed.ok) continue;
      seen.add(listed.order.externalId);
      mark.saw(listed.order.modifiedAt ?? null, imported[index] !== undefined);
    }
    done += page.length;
    ctx.recorder.setProgress("modified orders", done);
  });
  await refetchUnlistedOpenOrders(ctx, seen, mark);
  return { highWaterMark: mark.value() };
}

async function refetchUnlistedOpenOrders(
  ctx: SyncContext,
  seen: Set<string>,
  mark: HighWaterMark,
): Promise<void> {
  const open = await ctx.db
    .select({ externalId: orders.externalId })
    .from(orders)
    .where(
      and(
        eq(orders.marketplaceId, ctx.marketplace.id),
        inArray(orders.status, [...openItemStatuses]),
      ),
    );
  const missing = open.filter((row) => !seen.has(row.externalId));
  let done = 0;
  for (const { externalId } of missing) {
    ctx.recorder.setProgress("open orders not listed", ++done, missing.length);
    let fetched: Awaited<ReturnType<typeof ctx.adapter.getOrder>>;
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
      ctx.log.warn({ orderId: externalId }, "open order no longer known to the marketplace");
      continue;
    }
    const imported = await processListedOrder(ctx, fetched);
    if (fetched.ok) mark.saw(fetched.order.modifiedAt ?? null, imported !== undefined);
  }
}

/**
 * The newest modification date imported, held below the oldest one that failed so that a
 * failed order is listed again by the next run.
 */
class HighWaterMark {
  private newest: number | null;
  private oldestFailed: number | null = null;

  constructor(previous: Date | null) {
    this.newest = previous?.getTime() ?? null;
  }

  saw(modifiedAt: Date | null, imported: boolean): void {
    if (!modifiedAt) return;
    const time = modifiedAt.getTime();
    if (imported) this.newest = Math.max(this.newest ?? time, time);
    else this.oldestFailed = Math.min(this.oldestFailed ?? time, time);
  }

  value(): Date | null {
    if (this.newest === null) return null;
    const capped =
      this.oldestFailed === null ? this.newest : Math.min(this.newest, this.oldestFailed - 1);
    return new Date(capped);
  }
}
