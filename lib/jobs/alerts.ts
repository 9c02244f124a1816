// Alert evaluation as the entry points run it: the worker's and the in-process schedule's
// minute tick and `npm run alerts`, with the seed schedule's periods for sync_failing.
import type { Database } from "@/db/client";
import { type EvaluateOptions, type EvaluateReport, evaluateAlerts } from "@/lib/alerts";
import { logger } from "@/lib/log";
import { syncSchedule } from "./schedule";

/** Alerts are evaluated this often (cron for pg-boss, period for the in-process timer). */
export const alertsCron = "* * * * *";
export const alertsEveryMs = 60_000;

export function runAlertEvaluation(
  db: Database,
  options: EvaluateOptions = {},
): Promise<EvaluateReport> {
  return evaluateAlerts(db, { syncIntervals: syncSchedule, ...options });
}

/** For timers: evaluates and logs a failure instead of throwing. */
export async function alertTick(db: Database): Promise<void> {
  try {
    await runAlertEvaluation(db);
  } catch (error) {
    logger.error({ err: error }, "alert evaluation failed");
  }
}
