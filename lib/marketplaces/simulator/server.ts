// The marketplace simulator: a plain node:http server speaking Back Market's seller API
// (/ws/...) and Refurbed's JSON gateway (/refb.merchant.v1.*) from one in-memory store, plus a
// control API (/_simulator/...). Tests start it on port 0; `npm run simulator` on 3001.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@/lib/log";
import { handleBackMarket } from "./backmarket-api";
import { demoTokens } from "./catalogue";
import { handleControl } from "./control-api";
import { type Fault, FaultInjector, type FaultInput } from "./faults";
import { cdnHtml, json, type SimRequest, type SimResponse } from "./http-types";
import { OrderStream, type StreamOptions } from "./order-stream";
import { createRandom } from "./random";
import { type ChannelLimits, RateLimiter } from "./rate-limits";
import { handleRefurbed } from "./refurbed-api";
import { handleShopify, isShopifyPath } from "./shopify/api";
import { handleShopifyControl } from "./shopify/control";
import { createShopifySim, type ShopifySim, type ShopifySimOptions } from "./shopify/index";
import { type NewOrderSpec, SimulatorStore } from "./store";
import type {
  Channel,
  RecordedWrite,
  RfReturnState,
  SimCareFolder,
  SimLineState,
  SimOrder,
  SimReturnLabel,
  SimRfReturn,
} from "./types";

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Seed of the pseudo-random order stream. */
  seed?: number;
  tokens?: Partial<Record<Channel, string>>;
  /** Orders per channel created at start, spread over the last two weeks. */
  history?: number;
  /** Runs the order stream every this many ms; null (default) leaves it to `tick()`. */
  streamIntervalMs?: number | null;
  stream?: Partial<StreamOptions>;
  now?: () => Date;
  logger?: Logger;
  /** The simulated Shopify shop's credentials, bucket and webhook retry delays. */
  shopify?: ShopifySimOptions;
  /** The marketplaces' published rate limits (rate-limits.ts): true for those, or others. */
  rateLimits?: boolean | Record<Channel, ChannelLimits>;
  /** Told of every marketplace API request once it is answered (bench:window counts them). */
  onRequest?: (record: ApiRequestRecord) => void;
}

/** One marketplace API request as the simulator answered it. */
export interface ApiRequestRecord {
  channel: Channel | "shopify";
  method: string;
  path: string;
  /** The query string, without `?`. */
  query: string;
  body: unknown;
  status: number;
  /** Date.now() when it arrived and when it was answered. */
  receivedAtMs: number;
  answeredAtMs: number;
  /** Shopify: the points the request took from the shop's cost bucket (0 when throttled). */
  cost?: number;
}

export interface SimulatorControl {
  addOrder(spec: NewOrderSpec): SimOrder;
  advanceLines(
    channel: Channel,
    orderId: number,
    state: SimLineState,
    lineIds?: number[],
  ): SimOrder;
  /** Misbehaviour of live order data: a line's quantity changes, or the line disappears. */
  changeLine(
    channel: Channel,
    orderId: number,
    lineId: number,
    change: { quantity: number } | "remove",
  ): SimOrder;
  addCareFolder(
    orderLineId: number,
    state?: "open" | "closed",
    returnLabel?: Pick<SimReturnLabel, "kind" | "state">,
  ): SimCareFolder;
  /** Creates the item's Refurbed return, or moves it to `state`. */
  setRefurbedReturn(orderLineId: number, state: RfReturnState): SimRfReturn;
  injectFault(fault: FaultInput): number;
  clearFaults(): void;
  writes(channel?: Channel): RecordedWrite[];
  clearWrites(): void;
  tick(): void;
  summary(): Record<string, unknown>;
}

