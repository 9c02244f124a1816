// Refurbed merchant API client over its HTTP/JSON gateway (or the simulator).
import {
  type AcceptItem,
  type AcceptResult,
  type AdapterCapabilities,
  type CareResult,
  type ListingResult,
  type ListOrdersOptions,
  type MarketplaceAdapter,
  type OrderResult,
  type PushReceipt,
  type ReturnResult,
  type ShippingDocuments,
  unsupportedListing,
} from "../adapter";
import {
  type ClientOptions,
  type ClientTimings,
  defaultRetry,
  resolveTimings,
} from "../client-options";
import { MarketplaceHttpError } from "../http/errors";
import { HttpTransport } from "../http/transport";
import { type ReadLimits, resolveReadLimits } from "../limits";
import { toOrderResult, uniqueOrders } from "../order-result";
import { PagingGuard } from "../paging-guard";
import { parseEnvelope, rawId } from "../parse";
import { shippingDocuments } from "../shipping-documents";
import { mapRefurbedOrder, toListingResult, toReturnResult } from "./mapping";
import {
  rfListOffersSchema,
  rfListOrdersSchema,
  rfListReturnsSchema,
  rfOrderSchema,
  rfShippingLabelsSchema,
} from "./schemas";

export const REFURBED_MAX_PAGE_SIZE = 100;

/** Refurbed publishes no numbers; stay well below what a gRPC gateway tolerates. */
export const refurbedTimings: ClientTimings = {
  throttle: { intervalMs: 1_000, intervalCap: 10 },
  retry: defaultRetry,
  timeoutMs: 30_000,
  listingUpdates: { intervalMs: 1_000, intervalCap: 10 },
};

type OrderFilter = Record<string, unknown>;
const orderId = (raw: unknown) => rawId(raw, "id");

export class RefurbedClient implements MarketplaceAdapter {
  readonly provider = "refurbed" as const;
  readonly capabilities: AdapterCapabilities = {
    care: false,
    returns: true,
    modifiedSinceFilter: false,
    ...shippingDocuments.refurbed,
  };
  readonly marketplaceId: number;
  private readonly transport: HttpTransport;
  private readonly limits: ReadLimits;

  constructor(options: ClientOptions) {
    const timings = resolveTimings(refurbedTimings, options.timings);
    this.marketplaceId = options.marketplaceId;
    this.limits = resolveReadLimits(options.limits);
    this.transport = new HttpTransport({
      ...timings,
      maxResponseBytes: this.limits.maxResponseBytes,
      baseUrl: options.baseUrl,
      throttleKey: `refurbed:${options.code}`,
      logger: options.logger.child({ marketplace: options.code, provider: "refurbed" }),
      fetch: options.fetch,
      hostPolicy: options.hostPolicy,
      headers: {
        Authorization: `Plain ${options.token}`,
        Accept: "application/json",
        "Content-Type": "application/json",
      },
    });
  }

  /** `POST /refb.merchant.v1.<Service>/<Method>` with the request message as JSON. */
  private async call(
    service: string,
    method: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return (await this.send(service, method, body, signal)).body;
  }

  /** As `call`, with the answer's HTTP status. */
  private send(service: string, method: string, body: unknown, signal?: AbortSignal) {
    return this.transport.send({
      method: "POST",
      path: `refb.merchant.v1.${service}/${method}`,
      body,
      signal,
    });
  }

  async testConnection(signal?: AbortSignal): Promise<void> {
    const body = await this.call(
      "OrderService",
      "ListOrders",
      { pagination: { limit: 1 } },
      signal,
    );
    parseEnvelope(rfListOrdersSchema, body, "ListOrders");
  }

  listNewOrders(options: ListOrdersOptions = {}): AsyncIterable<OrderResult> {
    return uniqueOrders(this.sweepOrders({ state: { any_of: ["NEW"] } }, options));
  }

  /** No modified-since filter: every open order, then every order released since `since`. */
  listOrdersModifiedSince(
    since: Date,
    options: ListOrdersOptions = {},
  ): AsyncIterable<OrderResult> {
    const sweep = this.sweepOrders.bind(this);
    return uniqueOrders(
      (async function* () {
        yield* sweep({ state: { any_of: ["NEW", "ACCEPTED"] } }, options);
        yield* sweep({ released_at: { ge: since.toISOString() } }, options);
      })(),
    );
  }

  /**
   * ListOrders by ascending id, `starting_after` the last id seen, until `has_more` is false.
   * The next page is requested as soon as this one's envelope is read, so Refurbed prepares
   * it while this one is validated and stored.
   */
  private async *sweepOrders(
    filter: OrderFilter,
    options: ListOrdersOptions,
  ): AsyncIterable<OrderResult> {
    const limit = Math.min(
      Math.max(1, options.pageSize ?? REFURBED_MAX_PAGE_SIZE),
      REFURBED_MAX_PAGE_SIZE,
    );
    const fetchPage = (startingAfter: string | undefined): Promise<unknown> => {
      const request = this.call(
        "OrderService",
        "ListOrders",
        {
          pagination: { limit, ...(startingAfter ? { starting_after: startingAfter } : {}) },
          sort: { by: "ID", order: "ASC" },
          filter,
        },
        options.signal,
      );
      // Surfaced when awaited below; not an unhandled rejection if the caller stops first.
      request.catch(() => {});
      return request;
    };
    // A cursor already followed (a cycle of any length) or a page of orders already read
    // stops the sweep after its orders are yielded.
    const guard = new PagingGuard("ListOrders", this.limits.maxPagesPerListing, orderId);
    let pending: Promise<unknown> | null = fetchPage(undefined);
    while (pending) {
      const body: unknown = await pending;
      const page = parseEnvelope(rfListOrdersSchema, body, "ListOrders");
      const lastId = page.has_more ? orderId(page.orders.at(-1)) : undefined;
      const step = guard.afterPage(page.orders, lastId);
      pending = step.kind === "follow" ? fetchPage(step.cursor) : null;
      for (const raw of page.orders) {
        yield toOrderResult(
          raw,
          rfOrderSchema,
          (o) => mapRefurbedOrder(o, this.marketplaceId),
          orderId,
        );
      }
      if (step.kind === "stop") throw step.error;
    }
  }

