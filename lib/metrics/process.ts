// Per-process metrics: what this process saw as runs finished and pushes were attempted.
// Every app instance and worker keeps its own; Prometheus scrapes each and sums the counters
// and histogram buckets across instances (`sum without (instance) (…)`). The series carry no
// instance-specific label of ours: Prometheus adds `instance`/`job` from its scrape config.
//
// One Registry of our own (never prom-client's global default), kept on globalThis: hot reload
// and a module graph loaded twice (tests, several bundles in one process) reuse it instead of
// registering the same names again. The hooks are cheap (a map lookup and an add) and never
// throw: a metric must not fail a sync or a push.
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export const METRIC_PREFIX = "stocklock_";

/** Run durations: a webhook upsert takes well under a second, a first `modified` run minutes. */
const RUN_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Push latency: one marketplace call, throttled; the send deadline is a few minutes. */
const PUSH_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 240];

export interface ProcessMetrics {
  registry: Registry;
  runsTotal: Counter<"type" | "status">;
  runDuration: Histogram<"type" | "status">;
  ordersSynced: Counter<"type">;
  pushAttempts: Counter<"status">;
  pushLatency: Histogram<"status">;
  newOrderPolls: Counter<"outcome">;
}

function create(): ProcessMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  return {
    registry,
    runsTotal: new Counter({
      name: `${METRIC_PREFIX}sync_runs_total`,
      help: "Sync runs this process finished (skipped ones included), by type and final status.",
      labelNames: ["type", "status"] as const,
      registers,
    }),
    runDuration: new Histogram({
      name: `${METRIC_PREFIX}sync_run_duration_seconds`,
      help: "Duration of the sync runs this process finished, by type and final status.",
      labelNames: ["type", "status"] as const,
      buckets: RUN_BUCKETS,
      registers,
    }),
    ordersSynced: new Counter({
      name: `${METRIC_PREFIX}orders_synced_total`,
      help: "Orders fetched from marketplaces and processed by the runs this process finished.",
      labelNames: ["type"] as const,
      registers,
    }),
    pushAttempts: new Counter({
      name: `${METRIC_PREFIX}push_attempts_total`,
      help: "Push attempts this process recorded in stock_pushes, by status (sent, failed, superseded).",
      labelNames: ["status"] as const,
      registers,
    }),
    pushLatency: new Histogram({
      name: `${METRIC_PREFIX}push_latency_seconds`,
      help: "Time one push attempt took (the marketplace call), by status.",
      labelNames: ["status"] as const,
      buckets: PUSH_BUCKETS,
      registers,
    }),
    newOrderPolls: new Counter({
      name: `${METRIC_PREFIX}new_order_polls_total`,
      help: "Fast new-order polls this process made, by outcome (empty, ran, skipped, throttled, error).",
      labelNames: ["outcome"] as const,
      registers,
    }),
  };
}

const KEY = Symbol.for("stocklock.metrics.process");
type Holder = { [KEY]?: ProcessMetrics };

/** This process's metrics (created on first use). */
export function processMetrics(): ProcessMetrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= create();
  return holder[KEY];
}

function seconds(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
}

/** A sync run ended (any status, `skipped` included). Never throws. */
export function recordRunFinished(run: {
  type: string;
  status: string;
  durationMs: number | null | undefined;
  fetched?: number | null;
}): void {
  try {
    const metrics = processMetrics();
    const labels = { type: run.type, status: run.status };
    metrics.runsTotal.inc(labels);
    metrics.runDuration.observe(labels, seconds(run.durationMs ?? 0));
    if (run.fetched && run.fetched > 0) metrics.ordersSynced.inc({ type: run.type }, run.fetched);
  } catch {
    // Metrics are best effort.
  }
}

/** A push attempt was recorded in stock_pushes with this status. Never throws. */
export function recordPushAttempt(attempt: { status: string; durationMs: number }): void {
  try {
    const metrics = processMetrics();
    metrics.pushAttempts.inc({ status: attempt.status });
    metrics.pushLatency.observe({ status: attempt.status }, seconds(attempt.durationMs));
  } catch {
    // Metrics are best effort.
  }
}

/** A fast new-order poll ended with this outcome. Never throws. */
export function recordNewOrderPoll(outcome: string): void {
  try {
    processMetrics().newOrderPolls.inc({ outcome });
  } catch {
    // Metrics are best effort.
  }
}
