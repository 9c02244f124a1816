// Back Market order → the marketplace-neutral order of lib/sync.
import type { ItemStatus } from "@/lib/domain/enums";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import type { BmOrder } from "./schemas";

/** Order-line state (Table 6) → normalised item status. */
export const bmLineStatus: Record<number, ItemStatus> = {
  0: "pending", // new, payment being checked
  8: "pending", // waiting for the customer's payment
  9: "pending", // on hold at a partner
  1: "new", // paid: accept or cancel
  2: "accepted",
  3: "shipped",
  4: "cancelled",
  7: "cancelled", // not paid: the units were never sold
  5: "refunded", // before shipping
  6: "refunded", // after shipping
};

/** Back Market sends the line total in `price`; the unit price is that over the quantity. */
export function unitPriceFromLineTotal(
  total: string | null | undefined,
  quantity: number,
): string | null {
  if (!total) return null;
  const cents = Math.round(Number(total) * 100);
  return (Math.round(cents / quantity) / 100).toFixed(2);
}

export function mapBackMarketOrder(
  order: BmOrder,
  marketplaceId: number,
  documents: { labelUrl?: string | null } = {},
): NormalizedOrder {
  const address = order.shipping_address;
  const customerName = [address?.firstName, address?.lastName].filter(Boolean).join(" ") || null;
  const marketCountry = order.country_code?.split("-")[1]?.toUpperCase() ?? null;
  return {
    marketplaceId,
    externalId: order.order_id,
    marketplaceState: String(order.state),
    orderedAt: order.date_creation,
    modifiedAt: order.date_modification,
    currency: order.currency?.toUpperCase() ?? null,
    totalAmount: order.price ?? null,
    customerName,
    shippingCountry: address?.country?.toUpperCase() ?? marketCountry,
    labelUrl: documents.labelUrl ?? null,
    deliveryNoteUrl: order.delivery_note,
    trackingNumber: order.tracking_number,
    items: order.orderlines.map((line) => ({
      externalId: line.id,
      sku: line.listing,
      name: line.product,
      quantity: line.quantity,
      unitPrice: unitPriceFromLineTotal(line.price, line.quantity),
      status: bmLineStatus[line.state] ?? "pending",
      marketplaceState: String(line.state),
      careId: null,
    })),
  };
}
