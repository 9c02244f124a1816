// Simulator state → Back Market's wire format (the published Order, ListingPublic, Delivery
// and careFolder schemas; addresses in snake_case as live responses have them).
import { bmDate } from "./http-types";
import type { SimCareFolder, SimLineState, SimListing, SimOrder } from "./types";

export const bmLineStateCode: Record<SimLineState, number> = {
  payment_check: 0,
  pending_payment: 8,
  paid: 1,
  accepted: 2,
  shipped: 3,
  cancelled: 4,
  rejected: 4,
  refunded: 5,
  returned: 6,
  not_paid: 7,
};

/** Order state (Table 5) from the lines. */
export function bmOrderStateCode(order: SimOrder): number {
  // One pass without allocations: every order of the store is checked for each listed page.
  let allNotPaid = true;
  let paymentCheck = false;
  let pendingPayment = false;
  let paid = false;
  let accepted = false;
  for (const { state } of order.lines) {
    if (state !== "not_paid") allNotPaid = false;
    if (state === "payment_check") paymentCheck = true;
    else if (state === "pending_payment") pendingPayment = true;
    else if (state === "paid") paid = true;
    else if (state === "accepted") accepted = true;
  }
  if (allNotPaid) return 8;
  if (paymentCheck) return 0;
  if (pendingPayment) return 10;
  if (paid) return 1;
  if (accepted) return 3;
  return 9;
}

/** Orders in state 0 or 8 never appear in GET /ws/orders. */
export const bmHiddenFromList = (order: SimOrder) => {
  const code = bmOrderStateCode(order);
  return code === 0 || code === 8;
};

const cents = (value: string) => Math.round(Number(value) * 100);
const money = (amountInCents: number) => (amountInCents / 100).toFixed(2);

export function renderBmOrder(
  order: SimOrder,
  origin: string,
  legacyListingId: (sku: string) => number | undefined = () => undefined,
): Record<string, unknown> {
  const address = {
    first_name: order.customer.firstName,
    last_name: order.customer.lastName,
    street: order.customer.street,
    street2: "",
    postal_code: order.customer.postalCode,
    city: order.customer.city,
    country: order.customer.country,
    phone: order.customer.phone,
    email: order.customer.email,
  };
  const total = order.lines.reduce((sum, line) => sum + cents(line.unitPrice) * line.quantity, 0);
  const rendered: Record<string, unknown> = {
    order_id: order.id,
    state: bmOrderStateCode(order),
    date_creation: bmDate(order.createdAt),
    date_modification: bmDate(order.modifiedAt),
    ...(order.paidAt ? { date_payment: bmDate(order.paidAt) } : {}),
    ...(order.shippedAt ? { date_shipping: bmDate(order.shippedAt) } : {}),
    shipping_address: address,
    billing_address: address,
    delivery_note: `${origin}/static/delivery_notes/${order.id}.pdf`,
    tracking_number: order.trackingNumber ?? "",
    tracking_url: order.trackingUrl ?? "",
    shipper_display: "Colissimo",
    is_backship: true,
    price: money(total),
    shipping_price: "0.00",
    currency: order.currency,
    country_code: order.market,
    paypal_reference: null,
    installment_payment: false,
    payment_method: "CARD",
    sales_taxes: "0.00",
    orderlines: order.lines.map((line) => ({
      id: line.id,
      date_creation: bmDate(line.createdAt),
      state: bmLineStateCode[line.state],
      // Live Back Market sends the line total here (NOTES.md).
      price: money(cents(line.unitPrice) * line.quantity),
      shipping_price: "0.00",
      shipping_delay: 48,
      currency: order.currency,
      listing: line.sku,
      listing_id: legacyListingId(line.sku) ?? 0,
      product: line.name,
      quantity: line.quantity,
      brand: "refurbished",
      product_id: 141,
      backcare: false,
      imei: line.state === "shipped" || line.state === "returned" ? line.imei : "",
      serial_number: "",
    })),
  };
  return malform(order, rendered);
}

