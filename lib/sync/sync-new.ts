// `new`: paid, unaccepted orders → upsert (locks follow) → accept lines per the policy.
import { linesToAccept } from "./accept-policy";
import { batchedAhead, forEachConcurrent } from "./concurrent";
import { errorMessage, isFatal } from "./fatal";
import { type ImportedOrder, importOrder, processListedPage } from "./import-order";
import { ORDER_CONCURRENCY, type SyncContext, type TypeResult } from "./sync-context";

export async function syncNewOrders(ctx: SyncContext): Promise<TypeResult> {
  // Lines are locked as their page arrives, but accepted only once the listing is complete:
  // an accepted order leaves the "new" list, which would shift the pages still to be read.
  const imported: ImportedOrder[] = [];
  let done = 0;
  const listing = ctx.adapter.listNewOrders({ pageSize: ctx.pageSize, signal: ctx.signal });
  for await (const page of batchedAhead(listing, ctx.pageSize)) {
    for (const order of await processListedPage(ctx, page)) if (order) imported.push(order);
    done += page.length;
    ctx.recorder.setProgress("new orders", done);
  }
  let accepted = 0;
  await forEachConcurrent(imported, ORDER_CONCURRENCY, async (order) => {
    try {
      const lines = await acceptLines(ctx, order);
      if (lines > 0) ctx.log.debug({ orderId: order.order.externalId, lines }, "lines accepted");
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: order.order.externalId,
        message: `accepting failed: ${errorMessage(error)}`,
      });
    }
    ctx.recorder.setProgress("accepting", ++accepted, imported.length);
  });
  return {};
}

/**
 * Accepts the order's acceptable lines, then re-reads the order so the local rows carry the
 * marketplace's new state at once. Returns how many lines were accepted.
 */
async function acceptLines(ctx: SyncContext, imported: ImportedOrder): Promise<number> {
  const lines = linesToAccept(ctx.marketplace.acceptPolicy, imported.items);
  if (lines.length === 0) return 0;
  const { externalId } = imported.order;
  const results = await ctx.adapter.acceptItems(
    externalId,
    lines.map((line) => ({ externalId: line.externalId, sku: line.sku })),
    ctx.signal,
  );
  const accepted = results.filter((result) => result.ok).length;
  ctx.recorder.add({ accepted });
  for (const refused of results.filter((result) => !result.ok)) {
    ctx.recorder.fail({
      orderId: externalId,
      message: `accepting ${refused.sku} was refused: ${refused.error ?? "no reason given"}`,
    });
  }
  if (accepted === 0) return 0;
  try {
    const fresh = await ctx.adapter.getOrder(externalId, ctx.signal);
    if (fresh?.ok) await importOrder(ctx, fresh.order, { countOrder: false });
  } catch (error) {
    // The lines are accepted on the marketplace; the next `modified` run brings the state in.
    if (isFatal(error)) throw error;
    ctx.log.warn({ orderId: externalId }, `re-reading after accept failed: ${errorMessage(error)}`);
  }
  return accepted;
}
