// What `npm run worker` runs: sync jobs (one per (marketplace, type) at a time across every
// worker), the push drain after them, the seed schedule's ticks, and the fast new-order loop
// (one worker leads it).
import type PgBoss from "pg-boss";
import type { Database } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { AdapterOptions } from "@/lib/marketplaces/factory";
import {
  drainPushOutbox,
  processWebhookDelivery,
  resolveMarketplaces,
  runSync,
} from "@/lib/runtime";
import { alertTick } from "./alerts";
import { runInTurnByKey } from "./in-turn";
import type { NewOrderLoopOptions } from "./new-order-loop";
import { startLeaderNewOrderLoop } from "./new-order-loop-leader";
import {
  ALERTS_QUEUE,
  enqueuePush,
  enqueueSync,
  installSchedule,
  PUSH_QUEUE,
  SYNC_QUEUE,
  type SyncJobData,
  tickQueue,
  WEBHOOK_BATCH_SIZE,
  WEBHOOK_QUEUE,
  type WebhookJobData,
} from "./queue";
import { syncSchedule } from "./schedule";

export interface WorkerOptions {
  db: Database;
  /** Install the seed schedule (default true). */
  schedule?: boolean;
  /** Sync jobs this worker runs at once (different pairs). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  adapterOptions?: AdapterOptions;
  /** Called as a sync job starts (logs, tests). */
  onJob?: (job: { id: string; data: SyncJobData }) => void;
  /**
   * The fast new-order loop (led by one worker at a time): its period, or false for none.
   * Defaults to NEW_ORDER_POLL_SECONDS when the schedule is installed.
   */
  newOrderPoll?: { intervalMs: number; onPoll?: NewOrderLoopOptions["onPoll"] } | false;
}

export interface SyncWorker {
  /** Whether this worker leads the new-order loop right now. */
  leadsNewOrderLoop(): boolean;
  /** Stops the new-order loop (the caller stops pg-boss). */
  stop(): Promise<void>;
}

export async function startSyncWorker(boss: PgBoss, options: WorkerOptions): Promise<SyncWorker> {
  const { db } = options;
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 };
  for (let i = 0; i < (options.concurrency ?? 2); i++) {
    await boss.work<SyncJobData>(SYNC_QUEUE, polling, async ([job]) => {
      if (!job) return;
      options.onJob?.({ id: job.id, data: job.data });
      const log = logger.child({ jobId: job.id, ...job.data });
      log.info("sync job started");
      const summary = await runSync({
        db,
        type: job.data.type,
        marketplace: job.data.marketplaceId,
        trigger: job.data.trigger,
        pageSize: job.data.pageSize,
        daysBack: job.data.daysBack,
        push: false,
        adapterOptions: options.adapterOptions,
      });
      await enqueuePush(boss);
      log.info({ runs: summary.runs.map((r) => `${r.type}:${r.status}`) }, "sync job finished");
      // A fatal run fails the job: pg-boss retries it after a back-off.
      if (summary.fatal) {
        throw new Error(
          summary.runs
            .map((r) => r.message)
            .filter(Boolean)
            .join("; "),
        );
      }
      return { runs: summary.runs.map((r) => ({ runId: r.runId, status: r.status })) };
    });
  }
  await boss.work(PUSH_QUEUE, polling, async () => {
    const summary = await drainPushOutbox(db, { adapterOptions: options.adapterOptions });
    logger.info(summary, "push job finished");
    return summary;
  });
  for (const entry of syncSchedule) {
    await boss.work(tickQueue(entry.type), polling, async () => {
      const marketplaces = await resolveMarketplaces(db, undefined);
      await enqueueSync(boss, {
        type: entry.type,
        marketplaceIds: marketplaces.map((m) => m.id),
        trigger: "queue",
      });
    });
  }
  // Webhook deliveries: the order re-read and upserted, the other channels pushed at once.
  // pg-boss waits its polling interval after every fetch, even a full one: one job a fetch
  // would queue a shop sale's deliveries (level, create, paid) half a second apart each, and a
  // burst's for seconds. So every waiting delivery is fetched at once, one order's in turn.
  await boss.work<WebhookJobData>(
    WEBHOOK_QUEUE,
    { pollingIntervalSeconds: 0.5, batchSize: WEBHOOK_BATCH_SIZE },
    async (jobs) => {
      await runInTurnByKey(
        jobs,
        (job) => job.data.key ?? `delivery:${job.data.deliveryRowId}`,
        // One delivery's failure (its row stays unprocessed: the `modified` poll reconciles)
        // never keeps the batch's others, or the same order's later ones, from running.
        async (job) => {
          try {
            const result = await processWebhookDelivery(db, job.data.deliveryRowId, {
              adapterOptions: options.adapterOptions,
            });
            logger.info({ jobId: job.id, ...result }, "webhook job finished");
          } catch (error) {
            logger.error({ err: error, jobId: job.id, ...job.data }, "webhook job failed");
          }
        },
      );
    },
  );
  // Alerts every minute: a failing evaluation or channel is logged, never fails the job.
  await boss.work(ALERTS_QUEUE, polling, async () => {
    await alertTick(db);
  });
  if (options.schedule !== false) await installSchedule(boss);
  const poll = newOrderPollOf(options);
  const leader = poll
    ? startLeaderNewOrderLoop({
        db,
        intervalMs: poll.intervalMs,
        trigger: "queue",
        adapterOptions: options.adapterOptions,
        onPoll: poll.onPoll,
      })
    : undefined;
  return {
    leadsNewOrderLoop: () => leader?.leading() ?? false,
    stop: async () => leader?.stop(),
  };
}

function newOrderPollOf(options: WorkerOptions) {
  if (options.newOrderPoll !== undefined) return options.newOrderPoll;
  const seconds = env().NEW_ORDER_POLL_SECONDS;
  return options.schedule !== false && seconds > 0 ? { intervalMs: seconds * 1000 } : false;
}
