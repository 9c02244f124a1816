// Shopify order → the marketplace-neutral order (NOTES (g)). A Shopify line holds units in
// different states at once (3 ordered, 1 fulfilled, 1 refunded, 1 to ship), while a stock lock
// follows one item's single status. So each unit of a line is its own item, quantity 1, with a
// stable id (`<line id>#<n>`), and a line's counts are laid out over its units so that a unit
// only ever moves forward: units 1… are the fulfilled ones (the first of them the ones refunded
// after fulfilment), then the units still to ship, and the last units are those refunded or
// removed before fulfilment. Fulfilments, refunds and cancellations only grow these blocks
// from their own end, so a later snapshot never sends a unit back.
import type { ItemStatus } from "@/lib/domain/enums";
import type { NormalizedOrder, NormalizedOrderItem } from "@/lib/domain/normalized-order";
import { gidNumber, type ShopifyLine, type ShopifyOrder } from "./schemas";

export interface LineUnitCounts {
  /** Fulfilled and later refunded: first in the line (`refunded` after `shipped`). */
  refundedAfterFulfilment: number;
  /** Fulfilled and still sold. */
  fulfilled: number;
  /** Still to ship. */
  open: number;
  /** Refunded or removed before fulfilment: last in the line (never left stock). */
  cancelled: number;
}

/**
 * How a line's units split, from its current quantities (Shopify's own advice: use
 * `currentQuantity`, not sums of refund lines) and, when the order has refunds and
 * fulfilments, the units fulfilled in total (`fulfilledTotal`; null = none fulfilled before a
 * refund, so every refunded unit was refunded before fulfilment).
 */
export function lineUnitCounts(line: ShopifyLine, fulfilledTotal: number | null): LineUnitCounts {
  const refunded = line.quantity - line.currentQuantity;
  const fulfilled = line.currentQuantity - line.unfulfilledQuantity;
  const fulfilledEver = Math.max(fulfilledTotal ?? fulfilled, fulfilled);
  const refundedAfterFulfilment = Math.min(refunded, fulfilledEver - fulfilled);
  return {
    refundedAfterFulfilment,
    fulfilled,
    open: line.unfulfilledQuantity,
    cancelled: refunded - refundedAfterFulfilment,
  };
}

/** The status of a line's units still to ship, from the order's payment and cancellation. */
function openUnitState(order: ShopifyOrder): { status: ItemStatus; state: string } {
  if (order.cancelledAt) return { status: "cancelled", state: "cancelled" };
  switch (order.displayFinancialStatus) {
    case "PENDING":
    case "AUTHORIZED":
    case "PARTIALLY_PAID":
      return { status: "pending", state: "payment_pending" };
    case "EXPIRED":
    case "VOIDED":
      return { status: "cancelled", state: "payment_voided" };
    default:
      // Paid: Shopify has no acceptance step, so a paid unit is accepted as it stands.
      return { status: "accepted", state: "unfulfilled" };
  }
}

/** One item per unit of the line, in the fixed layout described at the top. */
export function lineItems(
  order: ShopifyOrder,
  line: ShopifyLine,
  fulfilledTotal: number | null,
): NormalizedOrderItem[] {
  const counts = lineUnitCounts(line, fulfilledTotal);
  const open = openUnitState(order);
  const layout: { count: number; status: ItemStatus; state: string }[] = [
    {
      count: counts.refundedAfterFulfilment,
      status: "refunded",
      state: "refunded_after_fulfilment",
    },
    { count: counts.fulfilled, status: "shipped", state: "fulfilled" },
    { count: counts.open, status: open.status, state: open.state },
    { count: counts.cancelled, status: "cancelled", state: "refunded_before_fulfilment" },
  ];
  const lineId = gidNumber(line.id);
  const unitPrice = line.originalUnitPriceSet?.shopMoney.amount ?? null;
  const items: NormalizedOrderItem[] = [];
  for (const block of layout) {
    for (let i = 0; i < block.count; i++) {
      items.push({
        externalId: `${lineId}#${items.length + 1}`,
        sku: line.sku,
        name: line.name,
        quantity: 1,
        unitPrice,
        status: block.status,
        marketplaceState: block.state,
        careId: null,
      });
    }
  }
  return items;
}

export function mapShopifyOrder(
  order: ShopifyOrder,
  lines: readonly ShopifyLine[],
  marketplaceId: number,
  /** Units fulfilled per line id, when the order needed that detail (see needsFulfilments). */
  fulfilledByLine: ReadonlyMap<string, number> | null,
): NormalizedOrder {
  const address = order.shippingAddress;
  const customerName = [address?.firstName, address?.lastName].filter(Boolean).join(" ") || null;
  const state = order.cancelledAt
    ? "CANCELLED"
    : `${order.displayFinancialStatus}/${order.displayFulfillmentStatus}`;
  return {
    marketplaceId,
    externalId: order.legacyResourceId,
    marketplaceState: state,
    orderedAt: order.createdAt,
    modifiedAt: order.updatedAt,
    currency: order.currencyCode ?? null,
    totalAmount: order.totalPriceSet?.shopMoney.amount ?? null,
    customerName,
    shippingCountry: address?.countryCodeV2?.toUpperCase() ?? null,
    labelUrl: null,
    deliveryNoteUrl: null,
    trackingNumber: null,
    items: lines.flatMap((line) =>
      lineItems(order, line, fulfilledByLine ? (fulfilledByLine.get(line.id) ?? 0) : null),
    ),
  };
}

/**
 * Whether refunded units may have been fulfilled first: only then do the fulfilments tell
 * how many (the current quantities alone cannot).
 */
export function needsFulfilments(order: ShopifyOrder, lines: readonly ShopifyLine[]): boolean {
  const refunded = lines.some((line) => line.currentQuantity < line.quantity);
  return refunded && order.displayFulfillmentStatus !== "UNFULFILLED";
}
