// A ShopifyClient for a `marketplaces` row: its settings checked, its credentials read from
// the variables the row names (a static token via token_env, or a client id and secret).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readMarketplaceSecret } from "@/lib/validations/token-env";
import type { ClientOptions } from "../client-options";
import type { AdapterOptions, MarketplaceRow } from "../factory";
import { ShopifyClient, type ShopifyCredentials } from "./client";
import { type ShopifySettings, shopifySettingsSchema } from "./settings";

/** The row's Shopify settings, or a bad_request error saying which is wrong. */
export function shopifySettingsOf(row: Pick<MarketplaceRow, "code" | "settings">): ShopifySettings {
  const parsed = shopifySettingsSchema.safeParse(row.settings ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError(
    "bad_request",
    `Marketplace ${row.code}: Shopify settings are incomplete (${z.prettifyError(parsed.error).replaceAll("\n", " ")})`,
  );
}

/** A client-credentials app (settings name a client id and secret) rather than a static token. */
export function usesClientCredentials(row: Pick<MarketplaceRow, "provider" | "settings">): boolean {
  return row.provider === "shopify" && typeof row.settings?.clientIdEnv === "string";
}

export function createShopifyClient(
  row: MarketplaceRow,
  options: AdapterOptions,
  common: ClientOptions,
): ShopifyClient {
  const settings = shopifySettingsOf(row);
  return new ShopifyClient({
    ...common,
    settings,
    credentials: credentialsOf(row, settings, options, common.token),
  });
}

function credentialsOf(
  row: MarketplaceRow,
  settings: ShopifySettings,
  options: AdapterOptions,
  token: string,
): ShopifyCredentials {
  if (settings.clientIdEnv && settings.clientSecretEnv) {
    return {
      kind: "client_credentials",
      clientId: readMarketplaceSecret(
        row.code,
        settings.clientIdEnv,
        "_CLIENT_ID",
        "client id",
        options.env,
      ),
      clientSecret: readMarketplaceSecret(
        row.code,
        settings.clientSecretEnv,
        "_SECRET",
        "client secret",
        options.env,
      ),
    };
  }
  return { kind: "static", token };
}
