// Refurbed merchant API (HTTP/JSON gateway) served from the simulator's store.
import { json, type SimRequest, type SimResponse } from "./http-types";
import { passingRun } from "./listing-cache";
import {
  renderRfOffer,
  renderRfOrder,
  renderRfReturn,
  rfItemState,
  rfOrderState,
  rfReleased,
} from "./refurbed-render";
import type { SimulatorStore } from "./store";
import type { SimLineState, SimOrder } from "./types";

export interface RefurbedApiOptions {
  token: string;
  /** Each page after the first starts with the last item of the page before. */
  repeatAcrossPages: (request: SimRequest) => boolean;
  /** A cursor past the second page's end gets the first page again (faults.ts). */
  endlessPaging?: (request: SimRequest) => boolean;
  startedAt: Date;
}

/** google.rpc.Status with the HTTP status the gateway maps each code to. */
const rpcError = (
  code: "INVALID_ARGUMENT" | "NOT_FOUND" | "UNAUTHENTICATED" | "UNIMPLEMENTED",
  message: string,
) => {
  const codes = {
    INVALID_ARGUMENT: [3, 400],
    NOT_FOUND: [5, 404],
    UNIMPLEMENTED: [12, 501],
    UNAUTHENTICATED: [16, 401],
  } as const;
  const [rpcCode, status] = codes[code];
  return json(status, { code: rpcCode, message, details: [] });
};

type Body = Record<string, unknown>;

export function handleRefurbed(
  store: SimulatorStore,
  request: SimRequest,
  options: RefurbedApiOptions,
): SimResponse {
  if (request.headers.authorization !== `Plain ${options.token}`) {
    return rpcError("UNAUTHENTICATED", "authorization header is missing, malformed or invalid");
  }
  if (request.method !== "POST") return rpcError("UNIMPLEMENTED", "the gateway only accepts POST");
  if (request.bodyInvalid) return rpcError("INVALID_ARGUMENT", "request body is not valid JSON");
  const body = (request.body ?? {}) as Body;
  const method = request.path.replace(/^\/refb\.merchant\.v1\./, "");
  const offerIdOf = (sku: string) => store.listingBySku(sku)?.rfOfferId;
  switch (method) {
    case "OrderService/ListOrders":
      return listOrders(store, request, body, options, offerIdOf);
    case "OrderService/GetOrder": {
      const order = releasedOrder(store, body.id);
      return order
        ? json(200, { order: renderRfOrder(order, offerIdOf) })
        : rpcError("NOT_FOUND", "order not found");
    }
    case "OrderService/ListShippingLabels": {
      const order = releasedOrder(store, body.order_id);
      if (!order) return rpcError("NOT_FOUND", "order not found");
      const labels = order.labelPath
        ? [
            {
              id: String(order.id + 500_000),
              label_printer_url: `${request.origin}${order.labelPath}`,
              tracking_data: {
                carrier: "DHL",
                tracking_number: order.trackingNumber ?? "",
                tracking_url: order.trackingUrl ?? "",
              },
              parcel_weight: 0.4,
            },
          ]
        : [];
      return json(200, { shipping_labels: labels });
    }
    case "OrderItemService/UpdateOrderItemState":
      return store.recorded("refurbed", request, updateItemState(store, body, offerIdOf));
    case "OrderItemReturnService/ListOrderItemReturns":
      return listReturns(store, body);
    case "OfferService/ListOffers":
      return listOffers(store, body, options);
    case "OfferService/GetOffer": {
      const listing = offerFor(store, body.identifier);
      return listing
        ? json(200, { offer: renderRfOffer(listing, options.startedAt) })
        : rpcError("NOT_FOUND", "offer not found");
    }
    case "OfferService/UpdateOffer":
      return store.recorded("refurbed", request, updateOffer(store, body, options));
    default:
      return rpcError("UNIMPLEMENTED", `unknown method ${method}`);
  }
}

function releasedOrder(store: SimulatorStore, id: unknown): SimOrder | undefined {
  const order = store.order("refurbed", Number(id));
  return order && rfReleased(order) ? order : undefined;
}

