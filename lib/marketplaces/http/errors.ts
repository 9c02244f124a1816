import { AppError, type ErrorCode } from "@/lib/errors";

/** A marketplace call that failed for good (after the retries, or not worth retrying). */
export class MarketplaceHttpError extends AppError {
  override name = "MarketplaceHttpError";
  constructor(
    message: string,
    /** HTTP status, or null for network errors and timeouts. */
    readonly httpStatus: number | null,
    /** Milliseconds the marketplace asked us to wait (Retry-After / X-RateLimit-Reset). */
    readonly retryAfterMs: number | null = null,
  ) {
    // No response body here: details reach the browser, and the body may not be the
    // marketplace's (error-body.ts decides what of it the message may say).
    super(codeForStatus(httpStatus), message, { httpStatus });
  }

  /** 429, 5xx, network errors and timeouts are worth another try; 4xx are not. */
  get retryable(): boolean {
    return this.httpStatus === null || this.httpStatus === 429 || this.httpStatus >= 500;
  }
}

function codeForStatus(status: number | null): ErrorCode {
  if (status === null) return "unavailable";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "bad_request";
}

/**
 * A 2xx answer whose body is not the JSON it should be (cut short by a proxy, a CDN page in
 * its place): the next attempt usually reads it whole, so it is retried like a 5xx.
 */
export class MarketplaceBodyError extends MarketplaceHttpError {
  override name = "MarketplaceBodyError";
  override get retryable(): boolean {
    return true;
  }
}
