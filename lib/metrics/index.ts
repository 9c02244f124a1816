// /api/metrics in Prometheus text format: this process's counters and histograms (process.ts)
// and the database gauges read now (database.ts). A failing database read is logged and
// reported as stocklock_metrics_database_up 0; the process metrics are still served.

import { Gauge, Registry } from "prom-client";
import type { Executor } from "@/db/client";
import { logger } from "@/lib/log";
import { collectDatabaseMetrics } from "./database";
import { METRIC_PREFIX, processMetrics } from "./process";

export { recordPushAttempt, recordRunFinished } from "./process";

/** `text/plain; version=0.0.4; charset=utf-8`: the Prometheus text exposition format. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export async function renderMetrics(db: Executor | (() => Promise<Executor>)): Promise<string> {
  const status = new Registry();
  const up = new Gauge({
    name: `${METRIC_PREFIX}metrics_database_up`,
    help: "1 when this scrape read the database gauges, 0 when the database read failed.",
    registers: [status],
  });
  const registries = [processMetrics().registry, status];
  try {
    const executor = typeof db === "function" ? await db() : db;
    registries.push(await collectDatabaseMetrics(executor));
    up.set(1);
  } catch (error) {
    logger.error({ err: error }, "metrics: reading the database gauges failed");
    up.set(0);
  }
  return Registry.merge(registries).metrics();
}
