// How long a throttled marketplace asks us to wait, from its response headers.

/**
 * Milliseconds to wait before the next attempt, from `Retry-After` (seconds or an HTTP date)
 * or `X-RateLimit-Reset` (a unix time in seconds). Null when neither header is usable.
 */
export function retryDelayFromHeaders(headers: Headers, now: number = Date.now()): number | null {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.max(0, Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    // A unix time in seconds is > 10^9; anything smaller is a delay in seconds.
    const delay = value > 1e9 ? value * 1000 - now : value * 1000;
    return Math.max(0, delay);
  }
  return null;
}
