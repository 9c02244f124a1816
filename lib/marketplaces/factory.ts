// Builds the right client for a `marketplaces` row. The token is read from the environment
// variable the row names (`token_env`): secrets never live in the database.
import type { Provider } from "@/lib/domain/enums";
import { env as appEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type Logger, logger as rootLogger } from "@/lib/log";
import { readMarketplaceToken } from "@/lib/validations/token-env";
import type { MarketplaceAdapter } from "./adapter";
import { BackMarketClient } from "./backmarket/client";
import type { ClientTimings } from "./client-options";
import type { HostPolicy } from "./http/address-policy";
import type { ReadLimits } from "./limits";
import { RefurbedClient } from "./refurbed/client";
import { createShopifyClient, usesClientCredentials } from "./shopify/factory";

/** What a client needs of a `marketplaces` row (lib/marketplaces does not read the database). */
export interface MarketplaceRow {
  id: number;
  code: string;
  provider: Provider;
  baseUrl: string;
  tokenEnv: string;
  country: string | null;
  /** Provider-specific, non-secret settings (e.g. the User-Agent contact). */
  settings: Record<string, unknown>;
}

export interface AdapterOptions {
  /** Where token variables are read from (default: process.env). */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Throttle/retry/timeout overrides (tests pass zero delays). */
  timings?: Partial<ClientTimings>;
  /** Read-bound overrides (tests use small ones). */
  limits?: Partial<ReadLimits>;
  fetch?: typeof fetch;
  /** Which hosts may be called (default: MARKETPLACE_ALLOW_PRIVATE_HOSTS, system DNS). */
  hostPolicy?: HostPolicy;
}

export const DEFAULT_BACKMARKET_USER_AGENT = "BM-Stocklock-OrderSync;ops@stocklock.example";

/**
 * The adapter for a marketplace row. Provider `simulator` speaks Back Market's wire format
 * (the simulator serves it); rows meant to mimic a real provider use that provider instead.
 */
export function createAdapter(
  row: MarketplaceRow,
  options: AdapterOptions = {},
): MarketplaceAdapter {
  // Refuses a token_env naming one of the app's own variables, even in a stored row. A Shopify
  // client-credentials app reads its client id and secret instead (createShopifyClient).
  const token = usesClientCredentials(row)
    ? ""
    : readMarketplaceToken(row.code, row.tokenEnv, options.env);
  const common = {
    marketplaceId: row.id,
    code: row.code,
    baseUrl: row.baseUrl,
    token,
    logger: options.logger ?? rootLogger,
    timings: options.timings,
    limits: options.limits,
    fetch: options.fetch,
    hostPolicy: options.hostPolicy,
  };
  switch (row.provider) {
    case "backmarket":
    case "simulator":
      return new BackMarketClient({
        ...common,
        country: row.country,
        userAgent: userAgentFor(row),
      });
    case "refurbed":
      return new RefurbedClient(common);
    case "shopify":
      return createShopifyClient(row, options, common);
    default: {
      const provider: never = row.provider;
      throw new AppError("bad_request", `Unknown marketplace provider: ${String(provider)}`);
    }
  }
}

function userAgentFor(row: MarketplaceRow): string {
  const fromSettings = row.settings?.userAgent;
  if (typeof fromSettings === "string" && fromSettings.trim()) return fromSettings.trim();
  return appEnv().BACKMARKET_USER_AGENT ?? DEFAULT_BACKMARKET_USER_AGENT;
}
