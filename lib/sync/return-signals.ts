// Marketplace return signals (a care folder with a customer-to-merchant label, a Refurbed
// order-item return) → ReturnSignalled events on the bus, in a transaction of their own.
// lib/stock turns each into one expected return; a signal seen again changes nothing there.
import { and, eq, sql } from "drizzle-orm";
import { orderItems, orders } from "@/db/schema";
import type { ReturnSignalled } from "@/lib/domain/events";
import type { ReturnSource } from "@/lib/domain/returns";
import { processListedOrder } from "./import-order";
import type { SyncContext } from "./sync-context";

export interface ReturnSignalInput {
  orderItemExternalId: string;
  /** When known: the order is imported first if this system has not seen it yet. */
  orderExternalId: string | null;
  source: ReturnSource;
  externalId: string;
  note: string | null;
}

/** "expected": a return was created; "seen": it existed already; "missing": no such line. */
export async function signalReturn(
  ctx: SyncContext,
  input: ReturnSignalInput,
): Promise<"expected" | "seen" | "missing"> {
  let item = await findItem(ctx, input);
  if (!item && input.orderExternalId) {
    const fetched = await ctx.adapter.getOrder(input.orderExternalId, ctx.signal);
    if (fetched) {
      await processListedOrder(ctx, fetched);
      item = await findItem(ctx, input);
    }
  }
  if (!item) return "missing";
  const event: ReturnSignalled = {
    type: "ReturnSignalled",
    orderId: item.orderId,
    marketplaceId: ctx.marketplace.id,
    orderItemId: item.id,
    source: input.source,
    externalId: input.externalId,
    note: input.note,
  };
  const result = await ctx.db.transaction((tx) =>
    ctx.bus.emit(tx, [event], { syncRunId: ctx.recorder.id }),
  );
  return result.returnsExpected > 0 ? "expected" : "seen";
}

async function findItem(
  ctx: SyncContext,
  input: ReturnSignalInput,
): Promise<{ id: number; orderId: number } | undefined> {
  const [item] = await ctx.db
    .select({ id: orderItems.id, orderId: orderItems.orderId })
    .from(orderItems)
    .where(
      and(
        eq(orderItems.externalId, input.orderItemExternalId),
        sql`${orderItems.orderId} in (select ${orders.id} from ${orders} where ${and(
          eq(orders.marketplaceId, ctx.marketplace.id),
          input.orderExternalId ? eq(orders.externalId, input.orderExternalId) : undefined,
        )})`,
      ),
    )
    .limit(1);
  return item;
}
