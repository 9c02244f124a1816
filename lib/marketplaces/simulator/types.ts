// The simulator's own model: one order lifecycle, rendered in each marketplace's wire format.

export type Channel = "backmarket" | "refurbed";

/**
 * A line's lifecycle. Back Market shows every state (payment_check → 0, pending_payment → 8,
 * paid → 1, accepted → 2, shipped → 3, cancelled → 4, refunded → 5, returned → 6,
 * not_paid → 7); Refurbed only sees lines once paid (NEW, ACCEPTED, SHIPPED, CANCELLED,
 * REJECTED, RETURNED).
 */
export const simLineStates = [
  "payment_check",
  "pending_payment",
  "paid",
  "accepted",
  "shipped",
  "cancelled",
  "rejected",
  "refunded",
  "returned",
  "not_paid",
] as const;
export type SimLineState = (typeof simLineStates)[number];

/**
 * How a deliberately malformed order breaks its payload; `future_modified` sends a Back Market
 * `date_modification` a year ahead (a marketplace clock gone wrong).
 */
export const malformations = ["quantity", "date", "state", "future_modified"] as const;
export type Malformation = (typeof malformations)[number];

export interface SimCustomer {
  firstName: string;
  lastName: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone: string;
  email: string;
}

export interface SimLine {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  state: SimLineState;
  createdAt: Date;
  changedAt: Date;
  imei: string;
}

export interface SimOrder {
  channel: Channel;
  id: number;
  createdAt: Date;
  modifiedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  currency: string;
  /** Back Market market, e.g. fr-fr. */
  market: string;
  customer: SimCustomer;
  lines: SimLine[];
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** Relative path of the shipping label, once a line was accepted. */
  labelPath: string | null;
  malformed: Malformation | null;
}

export interface SimListing {
  sku: string;
  title: string;
  price: string;
  quantity: number;
  bmListingId: string;
  bmLegacyListingId: number;
  rfOfferId: string;
  brand: string;
}

/** Back Market return labels (BM `returnLabel`): a return is a CUSTOMER_TO_MERCHANT label. */
export const returnLabelKinds = ["CUSTOMER_TO_MERCHANT", "MERCHANT_TO_CUSTOMER"] as const;
export const returnLabelStates = ["ALIVE", "USED", "EXPIRED"] as const;

export interface SimReturnLabel {
  kind: (typeof returnLabelKinds)[number];
  state: (typeof returnLabelStates)[number];
  createdAt: Date;
}

/** One claim of a care folder (BM `claim`). */
export interface SimClaim {
  id: number;
  state: "open" | "closed";
  returnLabels: SimReturnLabel[];
}

export interface SimCareFolder {
  id: number;
  orderId: number;
  orderLineId: number;
  state: "open" | "closed";
  createdAt: Date;
  modifiedAt: Date;
  closedAt: Date | null;
  claims: SimClaim[];
}

/** Refurbed order-item return states (RF `OrderItemReturnState`). */
export const rfReturnStates = [
  "UNKNOWN",
  "INITIATED",
  "IN_TRANSIT",
  "DELIVERED",
  "REFUNDED",
  "CONCLUDED",
] as const;
export type RfReturnState = (typeof rfReturnStates)[number];

/** A Refurbed order-item return (RF `OrderItemReturn`). */
export interface SimRfReturn {
  id: number;
  orderId: number;
  orderLineId: number;
  state: RfReturnState;
  initiatedAt: Date;
  deliveredAt: Date | null;
  trackingNumber: string;
}

/** A write the simulator received: tests assert on these. */
export interface RecordedWrite {
  seq: number;
  at: string;
  channel: Channel;
  method: string;
  path: string;
  body: unknown;
  status: number;
}
