// lib/stock's subscription for returns: ReturnSignalled events, and items that moved from
// `shipped` to `refunded` (Back Market line state 6, Refurbed item RETURNED, a Shopify refund
// after fulfilment), become `expected` returns. The source of a refund after shipping comes
// from the marketplace's provider (lib/domain/returns), so a new provider needs one entry there.
import { sql } from "drizzle-orm";
import { queryRows, type Transaction } from "@/db/client";
import {
  type DomainEvent,
  type EventHandler,
  emptyHandlerResult,
  type HandlerResult,
} from "@/lib/domain/events";
import { refundAfterShippingSource } from "@/lib/domain/returns";
import { intArray } from "../variation-locks";
import { expectReturns, type ReturnSignal } from "./expect";

interface RefundAfterShipping {
  marketplaceId: number;
  orderItemId: number;
  externalId: string;
}

export const expectReturnsOnEvents: EventHandler<Transaction> = async (
  tx,
  events: DomainEvent[],
): Promise<HandlerResult> => {
  const signals: ReturnSignal[] = [];
  const refunds: RefundAfterShipping[] = [];
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
        if (from === "shipped" && item.status === "refunded") {
          refunds.push({
            marketplaceId: event.marketplaceId,
            orderItemId: item.orderItemId,
            externalId: item.externalId,
          });
        }
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

async function refundSignals(
  tx: Transaction,
  refunds: RefundAfterShipping[],
): Promise<ReturnSignal[]> {
  if (refunds.length === 0) return [];
  const rows = await queryRows<{ id: number; provider: string }>(
    tx,
    sql`select id, provider from marketplaces
        where id = any(${intArray(new Set(refunds.map((refund) => refund.marketplaceId)))})`,
  );
  const providerOf = new Map(rows.map((row) => [row.id, row.provider]));
  const signals: ReturnSignal[] = [];
  for (const refund of refunds) {
    const provider = providerOf.get(refund.marketplaceId) as
      | keyof typeof refundAfterShippingSource
      | undefined;
    const source = provider ? refundAfterShippingSource[provider] : undefined;
    if (!source) continue;
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
