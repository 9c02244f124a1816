// The seed schedule inside this process, for the embedded database (`npm run dev` fills the
// demo by itself; SYNC_SCHEDULE=on for a self-hosted embedded install). On PostgreSQL the
// queue worker runs the schedule instead, unless SYNC_EXECUTION=inline. Runs are chained: one
// scheduled sync at a time. Beside the chain, the fast new-order loop polls every marketplace
// every NEW_ORDER_POLL_SECONDS (new orders reach the dashboard within seconds of start-up and
// of being placed; the 5-minute `new` run stays as the sweep that retries acceptances).
import { type DatabaseHandle, getDatabaseHandle } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { runSync } from "@/lib/runtime";
import { alertsEveryMs, alertTick } from "./alerts";
import { startNewOrderLoop } from "./new-order-loop";
import { syncExecution } from "./request-sync";
import { type ScheduleEntry, syncSchedule } from "./schedule";

const globalForSchedule = globalThis as unknown as { __stocklockSchedule?: () => void };

export interface InProcessScheduleOptions {
  /** Delay before the first round (new, modified, stock) so the demo fills at start. */
  firstRunDelayMs?: number;
  entries?: readonly ScheduleEntry[];
  /** The new-order loop's period; default NEW_ORDER_POLL_SECONDS (0 = off). */
  newOrderPollMs?: number;
  /** Defaults to the process's database (bench:window passes its own embedded one). */
  handle?: DatabaseHandle;
}

/** Starts the timers once per process; returns a function that stops them. */
export async function startInProcessSchedule(
  options: InProcessScheduleOptions = {},
): Promise<() => void> {
  if (globalForSchedule.__stocklockSchedule) return globalForSchedule.__stocklockSchedule;
  const { SYNC_SCHEDULE, DEMO_MODE } = env();
  if (SYNC_SCHEDULE === "off" || (SYNC_SCHEDULE === "auto" && !DEMO_MODE)) return () => {};
  // Serverless functions must not keep timers: Vercel's crons call the route instead.
  if (env().VERCEL) return () => {};
  const handle = options.handle ?? (await getDatabaseHandle());
  if (syncExecution(handle.kind) !== "inline") {
    logger.info("in-process sync schedule off: the queue worker runs the schedule");
    return () => {};
  }
  let chain: Promise<unknown> = Promise.resolve();
  const run = (type: ScheduleEntry["type"]) => {
    chain = chain
      .then(() => runSync({ type, trigger: "cron", db: handle.db }))
      .catch((error: unknown) =>
        logger.error({ err: error, syncType: type }, "scheduled sync failed"),
      );
  };
  const timers = (options.entries ?? syncSchedule).map((entry) => {
    const timer = setInterval(() => run(entry.type), entry.everyMinutes * 60_000);
    timer.unref();
    return timer;
  });
  // Alerts every minute, beside the chain (an evaluation never waits for a sync).
  let evaluating = false;
  const alertTimer = setInterval(() => {
    if (evaluating) return;
    evaluating = true;
    void alertTick(handle.db).finally(() => {
      evaluating = false;
    });
  }, alertsEveryMs);
  alertTimer.unref();
  timers.push(alertTimer);
  const firstRunDelayMs = options.firstRunDelayMs ?? 5_000;
  const pollMs = options.newOrderPollMs ?? env().NEW_ORDER_POLL_SECONDS * 1000;
  const loop =
    pollMs > 0
      ? startNewOrderLoop({
          db: handle.db,
          intervalMs: pollMs,
          trigger: "cron",
          firstPollDelayMs: firstRunDelayMs,
        })
      : undefined;
  // With the loop on, its first poll is the first round's `new`.
  const firstRound = loop
    ? (["modified", "stock"] as const)
    : (["new", "modified", "stock"] as const);
  const first = setTimeout(() => {
    for (const type of firstRound) run(type);
  }, firstRunDelayMs);
  first.unref();
  const stop = () => {
    clearTimeout(first);
    for (const timer of timers) clearInterval(timer);
    void loop?.stop();
    globalForSchedule.__stocklockSchedule = undefined;
  };
  globalForSchedule.__stocklockSchedule = stop;
  logger.info("in-process sync schedule started");
  return stop;
}
