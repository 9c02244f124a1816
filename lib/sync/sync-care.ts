// `care`: after-sales (care/replacement) records → order_items.care_id, open or closed; a
// folder that says a parcel is coming back, and each item return a marketplace lists on its
// own (Refurbed), → a return signal (lib/stock makes one expected return of it).
import { and, eq, sql } from "drizzle-orm";
import { orderItems, orders } from "@/db/schema";
import type { CareRecord } from "@/lib/marketplaces/adapter";
import { errorMessage, isFatal } from "./fatal";
import { processListedOrder } from "./import-order";
import { signalReturn } from "./return-signals";
import { modifiedSince } from "./runs";
import type { SyncContext, TypeResult } from "./sync-context";

export async function syncCareRecords(ctx: SyncContext): Promise<TypeResult> {
  const { care, returns } = ctx.adapter.capabilities;
  if (!care && !returns) {
    return { message: `${ctx.adapter.provider} has no care records: nothing to sync` };
  }
  const key = { type: "care", marketplaceId: ctx.marketplace.id } as const;
  const { since, previousMark } = await modifiedSince(ctx.db, key);
  const newest = { at: previousMark?.getTime() ?? null };
  if (care) await syncCareFolders(ctx, since, newest);
  if (returns) await syncItemReturns(ctx, since, newest);
  return { highWaterMark: newest.at === null ? null : new Date(newest.at) };
}

function advance(newest: { at: number | null }, date: Date | null | undefined): void {
  const at = date?.getTime();
  if (at !== undefined) newest.at = Math.max(newest.at ?? at, at);
}

async function syncCareFolders(
  ctx: SyncContext,
  since: Date,
  newest: { at: number | null },
): Promise<void> {
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
      advance(newest, record.modifiedAt ?? record.createdAt);
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: record.orderExternalId ?? record.orderItemExternalId,
        message: `care record ${record.externalId}: ${errorMessage(error)}`,
      });
    }
  }
}

/** Item returns listed on their own (Refurbed): each one is a return signal. */
async function syncItemReturns(
  ctx: SyncContext,
  since: Date,
  newest: { at: number | null },
): Promise<void> {
  if (!ctx.adapter.listReturns) return;
  let done = 0;
  for await (const listed of ctx.adapter.listReturns(since, { signal: ctx.signal })) {
    ctx.recorder.add({ fetched: 1 });
    ctx.recorder.setProgress("returns", ++done);
    if (!listed.ok) {
      const { externalId, path, message } = listed.failure;
      ctx.recorder.fail({ orderId: externalId, path, message });
      continue;
    }
    const entry = listed.record;
    try {
      const outcome = await signalReturn(ctx, {
        orderItemExternalId: entry.orderItemExternalId,
        orderExternalId: entry.orderExternalId,
        source: "refurbed_return",
        externalId: entry.externalId,
        note: `return ${entry.externalId}: ${entry.state}${entry.trackingNumber ? `, tracking ${entry.trackingNumber}` : ""}`,
      });
      countSignal(ctx, outcome, { returnId: entry.externalId, orderId: entry.orderExternalId });
      advance(newest, entry.initiatedAt);
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: entry.orderExternalId,
        message: `return ${entry.externalId}: ${errorMessage(error)}`,
      });
    }
  }
}

function countSignal(
  ctx: SyncContext,
  outcome: "expected" | "seen" | "missing",
  refs: Record<string, string | null>,
): void {
  if (outcome === "expected") ctx.recorder.add({ updated: 1 });
  if (outcome === "missing") {
    ctx.recorder.add({ skipped: 1 });
    ctx.log.warn(refs, "return signal for an order line this system does not know");
  }
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
  if (outcome !== "missing" && record.customerReturn) {
    const signalled = await signalReturn(ctx, {
      orderItemExternalId: record.orderItemExternalId,
      orderExternalId: record.orderExternalId,
      source: "backmarket_care_return",
      externalId: record.externalId,
      note: record.customerReturn.note,
    });
    countSignal(ctx, signalled, { careId: record.externalId });
  }
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
