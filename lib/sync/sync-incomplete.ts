// `incomplete`: incomplete orders (incomplete-order.ts) of the last --days-back days are
// re-fetched; the upsert is idempotent, so no lock or event is doubled.
import { and, eq, gte } from "drizzle-orm";
import { orders } from "@/db/schema";
import type { MarketplaceAdapter, OrderResult } from "@/lib/marketplaces/adapter";
import { forEachConcurrent } from "./concurrent";
import { errorMessage, isFatal } from "./fatal";
import { processListedOrder } from "./import-order";
import { incompleteOrderCondition } from "./incomplete-order";
import { ORDER_CONCURRENCY, type SyncContext, type TypeResult } from "./sync-context";

export async function syncIncompleteOrders(ctx: SyncContext): Promise<TypeResult> {
  const { labels, deliveryNotes } = ctx.adapter.capabilities;
  if (!labels && !deliveryNotes) {
    return { message: `${ctx.adapter.provider} provides no shipping documents: nothing to do` };
  }
  const from = new Date(Date.now() - ctx.daysBack * 24 * 60 * 60_000);
  const candidates = await ctx.db
    .select({ externalId: orders.externalId })
    .from(orders)
    .where(
      and(
        eq(orders.marketplaceId, ctx.marketplace.id),
        gte(orders.orderedAt, from),
        incompleteOrderCondition(),
      ),
    )
    .orderBy(orders.orderedAt);
  let done = 0;
  await forEachConcurrent(candidates, ORDER_CONCURRENCY, async ({ externalId }) => {
    ctx.recorder.setProgress("incomplete orders", ++done, candidates.length);
    let fetched: OrderResult | null;
    try {
      fetched = await fetchOrderWithDocuments(ctx.adapter, externalId, ctx.signal);
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.add({ fetched: 1 });
      ctx.recorder.fail({
        orderId: externalId,
        message: `re-fetch failed: ${errorMessage(error)}`,
      });
      return;
    }
    if (!fetched) {
      ctx.recorder.add({ fetched: 1, skipped: 1 });
      return;
    }
    await processListedOrder(ctx, fetched);
  });
  return {};
}

/** The order by id, with its shipping documents asked for separately when the order lacks them. */
export async function fetchOrderWithDocuments(
  adapter: MarketplaceAdapter,
  externalId: string,
  signal?: AbortSignal,
): Promise<OrderResult | null> {
  const fetched = await adapter.getOrder(externalId, signal);
  if (!fetched?.ok) return fetched;
  const { order } = fetched;
  if (order.labelUrl && order.deliveryNoteUrl) return fetched;
  const { labels, deliveryNotes } = adapter.capabilities;
  if (!labels && !deliveryNotes) return fetched;
  const documents = await adapter.getShippingDocuments(externalId, signal);
  return {
    ok: true,
    order: {
      ...order,
      labelUrl: order.labelUrl ?? documents.labelUrl,
      deliveryNoteUrl: order.deliveryNoteUrl ?? documents.deliveryNoteUrl,
    },
  };
}