export interface Simulator extends SimulatorControl {
  url: string;
  port: number;
  store: SimulatorStore;
  stream: OrderStream;
  /** The simulated Shopify shop (its own model: lines with fulfilled and refunded units). */
  shopify: ShopifySim;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? (() => new Date());
  const store = new SimulatorStore(createRandom(options.seed ?? 1), now);
  const stream = new OrderStream(store, options.stream);
  const faults = new FaultInjector();
  const startedAt = now();
  if (options.history) stream.seedHistory(options.history);
  const control = simulatorControl(store, stream, faults);
  const shopify = createShopifySim(now, options.shopify, options.logger);
  const dispatch = createDispatch({
    control,
    shopify,
    store,
    faults,
    tokens: {
      backmarket: options.tokens?.backmarket ?? demoTokens.backmarket,
      refurbed: options.tokens?.refurbed ?? demoTokens.refurbed,
    },
    startedAt,
    limiter: options.rateLimits
      ? new RateLimiter(options.rateLimits === true ? undefined : options.rateLimits)
      : undefined,
    onRequest: options.onRequest,
  });
  const server = createServer((req, res) => {
    void serve(req, res, dispatch, options.logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let ticks = 0;
  const timer =
    options.streamIntervalMs && options.streamIntervalMs > 0
      ? setInterval(() => {
          stream.tick();
          // Now and then a customer buys on the seller's own shop too.
          if (++ticks % 5 === 0) shopifySale(shopify, store.random);
        }, options.streamIntervalMs)
      : null;

  return {
    ...control,
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    store,
    stream,
    shopify,
    close: async () => {
      if (timer) clearInterval(timer);
      shopify.webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What tests and the control API may do to a running simulator. */
function simulatorControl(
  store: SimulatorStore,
  stream: OrderStream,
  faults: FaultInjector,
): SimulatorControl {
  return {
    addOrder: (spec) => store.addOrder(spec),
    advanceLines: (channel, orderId, state, lineIds) => {
      const order = store.order(channel, orderId);
      if (!order) throw new Error(`no ${channel} order ${orderId}`);
      for (const line of order.lines) {
        if (!lineIds || lineIds.includes(line.id)) store.setLineState(order, line, state);
      }
      return order;
    },
    changeLine: (channel, orderId, lineId, change) => {
      const order = store.order(channel, orderId);
      const line = order?.lines.find((candidate) => candidate.id === lineId);
      if (!order || !line) throw new Error(`no ${channel} order ${orderId} line ${lineId}`);
      if (change === "remove") store.removeLine(order, lineId);
      else store.setLineQuantity(order, line, change.quantity);
      return order;
    },
    addCareFolder: (orderLineId, state, returnLabel) =>
      store.addCareFolder(orderLineId, state, returnLabel),
    setRefurbedReturn: (orderLineId, state) => store.setRefurbedReturn(orderLineId, state),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    writes: (channel) => store.writes.filter((write) => !channel || write.channel === channel),
    clearWrites: () => {
      store.writes.length = 0;
    },
    tick: () => stream.tick(),
    summary: () => ({
      orders: { backmarket: store.orders.backmarket.size, refurbed: store.orders.refurbed.size },
      careFolders: store.careFolders.length,
      refurbedReturns: store.refurbedReturns.length,
      writes: store.writes.length,
      listings: store.listings.map(({ sku, quantity }) => ({ sku, quantity })),
    }),
  };
}

interface DispatchContext {
  control: SimulatorControl;
  shopify: ShopifySim;
  store: SimulatorStore;
  faults: FaultInjector;
  tokens: Record<Channel, string>;
  startedAt: Date;
  limiter?: RateLimiter;
  onRequest?: (record: ApiRequestRecord) => void;
}

const STATIC_DOCUMENT: SimResponse = {
  status: 200,
  raw: { contentType: "application/pdf", text: "%PDF-1.4\n% simulated document\n%%EOF\n" },
};

/** Routes a request: control API, static documents, or a marketplace API with its faults. */
function createDispatch(context: DispatchContext): (request: SimRequest) => Promise<SimResponse> {
  return async (request) => {
    if (request.path.startsWith("/_simulator/shopify/")) {
      return (
        handleShopifyControl(context.shopify, request) ??
        json(404, { error: `No route ${request.method} ${request.path}` })
      );
    }
    if (request.path.startsWith("/_simulator/")) return handleControl(context.control, request);
    if (request.path.startsWith("/static/")) return STATIC_DOCUMENT;
    if (isShopifyPath(request.path)) {
      return answered(context, "shopify", request, () => handleShopify(context.shopify, request));
    }
    const channel = channelOf(request.path);
    if (!channel) return json(404, { error: `No route ${request.method} ${request.path}` });
    return answered(context, channel, request, () => limitedResponse(context, channel, request));
  };
}

/** A marketplace API's answer, recorded for onRequest (the bench's request log) with its times. */
async function answered(
  context: DispatchContext,
  channel: ApiRequestRecord["channel"],
  request: SimRequest,
  answer: () => Promise<SimResponse>,
): Promise<SimResponse> {
  const receivedAtMs = Date.now();
  const response = await answer();
  context.onRequest?.({
    channel,
    method: request.method,
    path: request.path,
    query: request.query.toString(),
    body: request.body,
    status: response.status,
    receivedAtMs,
    answeredAtMs: Date.now(),
    ...(channel === "shopify" ? { cost: pointsTaken(response) } : {}),
  });
  return response;
}

/** The points a Shopify answer took from the bucket: its actual cost (null when throttled). */
function pointsTaken(response: SimResponse): number {
  const body = response.body as { extensions?: { cost?: { actualQueryCost?: unknown } } } | null;
  const actual = body?.extensions?.cost?.actualQueryCost;
  return typeof actual === "number" ? actual : 0;
}

/** The answer within the marketplace's rate limits (when switched on): a 429 beyond them. */
async function limitedResponse(
  context: DispatchContext,
  channel: Channel,
  request: SimRequest,
): Promise<SimResponse> {
  const limit = context.limiter?.check(channel, request);
  if (limit?.refused) return limit.refused;
  const response = await marketplaceResponse(context, channel, request);
  if (!limit || Object.keys(limit.headers).length === 0) return response;
  return { ...response, headers: { ...response.headers, ...limit.headers } };
}

function channelOf(path: string): Channel | null {
  if (path.startsWith("/ws/")) return "backmarket";
  if (path.startsWith("/refb.merchant.v1.")) return "refurbed";
  return null;
}

/** A marketplace API's answer, after the faults injected for this request have fired. */
async function marketplaceResponse(
  context: DispatchContext,
  channel: Channel,
  request: SimRequest,
): Promise<SimResponse> {
  const firing = context.faults.take({
    channel,
    method: request.method,
    path: request.path,
    query: request.query,
  });
  for (const fault of firing) {
    if (fault.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
  }
  const failure = firing.find((fault) => fault.kind === "status");
  if (failure) return faultResponse(channel, failure);
  const repeat = firing.some((fault) => fault.kind === "repeat-across-pages");
  const endless = firing.some((fault) => fault.kind === "endless-paging");
  const paging = { repeatAcrossPages: () => repeat, endlessPaging: () => endless };
  const response =
    channel === "backmarket"
      ? handleBackMarket(context.store, request, { token: context.tokens.backmarket, ...paging })
      : handleRefurbed(context.store, request, {
          token: context.tokens.refurbed,
          ...paging,
          startedAt: context.startedAt,
        });
  return firing.some((fault) => fault.kind === "truncated") ? truncated(response) : response;
}

function faultResponse(channel: Channel, fault: Extract<Fault, { kind: "status" }>): SimResponse {
  if (fault.body === "html") return { ...cdnHtml(fault.status), headers: fault.headers };
  const body =
    channel === "backmarket"
      ? {
          error: {
            code: fault.status === 429 ? "too_many_requests" : "server_error",
            message: `Simulated ${fault.status}`,
          },
        }
      : {
          code: fault.status === 429 ? 8 : 13,
          message: fault.status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL",
          details: [],
        };
  return json(fault.status, body, fault.headers);
}

/** The answer's JSON cut in half, still with status 200 and a matching Content-Length. */
function truncated(response: SimResponse): SimResponse {
  const text = response.raw ? response.raw.text : JSON.stringify(response.body ?? null);
  return {
    ...response,
    raw: { contentType: "application/json", text: text.slice(0, Math.floor(text.length / 2)) },
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  dispatch: (request: SimRequest) => Promise<SimResponse>,
  logger: Logger | undefined,
): Promise<void> {
  const started = performance.now();
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    let bodyInvalid = false;
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        bodyInvalid = true;
      }
    }
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", origin);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(", ") : value,
      ]),
    );
    const response = await dispatch({
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      bodyInvalid,
      rawBody: text,
      origin,
    });
    if (res.destroyed) return;
    const payload = response.raw ? response.raw.text : JSON.stringify(response.body ?? null);
    res.writeHead(response.status, {
      "content-type": response.raw ? response.raw.contentType : "application/json",
      ...response.headers,
    });
    res.end(payload);
    logger?.debug(
      {
        method: req.method,
        path: url.pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
      },
      "simulator request",
    );
  } catch (error) {
    logger?.error({ err: error }, "simulator request failed");
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "simulator error" }));
    }
  }
}

/** A sale of one in-stock device on the simulated shop (the demo's order stream). */
function shopifySale(shopify: ShopifySim, random: SimulatorStore["random"]): void {
  const inStock = shopify.shop.variants.filter(
    (variant) => (shopify.shop.available(variant.inventoryItemId, 1) ?? 0) > 0,
  );
  if (inStock.length === 0) return;
  shopify.shop.createOrder({ lines: [{ sku: random.pick(inStock).sku }] });
}
