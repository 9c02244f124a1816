// Back Market seller endpoints served from the simulator's store.
import { parseMarketplaceDate } from "../parse";
import {
  bmLineStateCode,
  bmOrderStateCode,
  renderBmCareFolder,
  renderBmCareFolderDetails,
  renderBmDelivery,
  renderBmListing,
  renderBmOrder,
} from "./backmarket-render";
import { cdnHtml, json, type SimRequest, type SimResponse } from "./http-types";
import type { SimulatorStore } from "./store";
import type { SimLineState, SimOrder } from "./types";

export interface BackMarketApiOptions {
  token: string;
  /** Each page after the first starts with the last item of the page before. */
  repeatAcrossPages: (request: SimRequest) => boolean;
  /** Every page links a next one; past the end the last page comes again (faults.ts). */
  endlessPaging?: (request: SimRequest) => boolean;
}

const renderOrder = (store: SimulatorStore, request: SimRequest, order: SimOrder) =>
  renderBmOrder(order, request.origin, (sku) => store.listingBySku(sku)?.bmLegacyListingId);

const bmError = (status: number, code: string, message: string) =>
  json(status, { error: { code, message }, requestId: `sim-${Date.now().toString(36)}` });

export function handleBackMarket(
  store: SimulatorStore,
  request: SimRequest,
  options: BackMarketApiOptions,
): SimResponse {
  // The CDN refuses clients without the required User-Agent before the API sees them.
  if (!/^BM-[^;]+;\S+@\S+/.test(request.headers["user-agent"] ?? "")) return cdnHtml(403);
  if (request.headers.authorization !== `Basic ${options.token}`) {
    return bmError(
      401,
      "unauthenticated",
      "Authentication credentials were not provided or are invalid.",
    );
  }
  if (request.bodyInvalid) return bmError(400, "invalid_json", "Request body is not valid JSON");

  const { method, path } = request;
  const orderMatch = /^\/ws\/orders\/([^/]+)\/?$/.exec(path);
  const listingMatch = /^\/ws\/listings\/([^/]+)\/?$/.exec(path);
  if (method === "GET" && /^\/ws\/orders\/?$/.test(path))
    return listOrders(store, request, options);
  if (method === "GET" && orderMatch) return getOrder(store, request, Number(orderMatch[1]));
  if (method === "POST" && orderMatch) return updateOrder(store, request, Number(orderMatch[1]));
  if (method === "GET" && /^\/ws\/listings\/?$/.test(path))
    return listListings(store, request, options);
  if (listingMatch?.[1]) {
    const listing = store.listings.find(
      (l) => l.bmListingId === listingMatch[1] || String(l.bmLegacyListingId) === listingMatch[1],
    );
    if (!listing) return bmError(404, "not_found", "Listing not found");
    if (method === "GET") return json(200, { ...renderBmListing(listing), statuscode: 200 });
    if (method === "POST") return updateListing(store, request, listing);
  }
  if (method === "GET" && /^\/ws\/sav\/?$/.test(path)) return listCare(store, request);
  const careMatch = /^\/ws\/sav\/(\d+)\/?$/.exec(path);
  if (method === "GET" && careMatch) {
    const folder = store.careFolders.find((candidate) => String(candidate.id) === careMatch[1]);
    if (!folder) return bmError(404, "not_found", "Care folder not found");
    return json(
      200,
      renderBmCareFolderDetails(folder, store.order("backmarket", folder.orderId), request.origin),
    );
  }
  if (method === "GET" && /^\/ws\/shipping\/v1\/deliveries\/?$/.test(path))
    return listDeliveries(store, request);
  return bmError(404, "not_found", `No route ${method} ${path}`);
}

function pageParams(request: SimRequest, defaultSize: number, maxSize: number) {
  const page = Number(request.query.get("page") ?? "1");
  const size = Number(request.query.get("page-size") ?? String(defaultSize));
  if (!Number.isInteger(page) || page < 1)
    return { error: "page must be a positive integer" } as const;
  if (!Number.isInteger(size) || size < 1 || size > maxSize) {
    return { error: `page-size must be between 1 and ${maxSize}` } as const;
  }
  return { page, size } as const;
}

