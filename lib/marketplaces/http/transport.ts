// One HTTP client per marketplace: throttled (p-queue), retried (p-retry, exponential backoff
// with jitter, honouring Retry-After / X-RateLimit-Reset), each attempt bounded by a timeout,
// each request logged without its headers (the token lives only in the headers), each
// request's host checked first (address-policy.ts), no redirect followed, and no error body
// echoed unless it is a recognised marketplace error (error-body.ts).
import PQueue from "p-queue";
import pRetry from "p-retry";
import { privateMarketplaceHostsAllowed } from "@/lib/env";
import type { Logger } from "@/lib/log";
import { defaultReadLimits } from "../limits";
import { assertHostAllowed, type HostPolicy, MarketplaceAddressError } from "./address-policy";
import { describeErrorBody } from "./error-body";
import { MarketplaceBodyError, MarketplaceHttpError } from "./errors";
import { pinnedFetch } from "./pinned-fetch";
import { readBoundedText } from "./read-body";
import { retryDelayFromHeaders } from "./retry-hints";

export interface ThrottleOptions {
  /** At most `intervalCap` requests in any `intervalMs` window (sliding). */
  intervalMs: number;
  intervalCap: number;
}

export interface RetryOptions {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  factor: number;
  /** Jitter: multiplies each backoff by a random factor in [1, 2). */
  randomize: boolean;
  /** Upper bound on a server-requested wait, so a bogus header cannot stall a run. */
  maxRetryAfterMs: number;
}

export interface TransportTimings {
  throttle: ThrottleOptions;
  retry: RetryOptions;
  timeoutMs: number;
}

export interface TransportOptions extends TransportTimings {
  baseUrl: string;
  /** Sent on every request; may hold the token, so never logged. */
  headers: Record<string, string>;
  logger: Logger;
  /** Requests of the same key share one throttle queue in this process. */
  throttleKey: string;
  fetch?: typeof fetch;
  /** Bytes one response body may have (default: limits.ts). */
  maxResponseBytes?: number;
  /** Which hosts may be called (default: MARKETPLACE_ALLOW_PRIVATE_HOSTS, system DNS). */
  hostPolicy?: HostPolicy;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method: "GET" | "POST";
  /** A path relative to the base URL, or an absolute `next` link (only its path is used). */
  path: string;
  query?: Query;
  body?: unknown;
  /** Sent form-encoded instead of `body` (OAuth token requests). */
  form?: Record<string, string>;
  /** Added to the transport's headers for this request (a token that is refreshed); never logged. */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  signal?: AbortSignal;
}

const queues = new Map<string, PQueue>();

/** The process-wide throttle queue of one marketplace (shared by all its adapters). */
export function throttleQueue(key: string, options: ThrottleOptions): PQueue {
  const fullKey = `${key}|${options.intervalMs}|${options.intervalCap}`;
  let queue = queues.get(fullKey);
  if (!queue) {
    queue = new PQueue({
      interval: options.intervalMs,
      intervalCap: options.intervalCap,
      strict: true,
    });
    queues.set(fullKey, queue);
  }
  return queue;
}

export class HttpTransport {
  private readonly queue: PQueue;
  private readonly fetchImpl: typeof fetch;
  private readonly base: URL;
  private readonly hostPolicy: HostPolicy;

