// Refurbed order → the marketplace-neutral order of lib/sync (one Refurbed item is one unit);
// Refurbed offer → a listing.
import type { ItemStatus } from "@/lib/domain/enums";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import type { ListingResult, ReturnResult } from "../adapter";
import { parsePayload, rawId } from "../parse";
import { type RfItemState, type RfOrder, rfOfferSchema, rfReturnSchema } from "./schemas";

export const rfItemStatus: Record<RfItemState, ItemStatus> = {
  NEW: "new",
  ACCEPTED: "accepted",
  SHIPPED: "shipped",
  REJECTED: "cancelled",
  CANCELLED: "cancelled",
  RETURNED: "refunded",
};

export function mapRefurbedOrder(
  order: RfOrder,
  marketplaceId: number,
  documents: { labelUrl?: string | null } = {},
): NormalizedOrder {
  const address = order.shipping_address;
  const customerName =
    [address?.first_name, address?.family_name].filter(Boolean).join(" ") || null;
  return {
    marketplaceId,
    externalId: order.id,
    marketplaceState: order.state,
    orderedAt: order.released_at,
    // Refurbed exposes no modification date.
    modifiedAt: null,
    currency:
      order.currency_code && order.currency_code !== "UNSPECIFIED" ? order.currency_code : null,
    totalAmount: order.total_charged ?? null,
    customerName,
    shippingCountry: address?.country_code?.toUpperCase() ?? null,
    labelUrl: documents.labelUrl ?? null,
    deliveryNoteUrl: null,
    // Refurbed has tracking links only: the first one stands in for the tracking number.
    trackingNumber:
      order.items.find((item) => item.parcel_tracking_url)?.parcel_tracking_url ?? null,
    items: order.items.map((item) => ({
      externalId: item.id,
      sku: item.sku,
      name: item.name,
      quantity: 1,
      unitPrice: item.total_charged ?? item.total_paid ?? null,
      status: rfItemStatus[item.state],
      marketplaceState: item.state,
      careId: null,
    })),
  };
}

/** One offer of ListOffers as a listing, or the reason it was skipped. */
export function toListingResult(raw: unknown): ListingResult {
  const parsed = parsePayload(rfOfferSchema, raw, (r) => rawId(r, "id"));
  if (!parsed.ok) return parsed;
  const { id, sku, stock } = parsed.data;
  return { ok: true, listing: { externalListingId: id, sku, quantity: stock } };
}

/** One OrderItemReturn as a return record, or the reason it was skipped. */
export function toReturnResult(raw: unknown): ReturnResult {
  const parsed = parsePayload(rfReturnSchema, raw, (r) => rawId(r, "id"));
  if (!parsed.ok) return parsed;
  const entry = parsed.data;
  return {
    ok: true,
    record: {
      externalId: entry.id,
      orderExternalId: entry.order_id,
      orderItemExternalId: entry.order_item_id,
      state: entry.state,
      initiatedAt: entry.return_initiated_at,
      deliveredAt: entry.delivered_at,
      trackingNumber: entry.tracking_number ?? null,
    },
  };
}