/** `{count, next, previous, results}` over `items`, with absolute next/previous links. */
function paginate<T>(
  request: SimRequest,
  items: readonly T[],
  page: number,
  size: number,
  repeat: boolean,
  render: (item: T) => unknown,
  endless = false,
): Record<string, unknown> {
  let start = Math.max(0, (page - 1) * size - (repeat && page > 1 ? 1 : 0));
  if (endless) start = Math.min(start, Math.max(0, Math.ceil(items.length / size) - 1) * size);
  const end = Math.min(items.length, start + size);
  const link = (target: number) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(target));
    return `${request.origin}${request.path}?${query}`;
  };
  return {
    count: items.length,
    next: end < items.length || endless ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice(start, end).map(render),
  };
}

function dateFilter(request: SimRequest, name: string): Date | null | "invalid" {
  const raw = request.query.get(name);
  if (!raw) return null;
  return parseMarketplaceDate(raw) ?? "invalid";
}

function listOrders(
  store: SimulatorStore,
  request: SimRequest,
  options: BackMarketApiOptions,
): SimResponse {
  const params = pageParams(request, 10, 50);
  if ("error" in params) return bmError(400, "invalid_parameter", params.error ?? "");
  const created = dateFilter(request, "date_creation");
  const modified = dateFilter(request, "date_modification");
  if (created === "invalid" || modified === "invalid") {
    return bmError(400, "invalid_parameter", "Dates must be RFC 3339 (or YYYY-MM-DD HH:MM:SS)");
  }
  const state = request.query.get("state");
  const createdMs = created?.getTime();
  const modifiedMs = modified?.getTime();
  // One walk over the store per listing (not per page) while no order changes.
  const orders = store.listed(
    "backmarket",
    `orders ${state} ${createdMs} ${modifiedMs}`,
    (order) => {
      const code = bmOrderStateCode(order);
      return (
        code !== 0 &&
        code !== 8 &&
        (state === null || String(code) === state) &&
        (createdMs === undefined || order.createdAt.getTime() >= createdMs) &&
        (modifiedMs === undefined || order.modifiedAt.getTime() >= modifiedMs)
      );
    },
  );
  return json(
    200,
    paginate(
      request,
      orders,
      params.page,
      params.size,
      options.repeatAcrossPages(request),
      (order) => renderOrder(store, request, order),
      options.endlessPaging?.(request),
    ),
  );
}

function getOrder(store: SimulatorStore, request: SimRequest, id: number): SimResponse {
  const order = store.order("backmarket", id);
  if (!order) return bmError(404, "not_found", "Order not found");
  return json(200, renderOrder(store, request, order));
}

/** new_state → (states a line may come from, state it goes to). */
const transitions: Record<number, { from: SimLineState[]; to: SimLineState }> = {
  2: { from: ["paid"], to: "accepted" },
  3: { from: ["accepted"], to: "shipped" },
  4: { from: ["paid"], to: "cancelled" },
  5: { from: ["accepted"], to: "refunded" },
  6: { from: ["shipped"], to: "returned" },
};

function updateOrder(store: SimulatorStore, request: SimRequest, id: number): SimResponse {
  const respond = (response: SimResponse) => store.recorded("backmarket", request, response);
  const order = store.order("backmarket", id);
  if (!order) return respond(bmError(404, "not_found", "Order not found"));
  const body = (request.body ?? {}) as Record<string, unknown>;
  const newState = Number(body.new_state);
  const transition = transitions[newState];
  if (!transition)
    return respond(bmError(400, "invalid_state", "new_state must be one of 2, 3, 4, 5, 6"));
  if (newState === 3) {
    if (typeof body.tracking_number !== "string" || !body.tracking_number) {
      return respond(
        bmError(400, "missing_tracking_number", "tracking_number is required for new_state 3"),
      );
    }
    const lines = order.lines.filter((line) => line.state === "accepted");
    if (lines.length === 0)
      return respond(bmError(400, "invalid_state", "No accepted orderline to ship"));
    order.trackingNumber = body.tracking_number;
    for (const line of lines) store.setLineState(order, line, "shipped");
    return respond(json(200, renderOrder(store, request, order)));
  }
  const sku = typeof body.sku === "string" ? body.sku : "";
  const lines = order.lines.filter(
    (line) => sku !== "" && line.sku.toLowerCase() === sku.toLowerCase(),
  );
  if (lines.length === 0) return respond(bmError(400, "sku_not_found", "sku not found"));
  const movable = lines.filter((line) => transition.from.includes(line.state));
  if (movable.length === 0) {
    // Asking again for a state the lines already have is harmless.
    if (lines.every((line) => line.state === transition.to))
      return respond(json(200, renderOrder(store, request, order)));
    const current = lines.map((line) => bmLineStateCode[line.state]).join(", ");
    return respond(
      bmError(
        400,
        "invalid_transition",
        `Orderline in state ${current} cannot move to ${newState}`,
      ),
    );
  }
  for (const line of movable) store.setLineState(order, line, transition.to);
  return respond(json(200, renderOrder(store, request, order)));
}