  constructor(private readonly options: TransportOptions) {
    this.queue = throttleQueue(options.throttleKey, options.throttle);
    this.hostPolicy = options.hostPolicy ?? { allowPrivate: privateMarketplaceHostsAllowed() };
    this.fetchImpl = options.fetch ?? pinnedFetch(this.hostPolicy);
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** The absolute URL of a marketplace-relative path (e.g. a label's relative URL). */
  resolve(path: string): string {
    return new URL(path.replace(/^\//, ""), this.base).toString();
  }

  /** Sends a request and returns its parsed JSON body; throws MarketplaceHttpError. */
  async request<T = unknown>(request: RequestOptions): Promise<T> {
    return (await this.send(request)).body as T;
  }

  /** As `request`, with the HTTP status of the answer that succeeded (a push records it). */
  async send(request: RequestOptions): Promise<{ status: number; body: unknown }> {
    const url = this.buildUrl(request.path, request.query);
    const logPath = `${url.pathname}${url.search}`;
    const started = performance.now();
    let attempts = 0;
    const { retry } = this.options;
    try {
      const result = await pRetry(
        async () => {
          attempts++;
          return this.queue.add(() => this.attempt(url, request), { signal: request.signal });
        },
        {
          retries: retry.retries,
          factor: retry.factor,
          minTimeout: retry.minTimeoutMs,
          maxTimeout: retry.maxTimeoutMs,
          randomize: retry.randomize,
          signal: request.signal,
          shouldRetry: ({ error }) => error instanceof MarketplaceHttpError && error.retryable,
          onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            const retryable = error instanceof MarketplaceHttpError && error.retryable;
            if (!retryable || retriesLeft === 0) return;
            const wait =
              error instanceof MarketplaceHttpError && error.retryAfterMs !== null
                ? Math.min(error.retryAfterMs, retry.maxRetryAfterMs)
                : 0;
            this.options.logger.warn(
              {
                method: request.method,
                path: logPath,
                attempt: attemptNumber,
                waitMs: wait,
                err: error.message,
              },
              "marketplace request failed; retrying",
            );
            if (wait > 0) await sleep(wait, request.signal);
          },
        },
      );
      this.options.logger.info(
        {
          method: request.method,
          path: logPath,
          status: result.status,
          durationMs: Math.round(performance.now() - started),
          retries: attempts - 1,
        },
        "marketplace request",
      );
      return result;
    } catch (error) {
      this.options.logger.warn(
        {
          method: request.method,
          path: logPath,
          status: error instanceof MarketplaceHttpError ? error.httpStatus : null,
          durationMs: Math.round(performance.now() - started),
          retries: attempts - 1,
          err: error instanceof Error ? error.message : String(error),
        },
        "marketplace request failed",
      );
      throw error;
    }
  }

  private buildUrl(path: string, query: Query | undefined): URL {
    // Follow `next` links by their path only: the token must never leave for another host.
    const url = /^https?:\/\//i.test(path)
      ? this.onOurHost(new URL(path))
      : new URL(path.replace(/^\//, ""), this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** The same path and query on the configured host. */
  private onOurHost(link: URL): URL {
    return new URL(`${link.pathname}${link.search}`, this.base.origin);
  }

  private async attempt(
    url: URL,
    request: RequestOptions,
  ): Promise<{ status: number; body: unknown }> {
    // Before every attempt: a name may resolve elsewhere by the next one.
    await assertHostAllowed(url, this.hostPolicy);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      const extra = request.headers ? await request.headers() : {};
      const form = request.form ? new URLSearchParams(request.form).toString() : undefined;
      response = await this.fetchImpl(url, {
        method: request.method,
        headers: {
          ...this.options.headers,
          ...(form === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
          ...extra,
        },
        body: form ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
        signal,
        // A redirect would take the token (and the policy's check) to another address.
        redirect: "error",
      });
      text = await readBoundedText(
        response,
        this.options.maxResponseBytes ?? defaultReadLimits.maxResponseBytes,
        `${request.method} ${url.pathname}`,
      );
    } catch (error) {
      if (error instanceof MarketplaceHttpError) throw error;
      // Refused at connect time (the name now resolves somewhere the policy refuses).
      const cause = error instanceof Error ? error.cause : undefined;
      if (cause instanceof MarketplaceAddressError) throw cause;
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) {
        throw new MarketplaceHttpError(
          `${request.method} ${url.pathname} timed out after ${this.options.timeoutMs} ms`,
          null,
        );
      }
      const message =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      throw new MarketplaceHttpError(
        `${request.method} ${url.pathname}: network error (${message})`,
        null,
      );
    }
    if (response.ok) {
      if (text.trim() === "") return { status: response.status, body: null };
      try {
        return { status: response.status, body: JSON.parse(text) as unknown };
      } catch {
        // Retried: a body cut short is the proxy's fault, not the order's.
        throw new MarketplaceBodyError(
          `${request.method} ${url.pathname} answered HTTP ${response.status} with a body that is not JSON (cut short?)`,
          response.status,
        );
      }
    }
    throw new MarketplaceHttpError(
      `${request.method} ${url.pathname} answered HTTP ${response.status}: ${describeErrorBody(text)}`,
      response.status,
      response.status === 429 || response.status === 503
        ? retryDelayFromHeaders(response.headers)
        : null,
    );
  }
}

/** Waits `ms` (nothing for 0 or less), or rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
