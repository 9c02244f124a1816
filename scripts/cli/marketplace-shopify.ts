// The Shopify parts of `npm run cli -- marketplace`: the settings `add --provider=shopify`
// stores (shop domain, location, pinned API version, the NAMES of the secret variables), and
// `webhooks --marketplace=CODE [--url=PUBLIC_URL]`, which subscribes the shop's webhooks to
// this install.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { marketplaces } from "@/db/schema";
import {
  publicUrlSchema,
  subscribeShopifyWebhooks,
} from "@/lib/marketplace-admin/shopify-webhooks";
import { shopifySettingsSchema } from "@/lib/marketplaces/shopify/settings";
import type { MarketplaceCommandDeps } from "./marketplace";

export const shopifyAddOptions = {
  "shop-domain": { type: "string" },
  "location-id": { type: "string" },
  "api-version": { type: "string" },
  "webhook-secret-env": { type: "string" },
  "client-id-env": { type: "string" },
  "client-secret-env": { type: "string" },
} as const;

export const shopifyUsage = `  npm run cli -- marketplace add --provider=shopify --code=shop --name="Web shop"
      --shop-domain=x.myshopify.com --location-id=gid://shopify/Location/1 --token-env=SHOP_TOKEN
      [--base-url=https://x.myshopify.com] [--api-version=2026-04] [--webhook-secret-env=SHOP_WEBHOOK_SECRET]
      [--client-id-env=SHOP_CLIENT_ID --client-secret-env=SHOP_CLIENT_SECRET]
  npm run cli -- marketplace webhooks --marketplace=CODE [--url=PUBLIC_URL]   (default: BETTER_AUTH_URL)`;

/** The settings of a Shopify marketplace from `add`'s options, or the problems with them. */
export function shopifySettingsFromOptions(
  values: Record<string, unknown>,
): { ok: true; settings: Record<string, unknown> } | { ok: false; error: string } {
  const parsed = shopifySettingsSchema.safeParse({
    shopDomain: values["shop-domain"],
    locationId: values["location-id"],
    apiVersion: values["api-version"],
    webhookSecretEnv: values["webhook-secret-env"],
    clientIdEnv: values["client-id-env"],
    clientSecretEnv: values["client-secret-env"],
  });
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  return {
    ok: true,
    settings: Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)),
  };
}

export async function webhooksCommand(
  args: string[],
  deps: MarketplaceCommandDeps,
): Promise<number> {
  let values: { marketplace?: string; url?: string };
  try {
    values = parseArgs({
      args,
      strict: true,
      options: { marketplace: { type: "string" }, url: { type: "string" } },
    }).values;
  } catch (error) {
    deps.err(`${error instanceof Error ? error.message : String(error)}\n${shopifyUsage}`);
    return 2;
  }
  const url = publicUrlSchema.safeParse(values.url ?? deps.env.BETTER_AUTH_URL);
  if (!values.marketplace || !url.success) {
    deps.err(
      `${values.marketplace ? "" : "--marketplace=CODE is required. "}${
        url.success
          ? ""
          : "--url=PUBLIC_URL (or BETTER_AUTH_URL) must be this install's public URL."
      }\n${shopifyUsage}`,
    );
    return 2;
  }
  const db = await deps.db();
  const [row] = await db
    .select({ id: marketplaces.id, provider: marketplaces.provider })
    .from(marketplaces)
    .where(eq(marketplaces.code, values.marketplace));
  if (!row) {
    deps.err(`There is no marketplace ${values.marketplace}.`);
    return 1;
  }
  try {
    const result = await subscribeShopifyWebhooks(db, row.id, url.data, {
      actor: { email: "cli" },
      adapterOptions: { env: deps.env },
    });
    deps.out(`Webhooks of ${values.marketplace} → ${result.endpoint}`);
    for (const s of result.subscriptions) {
      deps.out(
        `  ${s.topic.padEnd(28)} ${s.created ? "subscribed" : "already subscribed"} (${s.id})`,
      );
    }
    return 0;
  } catch (error) {
    deps.err(`Subscribing failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
