// The transport on its own: server-requested waits, the throttle, non-JSON bodies, next links.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogger } from "../testing/fast-clients";
import { MarketplaceHttpError } from "./errors";
import { retryDelayFromHeaders } from "./retry-hints";
import { HttpTransport, type TransportTimings } from "./transport";

let server: Server | undefined;
afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

/** A server answering from a list of canned responses, recording request times and urls. */
async function scripted(
  responses: { status: number; headers?: Record<string, string>; body: string }[],
) {
  const seen: { at: number; url: string; auth: string | undefined }[] = [];
  server = createServer((req, res) => {
    seen.push({ at: performance.now(), url: req.url ?? "", auth: req.headers.authorization });
    const next = responses.length > 1 ? responses.shift() : responses[0];
    res.writeHead(next?.status ?? 500, next?.headers);
    res.end(next?.body ?? "");
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const timings = (overrides: Partial<TransportTimings> = {}): TransportTimings => ({
  throttle: { intervalMs: 1000, intervalCap: 1000 },
  retry: {
    retries: 3,
    minTimeoutMs: 1,
    maxTimeoutMs: 2,
    factor: 2,
    randomize: false,
    maxRetryAfterMs: 5_000,
  },
  timeoutMs: 1000,
  ...overrides,
});

function transport(url: string, key: string, overrides: Partial<TransportTimings> = {}) {
  return new HttpTransport({
    ...timings(overrides),
    baseUrl: url,
    headers: { Authorization: "Basic s3cret" },
    logger: captureLogger().logger,
    throttleKey: key,
  });
}

describe("retryDelayFromHeaders", () => {
  it("reads Retry-After seconds or date, then X-RateLimit-Reset as unix time", () => {
    const now = Date.parse("2024-05-01T10:00:00Z");
    expect(retryDelayFromHeaders(new Headers({ "Retry-After": "7" }), now)).toBe(7000);
    expect(
      retryDelayFromHeaders(new Headers({ "Retry-After": "Wed, 01 May 2024 10:00:03 GMT" }), now),
    ).toBe(3000);
    expect(
      retryDelayFromHeaders(new Headers({ "X-RateLimit-Reset": String(now / 1000 + 2) }), now),
    ).toBe(2000);
    expect(retryDelayFromHeaders(new Headers({ "X-RateLimit-Reset": "1" }), now)).toBe(1000);
    expect(retryDelayFromHeaders(new Headers(), now)).toBeNull();
  });
});

describe("HttpTransport", () => {
  it("waits as long as Retry-After asks before retrying a 429", async () => {
    const { url, seen } = await scripted([
      { status: 429, headers: { "Retry-After": "0.4" }, body: "" },
      { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' },
    ]);
    expect(
      await transport(url, "retry-after").request({ method: "GET", path: "ws/orders" }),
    ).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(380);
  });

  it("keeps to intervalCap requests per interval", async () => {
    const { url, seen } = await scripted([{ status: 200, body: "{}" }]);
    const client = transport(url, "throttle", { throttle: { intervalMs: 300, intervalCap: 2 } });
    // Offsets from when the requests were queued: the first connection can be slow to open.
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 5 }, () => client.request({ method: "GET", path: "x" })),
    );
    const offsets = seen.map((request) => request.at - start);
    expect(offsets.filter((offset) => offset < 290)).toHaveLength(2);
    expect(offsets[4]).toBeGreaterThanOrEqual(580);
  });

  it("does not retry a 400, and explains a 200 that is not JSON", async () => {
    const bad = await scripted([
      { status: 400, body: '{"error":{"code":"invalid","message":"nope"}}' },
    ]);
    const error = await transport(bad.url, "no-retry")
      .request({ method: "POST", path: "ws/orders/1", body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketplaceHttpError);
    expect((error as MarketplaceHttpError).message).toBe(
      "POST /ws/orders/1 answered HTTP 400: invalid nope",
    );
    expect(bad.seen).toHaveLength(1);
    server?.closeAllConnections();
    server?.close();
    const html = await scripted([{ status: 200, body: "<html>maintenance</html>" }]);
    await expect(transport(html.url, "html").request({ method: "GET", path: "x" })).rejects.toThrow(
      /not JSON/,
    );
  });

  it("retries a 200 whose body was cut short, and reads the whole one", async () => {
    const whole = JSON.stringify({ count: 1, next: null, results: [{ order_id: 1 }] });
    const { url, seen } = await scripted([
      { status: 200, body: whole.slice(0, 20) },
      { status: 200, body: whole },
    ]);
    const body = await transport(url, "cut-short").request({ method: "GET", path: "ws/orders" });
    expect(body).toEqual(JSON.parse(whole));
    expect(seen).toHaveLength(2);
  });

  it("refuses a body past the byte limit without retrying it", async () => {
    const { url, seen } = await scripted([{ status: 200, body: `"${"x".repeat(5_000)}"` }]);
    const error = await new HttpTransport({
      ...timings(),
      baseUrl: url,
      headers: {},
      logger: captureLogger().logger,
      throttleKey: "too-large",
      maxResponseBytes: 1_000,
    })
      .request({ method: "GET", path: "ws/orders" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketplaceHttpError);
    expect((error as Error).message).toMatch(/more than 1000 bytes/);
    expect(seen).toHaveLength(1);
  });

  it("follows an absolute next link on the configured host only", async () => {
    const { url, seen } = await scripted([{ status: 200, body: "{}" }]);
    await transport(url, "next").request({
      method: "GET",
      path: "https://www.backmarket.fr/ws/orders?page=2&state=1",
    });
    expect(seen[0]).toEqual(
      expect.objectContaining({ url: "/ws/orders?page=2&state=1", auth: "Basic s3cret" }),
    );
  });
});