function listListings(
  store: SimulatorStore,
  request: SimRequest,
  options: BackMarketApiOptions,
): SimResponse {
  const params = pageParams(request, 10, 50);
  if ("error" in params) return bmError(400, "invalid_parameter", params.error ?? "");
  const publication = request.query.get("publication_state");
  const listings = store.listings.filter(
    (listing) =>
      publication === null || String(renderBmListing(listing).publication_state) === publication,
  );
  return json(
    200,
    paginate(
      request,
      listings,
      params.page,
      params.size,
      options.repeatAcrossPages(request),
      renderBmListing,
    ),
  );
}

function updateListing(
  store: SimulatorStore,
  request: SimRequest,
  listing: SimulatorStore["listings"][number],
): SimResponse {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const quantity = typeof body.quantity === "string" ? Number(body.quantity) : body.quantity;
  let response: SimResponse;
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 0) {
    response = json(400, "quantity must be a non-negative integer");
  } else {
    listing.quantity = quantity;
    response = json(200, { ...renderBmListing(listing), shippings_response: [], statuscode: 200 });
  }
  return store.recorded("backmarket", request, response);
}

/** `/ws/sav`: 10 folders a page; `count` is the number on this page. */
function listCare(store: SimulatorStore, request: SimRequest): SimResponse {
  const page = Number(request.query.get("page") ?? "1");
  if (!Number.isInteger(page) || page < 1)
    return bmError(400, "invalid_parameter", "page must be a positive integer");
  const since = request.query.get("last_modification_date");
  let sinceDate: Date | null = null;
  if (since) {
    const match = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/.exec(since);
    if (!match)
      return bmError(400, "invalid_parameter", "last_modification_date must be YYYY-MM-DD-hh-mm");
    sinceDate = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00Z`);
  }
  const state = request.query.get("state");
  const orderline = request.query.get("orderline");
  const folders = store.careFolders
    .filter((folder) => !sinceDate || folder.modifiedAt >= sinceDate)
    .filter((folder) => state === null || (state === "9") === (folder.state === "closed"))
    .filter((folder) => orderline === null || String(folder.orderLineId) === orderline)
    .sort((a, b) => a.id - b.id);
  const results = folders.slice((page - 1) * 10, page * 10).map(renderBmCareFolder);
  const query = new URLSearchParams(request.query);
  query.set("page", String(page + 1));
  const more = page * 10 < folders.length;
  return json(200, {
    count: results.length,
    ...(more ? { next: `${request.origin}${request.path}?${query}` } : {}),
    results,
  });
}

/** BackShip deliveries: one per order that has a label (created when a line is accepted). */
function listDeliveries(store: SimulatorStore, request: SimRequest): SimResponse {
  const orderId = request.query.get("order_id");
  if (orderId !== null && !/^\d+$/.test(orderId)) {
    return json(422, {
      error: { code: "E009", message: "Validation error" },
      data: { fields: { orderId: ["An integer is needed."] } },
    });
  }
  // One order by id, or every order with a label (one walk per listing, as for orders).
  let deliveries: readonly SimOrder[];
  if (orderId === null) {
    deliveries = store.listed("backmarket", "deliveries", (order) => order.labelPath !== null);
  } else {
    const order = store.order("backmarket", Number(orderId));
    deliveries = order?.labelPath ? [order] : [];
  }
  return json(
    200,
    paginate(
      request,
      deliveries,
      Number(request.query.get("page") ?? "1"),
      10,
      false,
      renderBmDelivery,
    ),
  );
}
