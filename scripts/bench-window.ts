// npm run bench:window — the oversell window, measured: the simulator (Back Market and Refurbed,
// their published rate limits on, and the seller's Shopify shop with its cost bucket and
// signed webhooks) runs on a thread of its own and receives a stream of customer orders (a few
// a minute per channel, plus a burst half-way); Stocklock runs as it does in production — the
// queue worker on a throwaway PostgreSQL, and/or the in-process schedule on the embedded
// database, each with the shop's webhook endpoint. For each sale the simulator records when it was placed
// and when every other channel received a quantity that accounts for it. Prints p50/p95/max
// of the window per channel pair, each marketplace's share of its request budget (and the
// new-order poll's share), and Back Market listing updates an hour against its ~2,000.
//   --path=worker|in-process|both (both)  --minutes=3  --rate=3 (orders/min/channel)
//   --burst=10  --poll-seconds=N (NEW_ORDER_POLL_SECONDS; 0 = the 5-minute schedule only)
//   --settle-seconds=N (after the last order; 60, or 330 without the poll)  --seed=7  --json
// Goal: p95 ≤ 30 s on every pair (and a sale on the shop's own window ≤ 5 s: its webhooks do
// not wait for a poll; windows.ts says what "own" leaves out), polling < 10 % of any marketplace's budget (Shopify's: its cost bucket's points).
import "./bench-window/env-setup";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { SimulatorStore } from "@/lib/marketplaces/simulator/store";
import { type BenchPath, startPath } from "./bench-window/paths";
import type { SimulatorReport } from "./bench-window/simulator-thread";
import { type PathSummary, printSummary, summarise } from "./bench-window/summary";

const STOCK = 1_000;
const GOAL_P95_MS = 30_000;
/** A sale on the shop is pushed to us (webhook): the other channels hear of it in seconds. */
const GOAL_WEBHOOK_P95_MS = 5_000;
const GOAL_POLL_PERCENT = 10;

const argsSchema = z.object({
  path: z.enum(["worker", "in-process", "both"]).default("both"),
  minutes: z.coerce.number().positive().max(120).default(3),
  rate: z.coerce.number().positive().max(600).default(3),
  burst: z.coerce.number().int().min(0).max(1_000).default(10),
  "poll-seconds": z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 5 && n <= 3_600), "must be 0 or 5–3600")
    .optional(),
  "settle-seconds": z.coerce.number().int().min(0).max(3_600).optional(),
  seed: z.coerce.number().int().default(7),
  json: z.boolean().default(false),
});

function parseCli() {
  try {
    const { values } = parseArgs({
      options: {
        path: { type: "string" },
        minutes: { type: "string" },
        rate: { type: "string" },
        burst: { type: "string" },
        "poll-seconds": { type: "string" },
        "settle-seconds": { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
      },
    });
    return argsSchema.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`bench:window: ${message}`);
    process.exit(2);
  }
}

interface SimulatorThread {
  url: string;
  listings: SimulatorStore["listings"];
  shopifyItems: Record<string, number>;
  start(webhookTarget: string): void;
  placedAll: Promise<unknown>;
  finish(sinceMs: number): Promise<SimulatorReport>;
}

async function startSimulatorThread(options: {
  seed: number;
  ratePerMinute: number;
  burst: number;
  durationMs: number;
}): Promise<SimulatorThread> {
  const entry = new URL("./bench-window/simulator-thread.ts", import.meta.url).href;
  // Loaded through tsx like this script (a worker does not inherit the TypeScript loader).
  const worker = new Worker(
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: options },
  );
  const next = (kind: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.kind !== kind) return;
        worker.off("message", onMessage);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const ready = (await next("ready")) as {
    url: string;
    listings: SimulatorStore["listings"];
    shopifyItems: Record<string, number>;
  };
  const placedAll = next("placed-all");
  return {
    url: ready.url,
    listings: ready.listings,
    shopifyItems: ready.shopifyItems,
    start: (webhookTarget) => worker.postMessage({ kind: "start", webhookTarget }),
    placedAll,
    async finish(sinceMs) {
      const reported = next("report");
      worker.postMessage({ kind: "finish", sinceMs });
      const { report } = (await reported) as unknown as { report: SimulatorReport };
      await once(worker, "exit");
      return report;
    },
  };
}

async function benchPath(kind: BenchPath, args: ReturnType<typeof parseCli>) {
  const pollSeconds = args["poll-seconds"] ?? env().NEW_ORDER_POLL_SECONDS;
  const settleMs = (args["settle-seconds"] ?? (pollSeconds > 0 ? 60 : 330)) * 1000;
  const sim = await startSimulatorThread({
    seed: args.seed,
    ratePerMinute: args.rate,
    burst: args.burst,
    durationMs: Math.round(args.minutes * 60_000),
  });
  const started = await startPath(kind, {
    simulatorUrl: sim.url,
    listings: sim.listings,
    shopifyItems: sim.shopifyItems,
    stock: STOCK,
    pollSeconds,
  });
  const startedAt = Date.now();
  let report: SimulatorReport;
  try {
    sim.start(started.webhookUrl);
    await sim.placedAll;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    report = await sim.finish(startedAt);
  } finally {
    await started.stop();
  }
  const stock = Object.fromEntries(sim.listings.map((l) => [l.sku, STOCK]));
  return summarise(kind, pollSeconds, report, stock, Date.now() - startedAt);
}

function goals(summaries: PathSummary[]) {
  const windows = summaries.flatMap((s) => s.windows);
  const p95 = (w: (typeof windows)[number]) => w.p95Ms ?? Number.POSITIVE_INFINITY;
  const polls = summaries.flatMap((s) => s.budget.map((b) => b.pollBudgetPercent));
  return {
    p95Within30s: windows.every((w) => p95(w) <= GOAL_P95_MS),
    // The webhook's own speed: a sale's window without earlier polled sales still on their way.
    shopSaleOwnP95Within5s: windows
      .filter((w) => w.from === "shopify")
      .every((w) => (w.ownP95Ms ?? Number.POSITIVE_INFINITY) <= GOAL_WEBHOOK_P95_MS),
    pollingUnder10PercentOfBudget: polls.every((percent) => percent < GOAL_POLL_PERCENT),
    everySaleAnswered: summaries.every((s) => s.windows.every((w) => w.unanswered === 0)),
  };
}

async function main(): Promise<void> {
  const args = parseCli();
  if (!process.env.LOG_LEVEL || process.env.LOG_LEVEL === "warn") logger.level = "warn";
  const kinds: BenchPath[] = args.path === "both" ? ["worker", "in-process"] : [args.path];
  const summaries: PathSummary[] = [];
  for (const kind of kinds) {
    if (!args.json) console.error(`bench:window: running the ${kind} path…`);
    const summary = await benchPath(kind, args);
    summaries.push(summary);
    if (!args.json) printSummary(summary);
  }
  const met = goals(summaries);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ paths: summaries, goals: met })}\n`);
  } else {
    console.log(
      `\ngoal p95 ≤ 30 s: ${met.p95Within30s ? "met" : "MISSED"} · shop sale own p95 ≤ 5 s: ${met.shopSaleOwnP95Within5s ? "met" : "MISSED"} · polling < 10 % of budget: ${met.pollingUnder10PercentOfBudget ? "met" : "MISSED"} · every sale answered: ${met.everySaleAnswered ? "yes" : "NO"}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `bench:window failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