/** Breaks the payload the way the order asks (for "malformed order is skipped" tests). */
function malform(order: SimOrder, rendered: Record<string, unknown>): Record<string, unknown> {
  const lines = rendered.orderlines as Record<string, unknown>[];
  switch (order.malformed) {
    case "quantity":
      if (lines[0]) lines[0].quantity = "one";
      return rendered;
    case "date":
      return { ...rendered, date_creation: "yesterday afternoon" };
    case "state":
      return { ...rendered, state: 42 };
    case "future_modified":
      return {
        ...rendered,
        date_modification: bmDate(new Date(order.modifiedAt.getTime() + 365 * 86_400_000)),
      };
    default:
      return rendered;
  }
}

export function renderBmListing(listing: SimListing): Record<string, unknown> {
  return {
    id: listing.bmListingId,
    listing_id: listing.bmLegacyListingId,
    product_id: "7a97a1b6-547e-4718-bc72-5b84aca91b09",
    backmarket_id: 42,
    title: listing.title,
    shippings: [],
    state: 0,
    grade: "EXCELLENT",
    quantity: listing.quantity,
    currency: "EUR",
    sku: listing.sku,
    publication_state: listing.quantity > 0 ? 2 : 3,
    warranty_delay: 12,
    price: listing.price,
    comment: null,
    min_price: null,
    max_price: (Number(listing.price) * 1.2).toFixed(2),
  };
}

export function renderBmDelivery(order: SimOrder): Record<string, unknown> {
  const created = bmDate(order.modifiedAt);
  return {
    order: order.id,
    shipmentId: order.id + 1_000,
    carrierId: 7,
    orderlines: order.lines.map((line) => line.id),
    referenceNumber: `1-${order.id}`,
    trackingNumber: order.trackingNumber ?? "",
    trackingUrl: order.trackingUrl ?? "",
    carrierName: "Colissimo",
    hubScanned: order.shippedAt !== null,
    invoicedCurrency: order.currency,
    invoicedPrice: 0,
    datePickup: created,
    dateCreation: created,
    dateDelivery: created,
    labelUrl: order.labelPath ?? "",
    type: "DELIVERY",
    pickupInfo: {
      confirmationNumber: `P${order.id}`,
      datePickupActual: created,
      datePickupRangeStart: created,
      datePickupRangeEnd: created,
      datePickupRequested: created.slice(0, 10),
      isCanceled: false,
      pickupId: order.id,
    },
  };
}

export function renderBmCareFolder(folder: SimCareFolder): Record<string, unknown> {
  return {
    id: folder.id,
    client: 456,
    merchant: 789,
    orderline: folder.orderLineId,
    date_creation: bmDate(folder.createdAt),
    date_modification: bmDate(folder.modifiedAt),
    date_last_message: bmDate(folder.modifiedAt),
    ...(folder.closedAt ? { date_closed: bmDate(folder.closedAt) } : {}),
    state: folder.state === "closed" ? 9 : 0,
    lines: folder.claims.map((claim) => claim.id),
    country_code: "fr-fr",
    backcare: false,
  };
}

/** GET /ws/sav/{id} (BM `getCareFolderDetailsResponse`): the folder with its line and claims. */
export function renderBmCareFolderDetails(
  folder: SimCareFolder,
  order: SimOrder | undefined,
  origin: string,
): Record<string, unknown> {
  const line = order?.lines.find((candidate) => candidate.id === folder.orderLineId);
  return {
    ...renderBmCareFolder(folder),
    client: {
      first_name: order?.customer.firstName ?? "",
      last_name: order?.customer.lastName ?? "",
    },
    merchant: { id: 789 },
    messages: [],
    orderline: {
      id: folder.orderLineId,
      ...(order ? { order: { order_id: order.id, state: bmOrderStateCode(order) } } : {}),
      quantity: line?.quantity ?? 1,
      price: line ? (Number(line.unitPrice) * line.quantity).toFixed(2) : "0.00",
      state: line ? bmLineStateCode[line.state] : 3,
    },
    lines: folder.claims.map((claim) => ({
      id: claim.id,
      state: claim.state === "closed" ? 9 : 0,
      issues: [],
      resolution_choice: "REFUND",
      declared_warranty_state: "IN_WARRANTY",
      return_labels: claim.returnLabels.map((label, index) => ({
        date_creation: bmDate(label.createdAt),
        state: label.state,
        label: `${origin}/static/return_labels/${claim.id}-${index + 1}.pdf`,
        initiator: "BackMarket",
        kind: label.kind,
      })),
    })),
  };
}
