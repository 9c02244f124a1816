// The contract between the sync engine (lib/sync) and each marketplace's client.
//
// How the sync engine uses an adapter:
// - Listing calls (`listNewOrders`, `listOrdersModifiedSince`, `listCareRecords`, `listListings`)
//   return async iterables. Iterate with `for await`; pages are fetched lazily, throttled and
//   retried inside the client. An order listing yields `OrderResult`s: either a normalised order
//   or a parse failure (`{ ok: false, failure: { externalId, path, message } }`). A payload that
//   does not validate is reported and skipped; it never aborts the run. Each order is yielded at
//   most once per iteration even if the marketplace repeats it across pages.
// - A transport failure that survives the retries (auth refused, marketplace down) throws a
//   `MarketplaceHttpError` (an AppError) from the iterator: the run as a whole failed.
// - `acceptItems` never throws for a single refused line: it returns one result per item.
// - Optional capabilities are flagged in `capabilities`; calling one that is missing throws a
//   `CapabilityNotSupportedError` (code `bad_request`) with a sentence a person can read.

import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { AppError } from "@/lib/errors";

export type ProviderName = "backmarket" | "refurbed" | "shopify";

/** A payload that did not validate: which order, where in the payload, what was wrong. */
export interface ParseFailure {
  /** The marketplace's order id when it could be read, otherwise a placeholder like "?". */
  externalId: string;
  /** Dotted path inside the payload, e.g. `orderlines.0.quantity`. */
  path: string;
  message: string;
}

export type OrderResult =
  | { ok: true; order: NormalizedOrder }
  | { ok: false; failure: ParseFailure };

export interface ListOrdersOptions {
  /** Orders per page (Back Market caps at 50, Refurbed at 100; larger values are clamped). */
  pageSize?: number;
  signal?: AbortSignal;
}

export interface AcceptItem {
  /** The order line's external id. */
  externalId: string;
  sku: string;
}

export interface AcceptResult {
  externalId: string;
  sku: string;
  ok: boolean;
  /** Why the marketplace refused the line (only when ok is false). */
  error?: string;
}

export interface CareRecord {
  /** The care folder's id: stored as order_items.care_id. */
  externalId: string;
  /** The order line the record is about (matches order_items.external_id). */
  orderItemExternalId: string;
  /** The order id when the marketplace says it; otherwise the sync finds it by line id. */
  orderExternalId: string | null;
  state: "open" | "closed";
  createdAt: Date | null;
  modifiedAt: Date | null;
  /**
   * Set when the folder says a parcel is coming back to the merchant (Back Market: an open
   * folder whose claim has a CUSTOMER_TO_MERCHANT return label that has not expired).
   */
  customerReturn: { note: string } | null;
}

export type CareResult = { ok: true; record: CareRecord } | { ok: false; failure: ParseFailure };

/** A marketplace's record of one item coming back (Refurbed `OrderItemReturn`). */
export interface ReturnRecord {
  /** The marketplace's return id: one return per id, however often it is listed. */
  externalId: string;
  orderExternalId: string;
  orderItemExternalId: string;
  /** The marketplace's state, e.g. INITIATED, IN_TRANSIT, DELIVERED. */
  state: string;
  initiatedAt: Date | null;
  deliveredAt: Date | null;
  trackingNumber: string | null;
}

export type ReturnResult =
  | { ok: true; record: ReturnRecord }
  | { ok: false; failure: ParseFailure };

export interface ListingRecord {
  sku: string;
  /** The id used to update the listing (Back Market listing uuid, Refurbed offer id). */
  externalListingId: string;
  quantity: number;
}

export type ListingResult =
  | { ok: true; listing: ListingRecord }
  | { ok: false; failure: ParseFailure };

export interface ShippingDocuments {
  labelUrl: string | null;
  deliveryNoteUrl: string | null;
}

export interface AdapterCapabilities {
  /** After-sales records (Back Market /ws/sav). */
  care: boolean;
  /** Item returns listed on their own (Refurbed ListOrderItemReturns); absent = none. */
  returns?: boolean;
  /** A modified-since filter exists (Refurbed re-lists open and recent orders instead). */
  modifiedSinceFilter: boolean;
  /** Which shipping documents the marketplace can provide for the `incomplete` sync. */
  labels: boolean;
  deliveryNotes: boolean;
}

export interface MarketplaceAdapter {
  readonly provider: ProviderName;
  readonly marketplaceId: number;
  readonly capabilities: AdapterCapabilities;

  /** A cheap authenticated call: resolves when the credentials and base URL work. */
  testConnection(signal?: AbortSignal): Promise<void>;

  /** Paid orders that wait for acceptance (Back Market state 1, Refurbed orders with NEW items). */
  listNewOrders(options?: ListOrdersOptions): AsyncIterable<OrderResult>;

  /**
   * Orders changed since `since` (Back Market `date_modification`). Refurbed has no such filter:
   * it yields every order still open (NEW/ACCEPTED) plus every order released since `since`.
   */
  listOrdersModifiedSince(since: Date, options?: ListOrdersOptions): AsyncIterable<OrderResult>;

  /** One order by its external id; includes labelUrl/deliveryNoteUrl where they exist. Null when unknown. */
  getOrder(externalId: string, signal?: AbortSignal): Promise<OrderResult | null>;

  /** Label and delivery note of one order (for the `incomplete` sync). */
  getShippingDocuments(orderExternalId: string, signal?: AbortSignal): Promise<ShippingDocuments>;

  /**
   * Accepts paid lines: Back Market one POST per SKU with `new_state: 2`; Refurbed one
   * `UpdateOrderItemState ACCEPTED` per item. One result per item, in the given order.
   */
  acceptItems(
    orderExternalId: string,
    items: readonly AcceptItem[],
    signal?: AbortSignal,
  ): Promise<AcceptResult[]>;

  /** After-sales records modified since `since` (all when omitted). Throws when not supported. */
  listCareRecords(since?: Date, options?: { signal?: AbortSignal }): AsyncIterable<CareResult>;

  /**
   * Item returns initiated since `since` (all when omitted). Only where `capabilities.returns`
   * (optional, so adapters without a returns listing need not mention it).
   */
  listReturns?(since?: Date, options?: { signal?: AbortSignal }): AsyncIterable<ReturnResult>;

  /** Every listing / offer with its SKU, external id and the quantity the marketplace shows. */
  listListings(options?: { signal?: AbortSignal; pageSize?: number }): AsyncIterable<ListingResult>;

  /** Sets the quantity a listing shows (0 takes it offline); says how the marketplace answered. */
  setListingQuantity(
    externalListingId: string,
    quantity: number,
    signal?: AbortSignal,
  ): Promise<PushReceipt>;
}

/** A quantity the marketplace took: the HTTP status of its answer (for the push ledger). */
export interface PushReceipt {
  httpStatus: number;
}

export class CapabilityNotSupportedError extends AppError {
  override name = "CapabilityNotSupportedError";
  constructor(provider: ProviderName, capability: string) {
    super("bad_request", `${provider} does not support ${capability}`);
  }
}

/** A listing a provider cannot give: iterating it throws CapabilityNotSupportedError. */
export function unsupportedListing<T>(
  provider: ProviderName,
  capability: string,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      throw new CapabilityNotSupportedError(provider, capability);
    },
  };
}
