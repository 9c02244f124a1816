// `care`: after-sales (care/replacement) records → order_items.care_id, open or closed.
import { and, eq, sql } from "drizzle-orm";
import { orderItems, orders } from "@/db/schema";
import type { CareRecord } from "@/lib/marketplaces/adapter";
import { errorMessage, isFatal } from "./fatal";
import { processListedOrder } from "./import-order";
import { modifiedSince } from "./runs";
import type { SyncContext, TypeResult } from "./sync-context";

export async function syncCareRecords(ctx: SyncContext): Promise<TypeResult> {
  if (!ctx.adapter.capabilities.care) {
    return { message: `${ctx.adapter.provider} has no care records: nothing to sync` };
  }
  const key = { type: "care", marketplaceId: ctx.marketplace.id } as const;
  const { since, previousMark } = await modifiedSince(ctx.db, key);
  let newest = previousMark?.getTime() ?? null;
  let done = 0;
  for await (const listed of ctx.adapter.listCareRecords(since, { signal: ctx.signal })) {
    ctx.recorder.add({ fetched: 1 });
    ctx.recorder.setProgress("care records", ++done);
    if (!listed.ok) {
      const { externalId, path, message } = listed.failure;
      ctx.recorder.fail({ orderId: externalId, path, message });
      continue;
    }
    const record = listed.record;
    try {
      await applyCareRecord(ctx, record);
      const modified = (record.modifiedAt ?? record.createdAt)?.getTime();
      if (modified !== undefined) newest = Math.max(newest ?? modified, modified);
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: record.orderExternalId ?? record.orderItemExternalId,
        message: `care record ${record.externalId}: ${errorMessage(error)}`,
      });
    }
  }
  return { highWaterMark: newest === null ? null : new Date(newest) };
}

/** Sets care_id on the record's line; imports the order first when it is not here yet. */
async function applyCareRecord(ctx: SyncContext, record: CareRecord): Promise<void> {
  let outcome = await setCareId(ctx, record);
  if (outcome === "missing" && record.orderExternalId) {
    const fetched = await ctx.adapter.getOrder(record.orderExternalId, ctx.signal);
    if (fetched) {
      await processListedOrder(ctx, fetched);
      outcome = await setCareId(ctx, record);
    }
  }
  if (outcome === "updated") ctx.recorder.add({ updated: 1 });
  if (outcome === "missing") {
    ctx.recorder.add({ skipped: 1 });
    ctx.log.warn(
      { orderId: record.orderExternalId, careId: record.externalId },
      "care record for an order line this system does not know",
    );
  }
}

async function setCareId(
  ctx: SyncContext,
  record: CareRecord,
): Promise<"updated" | "unchanged" | "missing"> {
  const line = and(
    eq(orderItems.externalId, record.orderItemExternalId),
    sql`${orderItems.orderId} in (select ${orders.id} from ${orders} where ${and(
      eq(orders.marketplaceId, ctx.marketplace.id),
      record.orderExternalId ? eq(orders.externalId, record.orderExternalId) : undefined,
    )})`,
  );
  const updated = await ctx.db
    .update(orderItems)
    .set({ careId: record.externalId, updatedAt: sql`now()` })
    .where(and(line, sql`${orderItems.careId} is distinct from ${record.externalId}`))
    .returning({ id: orderItems.id });
  if (updated.length > 0) return "updated";
  const [existing] = await ctx.db.select({ id: orderItems.id }).from(orderItems).where(line);
  return existing ? "unchanged" : "missing";
}
