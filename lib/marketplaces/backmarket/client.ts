// Back Market seller API client (https://www.backmarket.fr and its siblings, or the simulator).
import type PQueue from "p-queue";
import type {
  AcceptItem,
  AcceptResult,
  AdapterCapabilities,
  CareResult,
  ListingResult,
  ListOrdersOptions,
  MarketplaceAdapter,
  OrderResult,
  PushReceipt,
  ShippingDocuments,
} from "../adapter";
import {
  type ClientOptions,
  type ClientTimings,
  defaultRetry,
  resolveTimings,
} from "../client-options";
import { MarketplaceHttpError } from "../http/errors";
import { HttpTransport, type Query, throttleQueue } from "../http/transport";
import { type ReadLimits, resolveReadLimits } from "../limits";
import { toOrderResult, uniqueOrders } from "../order-result";
import { parseEnvelope, parsePayload, rawId } from "../parse";
import { shippingDocuments } from "../shipping-documents";
import { careDate, careResults } from "./care";
import { mapBackMarketOrder } from "./mapping";
import { backMarketPages } from "./pages";
import { bmDeliverySchema, bmListingSchema, bmOrderSchema, bmPageSchema } from "./schemas";

export const BACKMARKET_MAX_PAGE_SIZE = 50;

/** ≈200 requests per 10 s at the CDN; listing updates ≈2,000 SKU lines an hour. */
export const backMarketTimings: ClientTimings = {
  throttle: { intervalMs: 10_000, intervalCap: 190 },
  retry: defaultRetry,
  timeoutMs: 30_000,
  listingUpdates: { intervalMs: 3_600_000, intervalCap: 1_900 },
};

export interface BackMarketOptions extends ClientOptions {
  /** Market, sent as Accept-Language (e.g. fr-fr). */
  country?: string | null;
  /** Required by Back Market: `BM-<Company>-<Integration>;<email>`. */
  userAgent: string;
}

const orderId = (raw: unknown) => rawId(raw, "order_id", "id");
/** Care folders and listings carry their id in `id`. */
const itemId = (raw: unknown) => rawId(raw, "id");

export class BackMarketClient implements MarketplaceAdapter {
  readonly provider = "backmarket" as const;
  readonly capabilities: AdapterCapabilities = {
    care: true,
    modifiedSinceFilter: true,
    ...shippingDocuments.backmarket,
  };
  readonly marketplaceId: number;
  private readonly transport: HttpTransport;
  private readonly listingQueue: PQueue;
  private readonly limits: ReadLimits;

  constructor(options: BackMarketOptions) {
    const timings = resolveTimings(backMarketTimings, options.timings);
    this.marketplaceId = options.marketplaceId;
    this.limits = resolveReadLimits(options.limits);
    this.transport = new HttpTransport({
      ...timings,
      maxResponseBytes: this.limits.maxResponseBytes,
      baseUrl: options.baseUrl,
      throttleKey: `backmarket:${options.code}`,
      logger: options.logger.child({ marketplace: options.code, provider: "backmarket" }),
      fetch: options.fetch,
      hostPolicy: options.hostPolicy,
      headers: {
        // The token is sent as given (Back Market issues it already encoded).
        Authorization: `Basic ${options.token}`,
        "Accept-Language": options.country ?? "fr-fr",
        Accept: "application/json",
        "Content-Type": "application/json",
        "User-Agent": options.userAgent,
      },
    });
    this.listingQueue = throttleQueue(
      `backmarket-listings:${options.code}`,
      timings.listingUpdates,
    );
  }

  async testConnection(signal?: AbortSignal): Promise<void> {
    const body = await this.transport.request({
      method: "GET",
      path: "ws/orders",
      query: { page: 1, "page-size": 1 },
      signal,
    });
    parseEnvelope(bmPageSchema, body, "GET /ws/orders");
  }

  listNewOrders(options: ListOrdersOptions = {}): AsyncIterable<OrderResult> {
    return this.listOrders({ state: 1 }, options);
  }

  listOrdersModifiedSince(
    since: Date,
    options: ListOrdersOptions = {},
  ): AsyncIterable<OrderResult> {
    return this.listOrders({ date_modification: since.toISOString() }, options);
  }

  private listOrders(
    filter: Record<string, string | number>,
    options: ListOrdersOptions,
  ): AsyncIterable<OrderResult> {
    const pageSize = Math.min(
      Math.max(1, options.pageSize ?? BACKMARKET_MAX_PAGE_SIZE),
      BACKMARKET_MAX_PAGE_SIZE,
    );
    const { marketplaceId } = this;
    const pages = this.pages(
      "ws/orders",
      { ...filter, page: 1, "page-size": pageSize },
      {
        signal: options.signal,
        idOf: orderId,
      },
    );
    return uniqueOrders(
      (async function* () {
        for await (const page of pages) {
          for (const raw of page) {
            yield toOrderResult(
              raw,
              bmOrderSchema,
              (o) => mapBackMarketOrder(o, marketplaceId),
              orderId,
            );
          }
        }
      })(),
    );
  }

  /** The pages of a list endpoint, bounded by this client's page limit. */
  private pages(
    path: string,
    query: Query,
    options: { signal?: AbortSignal; idOf?: (raw: unknown) => string | undefined },
  ): AsyncIterable<unknown[]> {
    return backMarketPages(this.transport, path, query, {
      ...options,
      maxPages: this.limits.maxPagesPerListing,
    });
  }

