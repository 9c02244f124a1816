// Simulator state → Refurbed's JSON gateway format (refb.merchant.v1 Order, OrderItem, Offer):
// int64 as strings, enums as strings, money as strings, RFC 3339 timestamps.
import type { SimLine, SimLineState, SimListing, SimOrder, SimRfReturn } from "./types";

const itemState: Partial<Record<SimLineState, string>> = {
  paid: "NEW",
  accepted: "ACCEPTED",
  shipped: "SHIPPED",
  cancelled: "CANCELLED",
  refunded: "CANCELLED",
  rejected: "REJECTED",
  returned: "RETURNED",
};

/** Refurbed releases an order to the merchant only once it is paid. */
export function rfReleased(order: SimOrder): boolean {
  return order.lines.every((line) => itemState[line.state] !== undefined);
}

export function rfItemState(line: SimLine): string {
  return itemState[line.state] ?? "UNSPECIFIED";
}

/** Order state from its items, as documented in enums_order_state.proto. */
export function rfOrderState(order: SimOrder): string {
  const states = new Set(order.lines.map(rfItemState));
  const only = (...allowed: string[]) => [...states].every((state) => allowed.includes(state));
  if (states.has("NEW")) return "NEW";
  if (states.has("ACCEPTED")) return "ACCEPTED";
  if (states.size === 1) return [...states][0] ?? "UNSPECIFIED";
  if (only("SHIPPED", "RETURNED")) return "FULFILLED";
  if (only("REJECTED", "CANCELLED")) return "UNFULFILLED";
  return "PARTIALLY_FULFILLED";
}

const refunded = (line: SimLine) => ["refunded", "returned"].includes(line.state);

export function renderRfOrder(
  order: SimOrder,
  offerIdOf: (sku: string) => string | undefined,
): Record<string, unknown> {
  const address = {
    first_name: order.customer.firstName,
    family_name: order.customer.lastName,
    entity: "UNSPECIFIED",
    country_code: order.customer.country,
    post_code: order.customer.postalCode,
    town: order.customer.city,
    street_name: order.customer.street,
    phone_number: order.customer.phone,
  };
  const sum = (pick: (line: SimLine) => number) =>
    (order.lines.reduce((total, line) => total + pick(line), 0) / 100).toFixed(2);
  const charged = (line: SimLine) => Math.round(Number(line.unitPrice) * 100);
  const totalCharged = sum(charged);
  const totalRefunded = sum((line) => (refunded(line) ? charged(line) : 0));
  const totalPaid = sum((line) => (refunded(line) ? 0 : charged(line)));
  const rendered: Record<string, unknown> = {
    id: String(order.id),
    released_at: (order.paidAt ?? order.createdAt).toISOString(),
    state: rfOrderState(order),
    labels: [],
    customer_email: order.customer.email,
    shipping_address: address,
    invoice_address: address,
    currency_code: order.currency,
    settlement_currency_code: order.currency,
    settlement_exchange_rate: "1",
    total_charged: totalCharged,
    settlement_total_charged: totalCharged,
    total_paid: totalPaid,
    settlement_total_paid: totalPaid,
    total_refunded: totalRefunded,
    settlement_total_refunded: totalRefunded,
    is_refundable: true,
    is_invoiceable: true,
    has_invoice: false,
    items: order.lines.map((line) => renderRfItem(order, line, offerIdOf(line.sku))),
  };
  return malform(order, rendered);
}

function renderRfItem(
  order: SimOrder,
  line: SimLine,
  offerId: string | undefined,
): Record<string, unknown> {
  const shipped = line.state === "shipped" || line.state === "returned";
  const isRefunded = refunded(line);
  return {
    id: String(line.id),
    order_id: String(order.id),
    name: line.name,
    state: rfItemState(line),
    sku: line.sku,
    currency_code: order.currency,
    settlement_currency_code: order.currency,
    total_charged: line.unitPrice,
    settlement_total_charged: line.unitPrice,
    total_paid: isRefunded ? "0.00" : line.unitPrice,
    settlement_total_paid: isRefunded ? "0.00" : line.unitPrice,
    total_refunded: isRefunded ? line.unitPrice : "0.00",
    settlement_total_refunded: isRefunded ? line.unitPrice : "0.00",
    taxation: "MARGINAL",
    is_refundable: !isRefunded,
    ...(offerId
      ? {
          offer_data: {
            offer_id: offerId,
            offer_version: "1",
            offer_warranty: "M12",
            offer_grading: "A",
            shipping_profile_id: "12",
            shipping_costs: "0.00",
          },
        }
      : {}),
    ...(shipped && order.trackingUrl ? { parcel_tracking_url: order.trackingUrl } : {}),
    item_identifiers: shipped ? [{ identifier_type: "IMEI", value: line.imei }] : [],
    return_initiated: line.state === "returned",
    vat_rate: "0",
  };
}

function malform(order: SimOrder, rendered: Record<string, unknown>): Record<string, unknown> {
  const items = rendered.items as Record<string, unknown>[];
  switch (order.malformed) {
    case "quantity":
      if (items[0]) items[0].total_charged = "twelve euros";
      return rendered;
    case "date":
      return { ...rendered, released_at: "yesterday afternoon" };
    case "state":
      if (items[0]) items[0].state = "LOST_IN_TRANSIT";
      return rendered;
    default:
      return rendered;
  }
}

export function renderRfOffer(listing: SimListing, createdAt: Date): Record<string, unknown> {
  return {
    id: listing.rfOfferId,
    version: "1",
    is_current: true,
    created_at: createdAt.toISOString(),
    instance_id: String(Number(listing.rfOfferId) + 1_000_000),
    instance_name: listing.title,
    state: "OK",
    sku: listing.sku,
    grading: "A",
    warranty: "M12",
    stock: listing.quantity,
    shipping_profile_id: "12",
    shipping_profile_name: "EU standard",
    taxation: "MARGINAL",
    real_taxation: "MARGINAL",
    reference_currency_code: "EUR",
    reference_price: listing.price,
    set_market_prices: [],
    calculated_market_prices: [],
  };
}

/** An order-item return (RF `OrderItemReturn`): int64 ids as strings, timestamps RFC 3339. */
export function renderRfReturn(
  entry: SimRfReturn,
  store: { findLine(channel: "refurbed", lineId: number): { line: SimLine } | undefined },
): Record<string, unknown> {
  const line = store.findLine("refurbed", entry.orderLineId)?.line;
  return {
    id: String(entry.id),
    order_id: String(entry.orderId),
    order_item_id: String(entry.orderLineId),
    instance_name: line?.name ?? "",
    item_identifiers: line ? [{ identifier_type: "IMEI", value: line.imei }] : [],
    return_initiated_at: entry.initiatedAt.toISOString(),
    state: entry.state,
    ...(entry.deliveredAt ? { delivered_at: entry.deliveredAt.toISOString() } : {}),
    tracking_number: entry.trackingNumber,
    tracking_url: `https://tracking.example.com/returns/${entry.trackingNumber}`,
    ticket_url: `https://merchant.refurbed.example/tickets/${entry.id}`,
    item_within_trial_period: true,
  };
}
