// Shopify Admin GraphQL client (or the simulated shop): orders by `updated_at`, stock at the
// marketplace's location, webhook subscriptions. Shopify has no acceptance step and hands out
// no shipping documents; it sends webhooks instead (app/api/webhooks/shopify/[code]).
import { AppError } from "@/lib/errors";
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
import { unsupportedListing } from "../adapter";
import {
  type ClientOptions,
  type ClientTimings,
  defaultRetry,
  resolveTimings,
} from "../client-options";
import { HttpTransport } from "../http/transport";
import { type ReadLimits, resolveReadLimits } from "../limits";
import { uniqueOrders } from "../order-result";
import { shippingDocuments } from "../shipping-documents";
import { type AccessTokenSource, ClientCredentialsToken, StaticAccessToken } from "./access-token";
import { ShopifyGraphql } from "./graphql";
import { ShopifyInventory } from "./inventory";
import { SHOPIFY_MAX_PAGE_SIZE, ShopifyOrderReader } from "./orders";
import { ORDER_QUERY, SHOP_QUERY } from "./queries";
import { orderEnvelopeSchema, shopSchema } from "./schemas";
import { inventoryWriteRules, type ShopifySettings } from "./settings";
import { type SubscriptionResult, subscribeWebhooks } from "./subscriptions";

/** Requests are paced by the cost bucket; this only caps bursts of cheap calls. */
export const shopifyTimings: ClientTimings = {
  throttle: { intervalMs: 1_000, intervalCap: 20 },
  retry: defaultRetry,
  timeoutMs: 30_000,
  listingUpdates: { intervalMs: 1_000, intervalCap: 20 },
};

/** Search-index lag and clock skew: incremental reads start this much before `since`. */
export const UPDATED_AT_OVERLAP_MS = 2 * 60_000;

export type ShopifyCredentials =
  | { kind: "static"; token: string }
  | { kind: "client_credentials"; clientId: string; clientSecret: string };

export interface ShopifyClientOptions extends Omit<ClientOptions, "token"> {
  settings: ShopifySettings;
  credentials: ShopifyCredentials;
  now?: () => number;
}

export class ShopifyClient implements MarketplaceAdapter {
  readonly provider = "shopify" as const;
  readonly capabilities: AdapterCapabilities = {
    care: false,
    modifiedSinceFilter: true,
    ...shippingDocuments.shopify,
  };
  readonly marketplaceId: number;
  readonly settings: ShopifySettings;
  private readonly graphql: ShopifyGraphql;
  private readonly orders: ShopifyOrderReader;
  private readonly inventory: ShopifyInventory;
  private readonly limits: ReadLimits;

  constructor(options: ShopifyClientOptions) {
    const timings = resolveTimings(shopifyTimings, options.timings);
    this.marketplaceId = options.marketplaceId;
    this.settings = options.settings;
    this.limits = resolveReadLimits(options.limits);
    const logger = options.logger.child({ marketplace: options.code, provider: "shopify" });
    const transport = new HttpTransport({
      ...timings,
      maxResponseBytes: this.limits.maxResponseBytes,
      baseUrl: options.baseUrl,
      throttleKey: `shopify:${options.code}`,
      logger,
      fetch: options.fetch,
      hostPolicy: options.hostPolicy,
      headers: { Accept: "application/json", "Content-Type": "application/json" },
    });
    const token: AccessTokenSource =
      options.credentials.kind === "static"
        ? new StaticAccessToken(options.credentials.token)
        : new ClientCredentialsToken(
            transport,
            options.credentials.clientId,
            options.credentials.clientSecret,
            options.now,
          );
    this.graphql = new ShopifyGraphql({
      transport,
      apiVersion: options.settings.apiVersion,
      token,
      logger,
      now: options.now,
    });
    this.orders = new ShopifyOrderReader(
      this.graphql,
      this.marketplaceId,
      this.limits.maxPagesPerListing,
    );
    this.inventory = new ShopifyInventory(
      this.graphql,
      options.settings.locationId,
      inventoryWriteRules(options.settings.apiVersion),
      this.limits.maxPagesPerListing,
    );
  }