function pagination(body: Body): { limit: number; after?: number; before?: number } | string {
  const page = (body.pagination ?? {}) as Body;
  const limit = page.limit === undefined ? 100 : Number(page.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return "pagination limit must be between 1 and 100";
  if (page.starting_after !== undefined && page.ending_before !== undefined) {
    return "ending_before and starting_after cannot both be set";
  }
  return {
    limit,
    after: page.starting_after === undefined ? undefined : Number(page.starting_after),
    before: page.ending_before === undefined ? undefined : Number(page.ending_before),
  };
}

/**
 * Cursor pagination over items by ascending (or descending) id; `repeat` makes each later
 * page start with the cursor item again. The cursor is found by binary search: reading a
 * listing page by page costs its length, not its length times its pages.
 */
function cursorPage<T extends { id: number }>(
  items: readonly T[],
  page: { limit: number; after?: number; before?: number },
  repeat: boolean,
) {
  const { after, before } = page;
  let { start, end } = { start: 0, end: items.length };
  if (after !== undefined) {
    ({ start, end } = passingRun(items, (item) => (repeat ? item.id >= after : item.id > after)));
  }
  if (before !== undefined) {
    ({ start, end } = passingRun(items, (item) => item.id < before));
    start = Math.max(start, end - page.limit);
  }
  const stop = Math.min(end, start + page.limit);
  return { slice: items.slice(start, stop), hasMore: end - start > page.limit };
}

/** A cursor at or past the end of the second page leads back to the first: a two-page cycle. */
function cyclingPage<T extends { id: number }>(
  items: readonly T[],
  page: { limit: number; after?: number },
) {
  const position =
    page.after === undefined ? -1 : items.findIndex((item) => item.id === page.after);
  if (position >= 2 * page.limit - 1) return { slice: items.slice(0, page.limit), hasMore: true };
  const { slice } = cursorPage(items, page, false);
  return { slice, hasMore: true };
}

function listOrders(
  store: SimulatorStore,
  request: SimRequest,
  body: Body,
  options: RefurbedApiOptions,
  offerIdOf: (sku: string) => string | undefined,
): SimResponse {
  const page = pagination(body);
  if (typeof page === "string") return rpcError("INVALID_ARGUMENT", page);
  const filter = (body.filter ?? {}) as Body;
  const state = (filter.state ?? {}) as { any_of?: string[]; none_of?: string[] };
  const released = (filter.released_at ?? {}) as Record<string, string | undefined>;
  const bounds = Object.fromEntries(
    Object.entries(released).map(([key, value]) => [key, value ? new Date(value) : undefined]),
  );
  if (Object.values(bounds).some((date) => date && Number.isNaN(date.getTime()))) {
    return rpcError("INVALID_ARGUMENT", "released_at bounds must be RFC 3339 timestamps");
  }
  const skus = ((filter.item_sku ?? {}) as { any_of?: string[] }).any_of;
  const descending = ((body.sort ?? {}) as Body).order === "DESC";
  // One walk over the store per listing (not per page) while no order changes.
  const key = JSON.stringify({ state, bounds, skus });
  const orders = store.listed(
    "refurbed",
    `orders ${key}`,
    (order) => {
      if (!rfReleased(order)) return false;
      const orderState = rfOrderState(order);
      const at = order.paidAt ?? order.createdAt;
      return (
        (!state.any_of?.length || state.any_of.includes(orderState)) &&
        !state.none_of?.includes(orderState) &&
        (!bounds.gt || at > bounds.gt) &&
        (!bounds.ge || at >= bounds.ge) &&
        (!bounds.lt || at < bounds.lt) &&
        (!bounds.le || at <= bounds.le) &&
        (!skus?.length || order.lines.some((line) => skus.includes(line.sku)))
      );
    },
    descending,
  );
  const { slice, hasMore } = options.endlessPaging?.(request)
    ? cyclingPage(orders, page)
    : cursorPage(orders, page, page.after !== undefined && options.repeatAcrossPages(request));
  return json(200, {
    orders: slice.map((order) => renderRfOrder(order, offerIdOf)),
    has_more: hasMore,
  });
}

const itemTransitions: Record<string, { from: SimLineState[]; to: SimLineState }> = {
  ACCEPTED: { from: ["paid"], to: "accepted" },
  REJECTED: { from: ["paid"], to: "rejected" },
  CANCELLED: { from: ["paid", "accepted"], to: "cancelled" },
  SHIPPED: { from: ["accepted"], to: "shipped" },
  RETURNED: { from: ["shipped"], to: "returned" },
};

function updateItemState(
  store: SimulatorStore,
  body: Body,
  offerIdOf: (sku: string) => string | undefined,
): SimResponse {
  const found = store.findLine("refurbed", Number(body.id));
  if (!found || !rfReleased(found.order)) return rpcError("NOT_FOUND", "order item not found");
  const target = String(body.state ?? "");
  const transition = itemTransitions[target];
  if (!transition) return rpcError("INVALID_ARGUMENT", `state ${target || "(none)"} cannot be set`);
  const { order, line } = found;
  const current = rfItemState(line);
  if (current === target) return json(200, { order_item: itemOf(order, line.id, offerIdOf) });
  if (!transition.from.includes(line.state)) {
    return rpcError("INVALID_ARGUMENT", `illegal state transition from ${current} to ${target}`);
  }
  if (target === "SHIPPED") {
    const url = body.parcel_tracking_url;
    if (typeof url !== "string" || !/^https?:\/\/\S+$/.test(url)) {
      return rpcError("INVALID_ARGUMENT", "a valid parcel tracking url is required for SHIPPED");
    }
    order.trackingUrl = url;
  }
  store.setLineState(order, line, transition.to);
  return json(200, { order_item: itemOf(order, line.id, offerIdOf) });
}

function itemOf(order: SimOrder, lineId: number, offerIdOf: (sku: string) => string | undefined) {
  const items = renderRfOrder({ ...order, malformed: null }, offerIdOf).items as { id: string }[];
  return items.find((item) => item.id === String(lineId));
}

function offerFor(store: SimulatorStore, identifier: unknown) {
  const { id, sku } = (identifier ?? {}) as { id?: unknown; sku?: unknown };
  return store.listings.find(
    (listing) =>
      (id !== undefined && listing.rfOfferId === String(id)) ||
      (sku !== undefined && listing.sku === sku),
  );
}

function listOffers(store: SimulatorStore, body: Body, options: RefurbedApiOptions): SimResponse {
  const page = pagination(body);
  if (typeof page === "string") return rpcError("INVALID_ARGUMENT", page);
  const skus = (((body.filter ?? {}) as Body).sku as { any_of?: string[] } | undefined)?.any_of;
  const offers = store.listings
    .filter((listing) => !skus?.length || skus.includes(listing.sku))
    .map((listing) => ({ id: Number(listing.rfOfferId), listing }))
    .sort((a, b) => a.id - b.id);
  const { slice, hasMore } = cursorPage(offers, page, false);
  return json(200, {
    offers: slice.map(({ listing }) => renderRfOffer(listing, options.startedAt)),
    has_more: hasMore,
  });
}

function updateOffer(store: SimulatorStore, body: Body, options: RefurbedApiOptions): SimResponse {
  const listing = offerFor(store, body.identifier);
  if (!listing) return rpcError("NOT_FOUND", "offer not found");
  if (body.stock !== undefined) {
    const stock = Number(body.stock);
    if (!Number.isInteger(stock) || stock < 0)
      return rpcError("INVALID_ARGUMENT", "stock must be a non-negative integer");
    listing.quantity = stock;
  }
  return json(200, { offer: renderRfOffer(listing, options.startedAt) });
}

/** ListOrderItemReturns: by ascending id; filters by order, state and initiation time. */
function listReturns(store: SimulatorStore, body: Body): SimResponse {
  const page = pagination(body);
  if (typeof page === "string") return rpcError("INVALID_ARGUMENT", page);
  const filter = (body.filter ?? {}) as Body;
  const state = (filter.state ?? {}) as { any_of?: string[]; none_of?: string[] };
  const orderIds = ((filter.order_id ?? {}) as { any_of?: unknown[] }).any_of?.map(String);
  const initiated = (filter.return_initiated_at ?? {}) as Record<string, string | undefined>;
  const from = initiated.ge ?? initiated.gt;
  const since = from ? new Date(from) : null;
  if (since && Number.isNaN(since.getTime())) {
    return rpcError("INVALID_ARGUMENT", "return_initiated_at bounds must be RFC 3339 timestamps");
  }
  const returns = store.refurbedReturns
    .filter((entry) => !state.any_of?.length || state.any_of.includes(entry.state))
    .filter((entry) => !state.none_of?.includes(entry.state))
    .filter((entry) => !orderIds?.length || orderIds.includes(String(entry.orderId)))
    .filter((entry) => !since || entry.initiatedAt >= since)
    .sort((a, b) => a.id - b.id);
  const { slice, hasMore } = cursorPage(returns, page, false);
  return json(200, {
    returns: slice.map((entry) => renderRfReturn(entry, store)),
    has_more: hasMore,
  });
}
