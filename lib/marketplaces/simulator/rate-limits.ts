// The marketplaces' published rate limits, switched on in the simulator on demand (bench:window,
// tests of the fast poll). Back Market (specs/backmarket-rate-limits.yml, NOTES.md): about 200
// requests per 10 s at the CDN, beyond which a client is blocked for 10 s with HTTP 429, an HTML
// body and no Retry-After; at most ~2,000 listing (SKU line) updates an hour. Refurbed publishes
// no number: its answers carry X-RateLimit-Limit/-Remaining/-Reset and 429 RESOURCE_EXHAUSTED
// beyond; the simulator assumes 100 requests per 10 s (what our client's 10/s throttle allows).
import { cdnHtml, json, type SimRequest, type SimResponse } from "./http-types";
import type { Channel } from "./types";

export interface WindowLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Back Market: past the limit, every request is refused for this long. */
  blockMs?: number;
}

export interface ChannelLimits {
  requests: WindowLimit;
  /** Listing quantity updates (Back Market's ~2,000 SKU lines an hour). */
  listingUpdates?: WindowLimit;
  /** Refurbed answers with X-RateLimit-* headers; Back Market publishes none. */
  headers: boolean;
}

export const publishedRateLimits: Record<Channel, ChannelLimits> = {
  backmarket: {
    requests: { limit: 200, windowMs: 10_000, blockMs: 10_000 },
    listingUpdates: { limit: 2_000, windowMs: 3_600_000 },
    headers: false,
  },
  refurbed: { requests: { limit: 100, windowMs: 10_000 }, headers: true },
};

/** Whether a request updates a listing's quantity (counted against listingUpdates). */
export function isListingUpdate(channel: Channel, request: Pick<SimRequest, "method" | "path">) {
  if (request.method !== "POST") return false;
  return channel === "backmarket"
    ? /^\/ws\/listings\/[^/]+\/?$/.test(request.path)
    : request.path === "/refb.merchant.v1.OfferService/UpdateOffer";
}

/** A fixed window per limit (the CDN's own counting is not published; fixed is the strict case). */
class FixedWindow {
  private windowStart = 0;
  private used = 0;
  private blockedUntil = 0;

  constructor(private readonly limit: WindowLimit) {}

  /** Counts one request; false when it is over the limit (or the client is blocked). */
  take(now: number): boolean {
    if (now < this.blockedUntil) return false;
    if (now - this.windowStart >= this.limit.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= this.limit.limit) {
      if (this.limit.blockMs) this.blockedUntil = now + this.limit.blockMs;
      return false;
    }
    this.used++;
    return true;
  }

  remaining(): number {
    return Math.max(0, this.limit.limit - this.used);
  }

  resetAt(): number {
    return this.windowStart + this.limit.windowMs;
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, FixedWindow>();
  /** Requests refused with 429, per channel. */
  readonly refused: Record<Channel, number> = { backmarket: 0, refurbed: 0 };

  constructor(
    private readonly limits: Record<Channel, ChannelLimits> = publishedRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private window(key: string, limit: WindowLimit): FixedWindow {
    let window = this.windows.get(key);
    if (!window) {
      window = new FixedWindow(limit);
      this.windows.set(key, window);
    }
    return window;
  }

  /**
   * Counts the request: `refused` is the marketplace's 429 when it is over a limit; `headers`
   * go on whatever is answered (Refurbed's X-RateLimit-*).
   */
  check(
    channel: Channel,
    request: Pick<SimRequest, "method" | "path">,
  ): { refused: SimResponse | null; headers: Record<string, string> } {
    const limits = this.limits[channel];
    const now = this.now();
    const requests = this.window(`${channel}:requests`, limits.requests);
    let allowed = requests.take(now);
    if (allowed && limits.listingUpdates && isListingUpdate(channel, request)) {
      allowed = this.window(`${channel}:listings`, limits.listingUpdates).take(now);
    }
    const headers: Record<string, string> = limits.headers
      ? {
          "x-ratelimit-limit": String(limits.requests.limit),
          "x-ratelimit-remaining": String(requests.remaining()),
          "x-ratelimit-reset": String(Math.ceil(requests.resetAt() / 1000)),
        }
      : {};
    if (allowed) return { refused: null, headers };
    this.refused[channel]++;
    const refused =
      channel === "backmarket"
        ? cdnHtml(429)
        : json(429, { code: 8, message: "RESOURCE_EXHAUSTED", details: [] }, headers);
    return { refused, headers };
  }
}
