// The simulated Shopify shop as one unit: its state, API, tokens, bucket and webhook sender,
// plus what tests and the control API may do to it (sales, fulfilments, refunds, cancels).
import type { Logger } from "@/lib/log";
import { demoShopify } from "../catalogue";
import { type ShopCredentials, ShopTokens } from "./api";
import { type BucketOptions, LeakyBucket, standardPlanBucket } from "./cost";
import { ShopApiState } from "./resolvers";
import { SimulatedShop } from "./shop";
import { WebhookDeliverer } from "./webhooks";

export interface ShopifySimOptions {
  credentials?: Partial<ShopCredentials>;
  bucket?: Partial<BucketOptions>;
  /** Waits between webhook retries (default: 0.1 s doubling to 15 s; 7 retries). */
  webhookRetryDelaysMs?: readonly number[];
  /** The app's webhook API version, stamped on deliveries. */
  webhookApiVersion?: string;
}

export interface ShopifySim {
  shop: SimulatedShop;
  api: ShopApiState;
  tokens: ShopTokens;
  bucket: LeakyBucket;
  webhooks: WebhookDeliverer;
}

export function createShopifySim(
  now: () => Date,
  options: ShopifySimOptions = {},
  logger?: Logger,
): ShopifySim {
  const shop = new SimulatedShop(now);
  const api = new ShopApiState();
  const credentials: ShopCredentials = {
    staticToken: demoShopify.token,
    clientId: demoShopify.clientId,
    clientSecret: demoShopify.clientSecret,
    tokenLifetimeS: 86_399,
    ...options.credentials,
  };
  const tokens = new ShopTokens(credentials, now);
  const bucket = new LeakyBucket({ ...standardPlanBucket, ...options.bucket });
  const webhooks = new WebhookDeliverer(
    () => api.subscriptions,
    () => credentials.clientSecret,
    options.webhookApiVersion ?? "2026-04",
    options.webhookRetryDelaysMs,
    logger,
  );
  shop.onEvent((event) => webhooks.announce(event));
  return { shop, api, tokens, bucket, webhooks };
}
