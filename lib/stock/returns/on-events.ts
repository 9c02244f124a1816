// lib/stock's subscription for returns: ReturnSignalled events, and items refunded after
// they shipped, become `expected` returns. "After they shipped": the item moved from
// `shipped` to `refunded` (a Shopify refund after fulfilment, any provider), or from an open
// status straight to a raw state that says so (Back Market line state 6, Refurbed RETURNED:
// the shipment fell between two polls). The source comes from the marketplace's provider
// (lib/domain/returns), so a new provider needs one entry there.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import {
  type DomainEvent,
  type EventHandler,
  emptyHandlerResult,
  type HandlerResult,
} from "@/lib/domain/events";
import { isRefundedAfterShipping, refundAfterShippingSource } from "@/lib/domain/returns";
import { intArray } from "../variation-locks";
import { expectReturns, type ReturnSignal } from "./expect";

interface Refund {
  orderItemId: number;
  externalId: string;
  /** The item was shipped before: a refund after shipping whatever its raw state says. */
  wasShipped: boolean;
}

export const expectReturnsOnEvents: EventHandler<Transaction> = async (
  tx,
  events: DomainEvent[],
): Promise<HandlerResult> => {
  const signals: ReturnSignal[] = [];
  const refunds: Refund[] = [];
  for (const event of events) {
    if (event.type === "ReturnSignalled") {
      signals.push({
        orderItemId: event.orderItemId,
        source: event.source,
        externalId: event.externalId,
        note: event.note,
      });
    } else if (event.type === "OrderItemsChanged") {
      for (const { item, from } of event.changes) {
        // A line that appears already refunded is like an order first seen refunded.
        if (item.status !== "refunded" || from === null || from === "refunded") continue;
        if (from === "cancelled") continue;
        refunds.push({
          orderItemId: item.orderItemId,
          externalId: item.externalId,
          wasShipped: from === "shipped",
        });
      }
    }
  }
  signals.push(...(await refundSignals(tx, refunds)));
  const result = emptyHandlerResult();
  if (signals.length === 0) return result;
  const outcomes = await expectReturns(tx, signals);
  result.returnsExpected = outcomes.filter((outcome) => outcome.kind === "created").length;
  return result;
};

async function refundSignals(tx: Transaction, refunds: Refund[]): Promise<ReturnSignal[]> {
  if (refunds.length === 0) return [];
  const rows = await queryRows<{ id: number; provider: string; marketplace_state: string }>(
    tx,
    sql`select oi.id, m.provider, oi.marketplace_state
        from order_items oi join orders o on o.id = oi.order_id
        join marketplaces m on m.id = o.marketplace_id
        where oi.id = any(${intArray(refunds.map((refund) => refund.orderItemId))})`,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const signals: ReturnSignal[] = [];
  for (const refund of refunds) {
    const row = byId.get(refund.orderItemId);
    if (!row) continue;
    const afterShipping =
      refund.wasShipped || isRefundedAfterShipping(row.provider, row.marketplace_state);
    const source =
      refundAfterShippingSource[row.provider as keyof typeof refundAfterShippingSource];
    if (!afterShipping || !source) continue;
    signals.push({
      orderItemId: refund.orderItemId,
      source,
      // The line itself: its refund after shipping happens once.
      externalId: `line:${refund.externalId}`,
      note: "refunded after shipping: the unit may or may not come back",
    });
  }
  return signals;
}