  /** Reads the shop and the configured location: the credentials, version and location work. */
  async testConnection(signal?: AbortSignal): Promise<void> {
    const data = await this.graphql.request(
      "shop",
      SHOP_QUERY,
      { location: this.settings.locationId },
      shopSchema,
      signal,
    );
    if (!data.location) {
      throw new AppError(
        "bad_request",
        `Shopify location ${this.settings.locationId} does not exist on ${data.shop.myshopifyDomain}`,
      );
    }
  }

  /** Paid or pending orders with units still to ship (Shopify has nothing to accept). */
  listNewOrders(options: ListOrdersOptions = {}): AsyncIterable<OrderResult> {
    const read = this.orders;
    const size = options.pageSize ?? SHOPIFY_MAX_PAGE_SIZE;
    return uniqueOrders(
      (async function* () {
        yield* read.list("status:open fulfillment_status:unshipped", size, options.signal);
        yield* read.list("status:open fulfillment_status:partial", size, options.signal);
      })(),
    );
  }

  listOrdersModifiedSince(
    since: Date,
    options: ListOrdersOptions = {},
  ): AsyncIterable<OrderResult> {
    const from = new Date(since.getTime() - UPDATED_AT_OVERLAP_MS);
    return uniqueOrders(
      this.orders.list(
        `updated_at:>='${from.toISOString().replace(/\.\d{3}Z$/, "Z")}'`,
        options.pageSize ?? SHOPIFY_MAX_PAGE_SIZE,
        options.signal,
      ),
    );
  }

  async getOrder(externalId: string, signal?: AbortSignal): Promise<OrderResult | null> {
    const id = /^\d+$/.test(externalId) ? `gid://shopify/Order/${externalId}` : externalId;
    const data = await this.graphql.request(
      "order",
      ORDER_QUERY,
      { id },
      orderEnvelopeSchema,
      signal,
    );
    if (data.order === null) return null;
    return this.orders.toResult(data.order, signal);
  }

  async getShippingDocuments(): Promise<ShippingDocuments> {
    return { labelUrl: null, deliveryNoteUrl: null };
  }

  /** Shopify has no acceptance step: a paid order is accepted as it stands. */
  async acceptItems(
    _orderExternalId: string,
    items: readonly AcceptItem[],
  ): Promise<AcceptResult[]> {
    return items.map((item) => ({ externalId: item.externalId, sku: item.sku, ok: true }));
  }

  listCareRecords(): AsyncIterable<CareResult> {
    return unsupportedListing("shopify", "after-sales (care) records");
  }

  listListings(
    options: { signal?: AbortSignal; pageSize?: number } = {},
  ): AsyncIterable<ListingResult> {
    return this.inventory.listings(options.pageSize ?? 100, options.signal);
  }

  /**
   * `externalListingId` is the inventory item; the location is the marketplace's setting. The
   * Admin API answers every GraphQL call that reaches it with 200 (a refused write is a user
   * error in the body, which setAvailable throws; any other status throws in the transport), so
   * a write that returns was answered 200.
   */
  async setListingQuantity(
    externalListingId: string,
    quantity: number,
    signal?: AbortSignal,
  ): Promise<PushReceipt> {
    await this.inventory.setAvailable(
      externalListingId,
      quantity,
      `gid://stocklock/StockPush/${new Date().toISOString()}`,
      signal,
    );
    return { httpStatus: 200 };
  }

  /** The shop's `available` quantity of an inventory item at the location. */
  availableQuantity(inventoryItemId: string, signal?: AbortSignal): Promise<number | null> {
    return this.inventory.available(inventoryItemId, signal);
  }

  /** Subscribes every topic the app handles to `uri` (existing subscriptions are kept). */
  subscribeWebhooks(uri: string, signal?: AbortSignal): Promise<SubscriptionResult[]> {
    return subscribeWebhooks(this.graphql, uri, signal);
  }
}