  async getOrder(externalId: string, signal?: AbortSignal): Promise<OrderResult | null> {
    let body: unknown;
    try {
      body = await this.call("OrderService", "GetOrder", { id: externalId }, signal);
    } catch (error) {
      if (error instanceof MarketplaceHttpError && error.httpStatus === 404) return null;
      throw error;
    }
    const raw = (body as { order?: unknown } | null)?.order;
    if (raw === undefined || raw === null) return null;
    const { labelUrl } = await this.getShippingDocuments(externalId, signal);
    return toOrderResult(
      raw,
      rfOrderSchema,
      (o) => mapRefurbedOrder(o, this.marketplaceId, { labelUrl }),
      orderId,
    );
  }

  async getShippingDocuments(
    orderExternalId: string,
    signal?: AbortSignal,
  ): Promise<ShippingDocuments> {
    const body = await this.call(
      "OrderService",
      "ListShippingLabels",
      { order_id: orderExternalId },
      signal,
    );
    const labels = parseEnvelope(
      rfShippingLabelsSchema,
      body,
      "ListShippingLabels",
    ).shipping_labels;
    return {
      labelUrl: labels.find((label) => label.label_printer_url)?.label_printer_url ?? null,
      deliveryNoteUrl: null,
    };
  }

  /** Items are addressed by their own ids on Refurbed; the order id is not needed. */
  async acceptItems(
    _orderExternalId: string,
    items: readonly AcceptItem[],
    signal?: AbortSignal,
  ): Promise<AcceptResult[]> {
    const results: AcceptResult[] = [];
    for (const item of items) {
      try {
        await this.call(
          "OrderItemService",
          "UpdateOrderItemState",
          { id: item.externalId, state: "ACCEPTED" },
          signal,
        );
        results.push({ externalId: item.externalId, sku: item.sku, ok: true });
      } catch (error) {
        if (!(error instanceof MarketplaceHttpError)) throw error;
        if (error.httpStatus === 401 || error.httpStatus === 403) throw error;
        results.push({
          externalId: item.externalId,
          sku: item.sku,
          ok: false,
          error: error.message,
        });
      }
    }
    return results;
  }

  listCareRecords(): AsyncIterable<CareResult> {
    return unsupportedListing("refurbed", "after-sales (care) records");
  }

  listListings(
    options: { signal?: AbortSignal; pageSize?: number } = {},
  ): AsyncIterable<ListingResult> {
    const call = this.call.bind(this);
    const limit = Math.min(options.pageSize ?? REFURBED_MAX_PAGE_SIZE, REFURBED_MAX_PAGE_SIZE);
    const guard = new PagingGuard("ListOffers", this.limits.maxPagesPerListing, (r) =>
      rawId(r, "id"),
    );
    return (async function* () {
      let startingAfter: string | undefined;
      for (;;) {
        const body = await call(
          "OfferService",
          "ListOffers",
          { pagination: { limit, ...(startingAfter ? { starting_after: startingAfter } : {}) } },
          options.signal,
        );
        const page = parseEnvelope(rfListOffersSchema, body, "ListOffers");
        for (const raw of page.offers) yield toListingResult(raw);
        const step = guard.afterPage(
          page.offers,
          page.has_more ? rawId(page.offers.at(-1), "id") : undefined,
        );
        if (step.kind === "stop") throw step.error;
        if (step.kind === "end") return;
        startingAfter = step.cursor;
      }
    })();
  }

  /** ListOrderItemReturns by ascending id, initiated since `since` when given. */
  listReturns(since?: Date, options: { signal?: AbortSignal } = {}): AsyncIterable<ReturnResult> {
    const call = this.call.bind(this);
    const guard = new PagingGuard("ListOrderItemReturns", this.limits.maxPagesPerListing, (r) =>
      rawId(r, "id"),
    );
    const filter = since ? { return_initiated_at: { ge: since.toISOString() } } : undefined;
    return (async function* () {
      let startingAfter: string | undefined;
      for (;;) {
        const body = await call(
          "OrderItemReturnService",
          "ListOrderItemReturns",
          {
            pagination: {
              limit: REFURBED_MAX_PAGE_SIZE,
              ...(startingAfter ? { starting_after: startingAfter } : {}),
            },
            sort: { by: "ID", order: "ASC" },
            ...(filter ? { filter } : {}),
          },
          options.signal,
        );
        const page = parseEnvelope(rfListReturnsSchema, body, "ListOrderItemReturns");
        for (const raw of page.returns) yield toReturnResult(raw);
        const step = guard.afterPage(
          page.returns,
          page.has_more ? rawId(page.returns.at(-1), "id") : undefined,
        );
        if (step.kind === "stop") throw step.error;
        if (step.kind === "end") return;
        startingAfter = step.cursor;
      }
    })();
  }

  async setListingQuantity(
    externalListingId: string,
    quantity: number,
    signal?: AbortSignal,
  ): Promise<PushReceipt> {
    const answer = await this.send(
      "OfferService",
      "UpdateOffer",
      { identifier: { id: externalListingId }, stock: quantity },
      signal,
    );
    return { httpStatus: answer.status };
  }
}
