// The fast new-order loop: every active marketplace is polled for `new` orders every
// NEW_ORDER_POLL_SECONDS (lib/sync/poll-new.ts), one poll of a marketplace at a time, each
// marketplace on its own timer so a slow one never delays the others. A marketplace that
// throttles (429) is polled less often — after its Retry-After, or twice the last delay, up to
// five minutes — and back at the normal pace once it answers. Runs in the queue worker (one
// worker leads, see new-order-loop-leader.ts) and in the in-process schedule; Vercel's crons
// keep the 5-minute schedule (no timers in serverless functions).
import type { Database } from "@/db/client";
import type { SyncTrigger } from "@/db/schema";
import { logger } from "@/lib/log";
import type { AdapterOptions } from "@/lib/marketplaces/factory";
import { recordNewOrderPoll } from "@/lib/metrics/process";
import { type PollOutcome, pollNewOrders, resolveMarketplaces } from "@/lib/runtime";
import type { MarketplaceRow } from "@/lib/sync/sync-context";

/** The longest a throttled or failing marketplace waits between polls. */
export const MAX_POLL_BACKOFF_MS = 5 * 60_000;
/** How often the loop re-reads which marketplaces are active. */
export const MARKETPLACE_REFRESH_MS = 30_000;

export interface NewOrderLoopOptions {
  db: Database;
  intervalMs: number;
  trigger: SyncTrigger;
  adapterOptions?: AdapterOptions;
  /** Wait before the first poll of each marketplace (default 0). */
  firstPollDelayMs?: number;
  /** Called after every poll (logs, tests, the bench). */
  onPoll?: (event: PollEvent) => void;
}

export interface PollEvent {
  marketplace: string;
  outcome: PollOutcome | { kind: "error"; message: string };
  /** When this marketplace is polled next. */
  nextInMs: number;
}

export interface NewOrderLoop {
  /** Stops the timers and waits for the polls in flight. */
  stop(): Promise<void>;
}

/** The delay before the next poll, given the one before and what this poll met. */
export function nextPollDelayMs(
  intervalMs: number,
  previousDelayMs: number,
  outcome: PollEvent["outcome"],
): number {
  const slower = Math.min(MAX_POLL_BACKOFF_MS, Math.max(intervalMs, previousDelayMs) * 2);
  switch (outcome.kind) {
    case "throttled":
      return Math.min(MAX_POLL_BACKOFF_MS, Math.max(slower, outcome.retryAfterMs ?? 0));
    case "error":
      return slower;
    case "ran":
      return outcome.run.status === "failed" ? slower : intervalMs;
    default:
      return intervalMs;
  }
}

interface Poller {
  marketplace: MarketplaceRow;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
  inFlight: Promise<void> | undefined;
  stopped: boolean;
}

export function startNewOrderLoop(options: NewOrderLoopOptions): NewOrderLoop {
  const pollers = new Map<number, Poller>();
  let stopped = false;
  const log = logger.child({ component: "new-order-loop" });

  const schedule = (poller: Poller, delayMs: number) => {
    if (stopped || poller.stopped) return;
    poller.timer = setTimeout(() => {
      poller.inFlight = pollOnce(poller).finally(() => {
        poller.inFlight = undefined;
      });
    }, delayMs);
    poller.timer.unref?.();
  };

  const pollOnce = async (poller: Poller) => {
    let outcome: PollEvent["outcome"];
    try {
      outcome = await pollNewOrders({
        db: options.db,
        marketplace: poller.marketplace,
        trigger: options.trigger,
        adapterOptions: options.adapterOptions,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, marketplace: poller.marketplace.code }, "new-order poll failed");
      outcome = { kind: "error", message };
    }
    recordNewOrderPoll(outcome.kind);
    poller.delayMs = nextPollDelayMs(options.intervalMs, poller.delayMs, outcome);
    if (outcome.kind === "throttled") {
      log.warn(
        { marketplace: poller.marketplace.code, nextInMs: poller.delayMs },
        "marketplace throttled the new-order poll; polling it less often",
      );
    }
    options.onPoll?.({
      marketplace: poller.marketplace.code,
      outcome,
      nextInMs: poller.delayMs,
    });
    schedule(poller, poller.delayMs);
  };

  const refresh = async () => {
    let active: MarketplaceRow[];
    try {
      active = await resolveMarketplaces(options.db, undefined);
    } catch (error) {
      log.error({ err: error }, "reading the active marketplaces failed");
      return;
    }
    if (stopped) return;
    const ids = new Set(active.map((marketplace) => marketplace.id));
    for (const [id, poller] of pollers) {
      if (ids.has(id)) continue;
      poller.stopped = true;
      clearTimeout(poller.timer);
      pollers.delete(id);
    }
    for (const marketplace of active) {
      const known = pollers.get(marketplace.id);
      if (known) {
        known.marketplace = marketplace;
        continue;
      }
      const poller: Poller = {
        marketplace,
        delayMs: options.intervalMs,
        timer: undefined,
        inFlight: undefined,
        stopped: false,
      };
      pollers.set(marketplace.id, poller);
      schedule(poller, options.firstPollDelayMs ?? 0);
    }
  };

  void refresh();
  const refreshTimer = setInterval(() => void refresh(), MARKETPLACE_REFRESH_MS);
  refreshTimer.unref?.();
  log.info({ intervalMs: options.intervalMs }, "new-order loop started");

  return {
    async stop() {
      stopped = true;
      clearInterval(refreshTimer);
      for (const poller of pollers.values()) clearTimeout(poller.timer);
      await Promise.allSettled([...pollers.values()].map((poller) => poller.inFlight));
    },
  };
}
