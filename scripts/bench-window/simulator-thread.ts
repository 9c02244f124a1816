// The marketplaces of bench:window, on a thread of their own (a marketplace's servers are not
// the sync's process): the simulator with its published rate limits switched on, a stream of
// customer orders on every channel once told to start, and a record of every answered request.
// Messages: in { kind: "start", webhookTarget } / { kind: "finish" }; out { kind: "ready", url,
// listings, shopifyItems }, then
// { kind: "placed-all" } when the stream is over, then { kind: "report", … } on finish.
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { createRandom } from "@/lib/marketplaces/simulator/random";
import { type ApiRequestRecord, startSimulator } from "@/lib/marketplaces/simulator/server";
import { benchChannels } from "./channels";
import type { Placement, QuantityUpdate, Spend } from "./windows";

export const simulatorThreadSchema = z.object({
  seed: z.number().int(),
  /** Orders per minute on each channel (on average: exponential gaps). */
  ratePerMinute: z.number().positive(),
  /** Orders placed at once, half-way through, spread over the channels. */
  burst: z.number().int().nonnegative(),
  durationMs: z.number().int().positive(),
});

export interface RequestTally {
  channel: string;
  endpoint: string;
  count: number;
}

export interface SimulatorReport {
  placements: Placement[];
  updates: QuantityUpdate[];
  /** What each answered request spent of its channel's budget, and the poll's own share. */
  spends: Record<string, Spend[]>;
  pollSpends: Record<string, Spend[]>;
  tallies: RequestTally[];
  refused: Record<string, number>;
}

const options = simulatorThreadSchema.parse(workerData);
if (!parentPort) throw new Error("the bench:window simulator runs as a worker thread");
const port = parentPort;

const records: ApiRequestRecord[] = [];
const sim = await startSimulator({
  seed: options.seed,
  rateLimits: true,
  onRequest: (record) => records.push(record),
});
const skus = sim.store.listings.map((listing) => listing.sku);
const random = createRandom(options.seed + 1);
const placements: Placement[] = [];
const timers: NodeJS.Timeout[] = [];

function place(channelIndex: number): void {
  const channel = benchChannels[channelIndex];
  if (!channel) return;
  const sku = random.pick(skus);
  channel.placeOrder(sim, sku, 1);
  placements.push({ channel: channel.name, sku, quantity: 1, atMs: Date.now() });
}

/** Exponential gaps: a Poisson stream of `ratePerMinute` orders a minute. */
function streamOn(channelIndex: number, endAt: number): void {
  const gapMs = (-Math.log(1 - random.next()) * 60_000) / options.ratePerMinute;
  if (Date.now() + gapMs >= endAt) return;
  timers.push(
    setTimeout(() => {
      place(channelIndex);
      streamOn(channelIndex, endAt);
    }, gapMs),
  );
}

function start(webhookTarget: string | null): void {
  // The shop's deliveries go to the app's webhook endpoint (signed with the app's secret).
  sim.shopify.webhooks.target = webhookTarget;
  const endAt = Date.now() + options.durationMs;
  for (let index = 0; index < benchChannels.length; index++) streamOn(index, endAt);
  timers.push(
    setTimeout(() => {
      for (let i = 0; i < options.burst; i++) place(i % benchChannels.length);
    }, options.durationMs / 2),
  );
  timers.push(setTimeout(() => port.postMessage({ kind: "placed-all" }), options.durationMs));
}

function append(lists: Record<string, Spend[]>, key: string, value: Spend): void {
  const list = lists[key] ?? [];
  list.push(value);
  lists[key] = list;
}

/** A GraphQL request's operation (` Orders`, ` SetQuantities`); "" for other requests. */
function operationOf(record: ApiRequestRecord): string {
  const query = (record.body as { query?: unknown } | undefined)?.query;
  const name = typeof query === "string" ? /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] : null;
  return name ? ` ${name}` : "";
}

/** What the simulator saw from `sinceMs` on (requests before it set the scene). */
function report(sinceMs: number): SimulatorReport {
  const updates: QuantityUpdate[] = benchChannels.flatMap((channel) =>
    (channel.recordedUpdates?.(sim) ?? [])
      .filter((update) => update.atMs >= sinceMs)
      .map((update) => ({ channel: channel.name, ...update })),
  );
  const spends: Record<string, Spend[]> = {};
  const pollSpends: Record<string, Spend[]> = {};
  const tallies = new Map<string, RequestTally>();
  const measured = records.filter((record) => record.receivedAtMs >= sinceMs);
  for (const record of measured) {
    const channel = benchChannels.find((c) => c.name === record.channel);
    if (!channel) continue;
    const update = channel.quantityUpdate(record, sim.store);
    if (update) updates.push({ channel: channel.name, ...update, atMs: record.answeredAtMs });
    const spend = { atMs: record.receivedAtMs, units: channel.unitsOf(record) };
    append(spends, channel.name, spend);
    if (channel.isNewOrderPoll(record)) append(pollSpends, channel.name, spend);
    const endpoint = `${record.method} ${record.path.replace(/\/[0-9a-f-]{6,}(?=\/|$)/gi, "/{id}")}${operationOf(record)}${
      record.status === 429 ? " → 429" : ""
    }`;
    const key = `${channel.name} ${endpoint}`;
    const tally = tallies.get(key) ?? { channel: channel.name, endpoint, count: 0 };
    tally.count++;
    tallies.set(key, tally);
  }
  const refused: Record<string, number> = {};
  for (const record of measured) {
    if (record.status === 429) refused[record.channel] = (refused[record.channel] ?? 0) + 1;
  }
  return { placements, updates, spends, pollSpends, tallies: [...tallies.values()], refused };
}

port.on("message", (message: { kind: string; sinceMs?: number; webhookTarget?: string }) => {
  if (message.kind === "start") start(message.webhookTarget ?? null);
  if (message.kind === "finish") {
    for (const timer of timers) clearTimeout(timer);
    port.postMessage({ kind: "report", report: report(message.sinceMs ?? 0) });
    void sim.close().then(() => port.close());
  }
});
const shopifyItems = Object.fromEntries(
  sim.shopify.shop.variants.map((variant) => [variant.sku, variant.inventoryItemId]),
);
port.postMessage({ kind: "ready", url: sim.url, listings: sim.store.listings, shopifyItems });
