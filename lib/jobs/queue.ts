// Scale-out on PostgreSQL with pg-boss (already a dependency; jobs live in its own `pgboss`
// schema of the same database, so no extra service). Queue `stocklock-sync` uses the
// "stately" policy keyed by (marketplace, type): at most one job of a pair waits and one runs,
// whatever the number of workers. After a sync job, a `stocklock-push` job drains the outbox.
// Per-type tick queues carry the seed schedule: pg-boss fires each cron once across workers.
import PgBoss from "pg-boss";
import type { SyncTrigger } from "@/lib/domain/enums";
import { logger } from "@/lib/log";
import type { RequestedSyncType } from "@/lib/sync/options";
import { alertsCron } from "./alerts";
import { ALERTS_QUEUE, PUSH_QUEUE, SYNC_QUEUE, tickQueue, WEBHOOK_QUEUE } from "./queue-names";
import { syncSchedule } from "./schedule";

export { ALERTS_QUEUE, PUSH_QUEUE, SYNC_QUEUE, tickQueue, WEBHOOK_QUEUE };

export interface SyncJobData {
  type: Exclude<RequestedSyncType, "all"> | "all";
  marketplaceId: number;
  trigger: SyncTrigger;
  pageSize?: number;
  daysBack?: number;
}

/** A stored webhook delivery to process; `key` names its order (or inventory item). */
export interface WebhookJobData {
  deliveryRowId: number;
  key?: string;
}

/** Webhook jobs a worker fetches at once (pg-boss waits its polling interval between fetches). */
export const WEBHOOK_BATCH_SIZE = 20;

export interface StartBossOptions {
  /** Run pg-boss's cron monitor and maintenance (workers); web processes only send. */
  worker?: boolean;
  max?: number;
}

/** Starts pg-boss on the database (creating its schema on first use) with our queues. */
export async function startBoss(url: string, options: StartBossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    application_name: options.worker ? "stocklock-worker" : "stocklock-queue",
    max: options.max ?? (options.worker ? 4 : 2),
    schedule: options.worker ?? false,
    supervise: options.worker ?? false,
  });
  boss.on("error", (error) => logger.error({ err: error }, "queue error"));
  await boss.start();
  await boss.createQueue(SYNC_QUEUE, {
    name: SYNC_QUEUE,
    policy: "stately",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
  });
  await boss.createQueue(PUSH_QUEUE, {
    name: PUSH_QUEUE,
    policy: "stately",
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
  });
  for (const entry of syncSchedule) {
    await boss.createQueue(tickQueue(entry.type), { name: tickQueue(entry.type), policy: "short" });
  }
  await boss.createQueue(ALERTS_QUEUE, { name: ALERTS_QUEUE, policy: "short" });
  // One job per stored delivery; processing claims the row, so a retry would find it done.
  await boss.createQueue(WEBHOOK_QUEUE, {
    name: WEBHOOK_QUEUE,
    policy: "standard",
    retryLimit: 0,
    expireInSeconds: 5 * 60,
  });
  return boss;
}

export interface EnqueuedJob {
  marketplaceId: number;
  type: SyncJobData["type"];
  /** Null when a job of the pair was already waiting (stately queue: it will run). */
  jobId: string | null;
}

/** One job per marketplace; a pair already waiting is not queued twice. */
export async function enqueueSync(
  boss: PgBoss,
  request: Omit<SyncJobData, "marketplaceId"> & { marketplaceIds: number[] },
): Promise<EnqueuedJob[]> {
  const { marketplaceIds, ...data } = request;
  return Promise.all(
    marketplaceIds.map(async (marketplaceId) => ({
      marketplaceId,
      type: data.type,
      jobId: await boss.send(
        SYNC_QUEUE,
        { ...data, marketplaceId },
        { singletonKey: `${marketplaceId}:${data.type}` },
      ),
    })),
  );
}

export async function enqueuePush(boss: PgBoss): Promise<string | null> {
  return boss.send(PUSH_QUEUE, {}, { singletonKey: "push" });
}

/** Puts the seed schedule into pg-boss (idempotent: a schedule is keyed by its queue). */
export async function installSchedule(boss: PgBoss): Promise<void> {
  for (const entry of syncSchedule) {
    await boss.schedule(tickQueue(entry.type), entry.cron, { type: entry.type }, { tz: "UTC" });
  }
  await boss.schedule(ALERTS_QUEUE, alertsCron, {}, { tz: "UTC" });
}

// The web process's sender: one pg-boss per process (kept on globalThis across dev reloads).
const globalForBoss = globalThis as unknown as { __stocklockBoss?: Promise<PgBoss> };

export function getSenderBoss(url: string): Promise<PgBoss> {
  if (!globalForBoss.__stocklockBoss) {
    const starting = startBoss(url);
    starting.catch(() => {
      globalForBoss.__stocklockBoss = undefined;
    });
    globalForBoss.__stocklockBoss = starting;
  }
  return globalForBoss.__stocklockBoss;
}

export async function stopSenderBoss(): Promise<void> {
  const starting = globalForBoss.__stocklockBoss;
  globalForBoss.__stocklockBoss = undefined;
  if (starting) await (await starting).stop({ graceful: false, wait: true });
}
