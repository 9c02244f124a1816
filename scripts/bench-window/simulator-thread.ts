// The marketplaces of bench:window, on a thread of their own (a marketplace's servers are not
// the sync's process): the simulator with its published rate limits switched on, a stream of
// customer orders on every channel once told to start, and a record of every answered request.
// Messages: in { kind: "start" } / { kind: "finish" }; out { kind: "ready", url, listings }, then
// { kind: "placed-all" } when the stream is over, then { kind: "report", … } on finish.
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { createRandom } from "@/lib/marketplaces/simulator/random";
import { type ApiRequestRecord, startSimulator } from "@/lib/marketplaces/simulator/server";
import { benchChannels } from "./channels";
import type { Placement, QuantityUpdate } from "./windows";

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
  /** Answered request times per channel (for the busiest 10 s), and the poll's own. */
  requestTimes: Record<string, number[]>;
  pollTimes: Record<string, number[]>;
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

function start(): void {
  const endAt = Date.now() + options.durationMs;
  for (let index = 0; index < benchChannels.length; index++) streamOn(index, endAt);
  timers.push(
    setTimeout(() => {
      for (let i = 0; i < options.burst; i++) place(i % benchChannels.length);
    }, options.durationMs / 2),
  );
  timers.push(setTimeout(() => port.postMessage({ kind: "placed-all" }), options.durationMs));
}

function append(lists: Record<string, number[]>, key: string, value: number): void {
  const list = lists[key] ?? [];
  list.push(value);
  lists[key] = list;
}

/** What the simulator saw from `sinceMs` on (requests before it set the scene). */
function report(sinceMs: number): SimulatorReport {
  const updates: QuantityUpdate[] = [];
  const requestTimes: Record<string, number[]> = {};
  const pollTimes: Record<string, number[]> = {};
  const tallies = new Map<string, RequestTally>();
  const measured = records.filter((record) => record.receivedAtMs >= sinceMs);
  for (const record of measured) {
    const channel = benchChannels.find((c) => c.name === record.channel);
    if (!channel) continue;
    const update = channel.quantityUpdate(record, sim.store);
    if (update) updates.push({ channel: channel.name, ...update, atMs: record.answeredAtMs });
    append(requestTimes, channel.name, record.receivedAtMs);
    if (channel.isNewOrderPoll(record)) append(pollTimes, channel.name, record.receivedAtMs);
    const endpoint = `${record.method} ${record.path.replace(/\/[0-9a-f-]{6,}(?=\/|$)/gi, "/{id}")}${
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
  return { placements, updates, requestTimes, pollTimes, tallies: [...tallies.values()], refused };
}

port.on("message", (message: { kind: string; sinceMs?: number }) => {
  if (message.kind === "start") start();
  if (message.kind === "finish") {
    for (const timer of timers) clearTimeout(timer);
    port.postMessage({ kind: "report", report: report(message.sinceMs ?? 0) });
    void sim.close().then(() => port.close());
  }
});
port.postMessage({ kind: "ready", url: sim.url, listings: sim.store.listings });
