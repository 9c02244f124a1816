// "Sync now" and the cron route: enqueue on PostgreSQL (workers run it), or run in this
// process on the embedded database (and on Vercel, where no worker runs).
import { getDatabaseHandle } from "@/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { drainPushOutbox, resolveMarketplaces, runSync, type SyncSummary } from "@/lib/runtime";
import { type SyncRequestInput, syncRequestSchema } from "@/lib/sync/options";
import { type EnqueuedJob, enqueuePush, enqueueSync, getSenderBoss } from "./queue";

export type SyncExecution = "queue" | "inline";

export type RequestSyncResult =
  | { mode: "queued"; jobs: EnqueuedJob[] }
  | { mode: "inline"; summary: SyncSummary }
  | { mode: "inline"; started: true; runIds: number[] };

/** Syncs and pushes started in this process without waiting, until they settle. */
const inFlight = new Set<Promise<unknown>>();

/** Resolves when every sync or push this process started without waiting has finished. */
export async function inlineSyncsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/** How requested syncs run in this process. */
export function syncExecution(kind: "postgres" | "pglite"): SyncExecution {
  const { SYNC_EXECUTION } = env();
  if (SYNC_EXECUTION !== "auto") return SYNC_EXECUTION;
  if (kind === "pglite" || env().VERCEL) return "inline";
  return "queue";
}

/**
 * Starts a sync as the deployment runs them. `wait: false` (the dashboard button) returns as
 * soon as the run is under way; the /sync page shows its progress from sync_runs.
 */
export async function requestSync(
  input: SyncRequestInput & { wait?: boolean },
): Promise<RequestSyncResult> {
  const request = syncRequestSchema.parse(input);
  const handle = await getDatabaseHandle();
  const marketplaces = await resolveMarketplaces(handle.db, request.marketplace);
  // An admin deactivated it: staff may not call it anyway (every-marketplace requests already
  // list active ones only).
  const inactive = marketplaces.find((marketplace) => !marketplace.active);
  if (inactive) {
    throw new AppError(
      "conflict",
      `Marketplace ${inactive.code} is inactive: an admin must activate it before it is synced.`,
    );
  }
  if (syncExecution(handle.kind) === "queue") {
    const { DATABASE_URL } = env();
    if (!DATABASE_URL) throw new Error("queue mode needs DATABASE_URL");
    const boss = await getSenderBoss(DATABASE_URL);
    const jobs = await enqueueSync(boss, {
      type: request.type,
      marketplaceIds: marketplaces.map((m) => m.id),
      trigger: request.trigger,
      pageSize: request.pageSize,
      daysBack: request.daysBack,
    });
    return { mode: "queued", jobs };
  }
  if (input.wait) return { mode: "inline", summary: await runSync({ ...request, db: handle.db }) };
  // Return once every marketplace's first run has its sync_runs row (running, or skipped when
  // another run holds the lock): the page that asked then shows it and follows its progress.
  const runIds: number[] = [];
  const seen = new Set<string>();
  let allStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    allStarted = resolve;
  });
  const running = runSync({
    ...request,
    db: handle.db,
    onProgress: (event) => {
      if (event.kind !== "run-started" && event.kind !== "run-finished") return;
      const runId = event.kind === "run-started" ? event.runId : event.run.runId;
      if (runId !== null && !runIds.includes(runId)) runIds.push(runId);
      seen.add(event.kind === "run-started" ? event.marketplace : event.run.marketplace);
      if (seen.size >= marketplaces.length) allStarted();
    },
  });
  const settled = running
    .catch((error: unknown) => logger.error({ err: error }, "requested sync failed"))
    .finally(() => inFlight.delete(settled));
  inFlight.add(settled);
  await Promise.race([started, running]);
  return { mode: "inline", started: true, runIds: [...runIds] };
}

/**
 * After a stock change outside a sync (a lock released by hand): pushes the new publishable
 * quantities as the deployment runs pushes, without waiting for the marketplaces. The outbox
 * is durable: whatever this does not finish, the next sync's drain does.
 */
export async function requestPush(): Promise<"queued" | "started"> {
  const handle = await getDatabaseHandle();
  if (syncExecution(handle.kind) === "queue") {
    const { DATABASE_URL } = env();
    if (!DATABASE_URL) throw new Error("queue mode needs DATABASE_URL");
    await enqueuePush(await getSenderBoss(DATABASE_URL));
    return "queued";
  }
  const settled = drainPushOutbox(handle.db)
    .catch((error: unknown) => logger.error({ err: error }, "requested push failed"))
    .finally(() => inFlight.delete(settled));
  inFlight.add(settled);
  return "started";
}