  async getOrder(externalId: string, signal?: AbortSignal): Promise<OrderResult | null> {
    const raw = await this.fetchOrder(externalId, signal);
    if (raw === null) return null;
    const labelUrl = await this.fetchLabelUrl(externalId, signal);
    return toOrderResult(
      raw,
      bmOrderSchema,
      (o) => mapBackMarketOrder(o, this.marketplaceId, { labelUrl }),
      orderId,
    );
  }

  async getShippingDocuments(
    orderExternalId: string,
    signal?: AbortSignal,
  ): Promise<ShippingDocuments> {
    const raw = await this.fetchOrder(orderExternalId, signal);
    const order = raw === null ? null : bmOrderSchema.safeParse(raw);
    return {
      labelUrl: await this.fetchLabelUrl(orderExternalId, signal),
      deliveryNoteUrl: order?.success ? order.data.delivery_note : null,
    };
  }

  private async fetchOrder(externalId: string, signal?: AbortSignal): Promise<unknown | null> {
    try {
      return await this.transport.request({
        method: "GET",
        path: `ws/orders/${encodeURIComponent(externalId)}`,
        signal,
      });
    } catch (error) {
      if (error instanceof MarketplaceHttpError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /** The shipping label (BackShip) of an order: `labelUrl` is relative to the marketplace host. */
  private async fetchLabelUrl(
    orderExternalId: string,
    signal?: AbortSignal,
  ): Promise<string | null> {
    for await (const page of this.pages(
      "ws/shipping/v1/deliveries",
      { order_id: orderExternalId },
      { signal },
    )) {
      for (const raw of page) {
        const delivery = bmDeliverySchema.safeParse(raw);
        if (delivery.success && delivery.data.labelUrl) {
          return this.transport.resolve(delivery.data.labelUrl);
        }
      }
    }
    return null;
  }

  async acceptItems(
    orderExternalId: string,
    items: readonly AcceptItem[],
    signal?: AbortSignal,
  ): Promise<AcceptResult[]> {
    // Back Market accepts per SKU (one call covers every line of that SKU in the order).
    const outcomeBySku = new Map<string, string | null>();
    for (const sku of new Set(items.map((item) => item.sku))) {
      try {
        await this.transport.request({
          method: "POST",
          path: `ws/orders/${encodeURIComponent(orderExternalId)}`,
          body: { order_id: numericOrString(orderExternalId), new_state: 2, sku },
          signal,
        });
        outcomeBySku.set(sku, null);
      } catch (error) {
        if (!(error instanceof MarketplaceHttpError)) throw error;
        // Credentials refused: every further call fails too; the run as a whole failed.
        if (error.httpStatus === 401 || error.httpStatus === 403) throw error;
        outcomeBySku.set(sku, error.message);
      }
    }
    return items.map((item) => {
      const error = outcomeBySku.get(item.sku) ?? null;
      return error === null
        ? { externalId: item.externalId, sku: item.sku, ok: true }
        : { externalId: item.externalId, sku: item.sku, ok: false, error };
    });
  }

  listCareRecords(since?: Date, options: { signal?: AbortSignal } = {}): AsyncIterable<CareResult> {
    const query = { page: 1, last_modification_date: since ? careDate(since) : undefined };
    const pages = this.pages("ws/sav", query, { signal: options.signal, idOf: itemId });
    return careResults(pages, (folderId) => this.fetchCareFolder(folderId, options.signal));
  }

  private async fetchCareFolder(folderId: string, signal?: AbortSignal): Promise<unknown | null> {
    try {
      return await this.transport.request({
        method: "GET",
        path: `ws/sav/${encodeURIComponent(folderId)}`,
        signal,
      });
    } catch (error) {
      if (error instanceof MarketplaceHttpError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  listListings(
    options: { signal?: AbortSignal; pageSize?: number } = {},
  ): AsyncIterable<ListingResult> {
    const pageSize = Math.min(
      options.pageSize ?? BACKMARKET_MAX_PAGE_SIZE,
      BACKMARKET_MAX_PAGE_SIZE,
    );
    const query = { page: 1, "page-size": pageSize };
    const pages = this.pages("ws/listings", query, { signal: options.signal, idOf: itemId });
    return (async function* () {
      for await (const page of pages) {
        for (const raw of page) {
          const parsed = parsePayload(bmListingSchema, raw, (r) => rawId(r, "id", "listing_id"));
          if (!parsed.ok) {
            yield parsed;
            continue;
          }
          const { id, sku, quantity } = parsed.data;
          yield { ok: true, listing: { externalListingId: id, sku, quantity } };
        }
      }
    })();
  }

  async setListingQuantity(
    externalListingId: string,
    quantity: number,
    signal?: AbortSignal,
  ): Promise<PushReceipt> {
    const answer = await this.listingQueue.add(
      () =>
        this.transport.send({
          method: "POST",
          path: `ws/listings/${encodeURIComponent(externalListingId)}`,
          body: { quantity },
          signal,
        }),
      { signal },
    );
    return { httpStatus: answer.status };
  }
}

function numericOrString(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id;
}
