// What every marketplace client is built from, and the production timings it starts with.
import type { Logger } from "@/lib/log";
import type { HostPolicy } from "./http/address-policy";
import type { RetryOptions, ThrottleOptions, TransportTimings } from "./http/transport";
import type { ReadLimits } from "./limits";

export interface ClientOptions {
  marketplaceId: number;
  /** The marketplace's code (e.g. bm-fr): log context and throttle-queue key. */
  code: string;
  baseUrl: string;
  token: string;
  logger: Logger;
  /** Override any timing (tests pass zero delays). */
  timings?: Partial<ClientTimings>;
  /** Override the read bounds of limits.ts (tests use small ones). */
  limits?: Partial<ReadLimits>;
  fetch?: typeof fetch;
  /** Which hosts may be called (default: MARKETPLACE_ALLOW_PRIVATE_HOSTS). */
  hostPolicy?: HostPolicy;
}

export interface ClientTimings extends TransportTimings {
  /** Separate cap on listing-quantity updates (Back Market: ~2,000 SKU lines an hour). */
  listingUpdates: ThrottleOptions;
}

export const defaultRetry: RetryOptions = {
  retries: 6,
  minTimeoutMs: 1_000,
  maxTimeoutMs: 30_000,
  factor: 2,
  randomize: true,
  maxRetryAfterMs: 120_000,
};

export function resolveTimings(
  defaults: ClientTimings,
  overrides: Partial<ClientTimings> | undefined,
): ClientTimings {
  return {
    throttle: overrides?.throttle ?? defaults.throttle,
    retry: { ...defaults.retry, ...overrides?.retry },
    timeoutMs: overrides?.timeoutMs ?? defaults.timeoutMs,
    listingUpdates: overrides?.listingUpdates ?? defaults.listingUpdates,
  };
}
