// Subscribing a Shopify marketplace's webhooks (webhookSubscriptionCreate, one per topic) to
// this install's public URL: from the marketplace page (admin) and the CLI. Existing
// subscriptions of a topic to the same address are kept; every attempt is audited.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { ShopifyClient } from "@/lib/marketplaces/shopify/client";
import type { SubscriptionResult } from "@/lib/marketplaces/shopify/subscriptions";

/** The install's public origin (e.g. https://stock.example.com): no path, query or credentials. */
export const publicUrlSchema = z
  .url({ protocol: /^https?$/, message: "an http(s) URL like https://stock.example.com" })
  .refine((text) => {
    if (!URL.canParse(text)) return false;
    const url = new URL(text);
    return !url.username && !url.password && !url.search && !url.hash;
  }, "the public URL only: no user, query or fragment")
  .transform((text) => text.replace(/\/+$/, ""));

/** Where Shopify delivers a marketplace's webhooks. */
export function webhookEndpoint(publicUrl: string, code: string): string {
  return `${publicUrl}/api/webhooks/shopify/${code}`;
}

export interface SubscribeContext {
  actor: AuditActor | null;
  ip?: string | null;
  adapterOptions?: AdapterOptions;
}

export async function subscribeShopifyWebhooks(
  db: Database,
  marketplaceId: number,
  publicUrl: string,
  context: SubscribeContext,
): Promise<{ endpoint: string; subscriptions: SubscriptionResult[] }> {
  const [row] = await db.select().from(marketplaces).where(eq(marketplaces.id, marketplaceId));
  if (!row) throw new AppError("not_found", `There is no marketplace ${marketplaceId}.`);
  if (row.provider !== "shopify") {
    throw new AppError(
      "bad_request",
      `${row.code} is not a Shopify marketplace: it sends no webhooks.`,
    );
  }
  const endpoint = webhookEndpoint(publicUrlSchema.parse(publicUrl), row.code);
  const audit = (outcome: "succeeded" | "failed", result: unknown) =>
    recordAudit(db, {
      actor: context.actor,
      action: "marketplace.webhooks_subscribed",
      target: `marketplace:${row.code}`,
      input: { endpoint },
      outcome,
      result,
      ip: context.ip,
    });
  try {
    const adapter = createAdapter(row, context.adapterOptions);
    if (!(adapter instanceof ShopifyClient)) throw new Error("not a Shopify client");
    const subscriptions = await adapter.subscribeWebhooks(endpoint);
    await audit("succeeded", { subscriptions });
    return { endpoint, subscriptions };
  } catch (error) {
    await audit("failed", { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
