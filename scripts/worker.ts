// npm run worker — the queue worker for self-hosting: processes sync and push jobs (start as
// many as you like, on as many machines) and runs the seed schedule (pg-boss fires each cron
// once across all workers). Needs DATABASE_URL (PostgreSQL).
import { closeDb, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { startBoss } from "@/lib/jobs/queue";
import { startSyncWorker } from "@/lib/jobs/queue-worker";
import { logger } from "@/lib/log";

async function main(): Promise<void> {
  const { DATABASE_URL } = env();
  if (!DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database syncs run " +
        "inside the app process (npm run dev / npm start) instead.",
    );
    process.exit(2);
  }
  const db = await getDb();
  const boss = await startBoss(DATABASE_URL, { worker: true });
  const worker = await startSyncWorker(boss, {
    db,
    concurrency: env().WORKER_CONCURRENCY,
  });
  logger.info("worker started: processing sync jobs and running the schedule");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping: finishing the jobs in hand");
    await worker.stop();
    await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch(async (error: unknown) => {
  console.error(`worker failed: ${error instanceof Error ? error.message : String(error)}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
