// Webhook subscriptions made through the Admin API (shop-specific; NOTES (d)): one per topic
// the app handles, to the install's public webhook URL. Subscriptions that already exist for a
// topic and URL are kept, so running it again changes nothing.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ShopifyGraphql } from "./graphql";
import { WEBHOOK_SUBSCRIPTION_CREATE, WEBHOOK_SUBSCRIPTIONS_QUERY } from "./queries";
import { subscriptionCreateSchema, subscriptionsSchema } from "./schemas";

/** The topics the webhook route handles (GraphQL enum names). */
export const shopifyWebhookTopics = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "ORDERS_PAID",
  "ORDERS_CANCELLED",
  "ORDERS_FULFILLED",
  "ORDERS_PARTIALLY_FULFILLED",
  "REFUNDS_CREATE",
  "INVENTORY_LEVELS_UPDATE",
] as const;

export interface SubscriptionResult {
  topic: (typeof shopifyWebhookTopics)[number];
  id: string;
  created: boolean;
}

export async function subscribeWebhooks(
  graphql: ShopifyGraphql,
  uri: string,
  signal?: AbortSignal,
): Promise<SubscriptionResult[]> {
  const existing = await existingSubscriptions(graphql, signal);
  const results: SubscriptionResult[] = [];
  for (const topic of shopifyWebhookTopics) {
    const found = existing.find((s) => s.topic === topic && s.uri === uri);
    if (found) {
      results.push({ topic, id: found.id, created: false });
      continue;
    }
    const data = await graphql.request(
      "webhookSubscriptionCreate",
      WEBHOOK_SUBSCRIPTION_CREATE,
      { topic, uri },
      subscriptionCreateSchema,
      signal,
    );
    const { webhookSubscription, userErrors } = data.webhookSubscriptionCreate;
    if (!webhookSubscription) {
      throw new AppError(
        "bad_request",
        `Shopify refused the ${topic} subscription: ${userErrors[0]?.message ?? "no reason given"}`,
      );
    }
    results.push({ topic, id: webhookSubscription.id, created: true });
  }
  return results;
}

async function existingSubscriptions(graphql: ShopifyGraphql, signal?: AbortSignal) {
  const found: { id: string; topic: string; uri?: string | null }[] = [];
  let after: string | null = null;
  // Bounded: a shop has a handful of subscriptions; ten pages of 100 is far beyond that.
  for (let page = 0; page < 10; page++) {
    const data: z.output<typeof subscriptionsSchema> = await graphql.request(
      "webhookSubscriptions",
      WEBHOOK_SUBSCRIPTIONS_QUERY,
      { after },
      subscriptionsSchema,
      signal,
    );
    found.push(...data.webhookSubscriptions.nodes);
    const { hasNextPage, endCursor } = data.webhookSubscriptions.pageInfo;
    if (!hasNextPage || !endCursor || endCursor === after) break;
    after = endCursor;
  }
  return found;
}
