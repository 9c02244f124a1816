// runSync: the one entry point behind the CLI, the cron route, "sync now" and queue workers.
// For each marketplace asked for and each sync type (all = new, modified, care, incomplete),
// one run under the (marketplace, type) lock, recorded in sync_runs; then the push outbox.
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getDb } from "@/db/client";
import { marketplaces, type SyncType } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { logger as rootLogger } from "@/lib/log";
import type { MarketplaceAdapter } from "@/lib/marketplaces/adapter";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { errorMessage, isDatabaseUnreachable } from "./fatal";
import { type MarketplaceRef, type SyncRequestInput, syncRequestSchema } from "./options";
import { drainPushOutbox, type PushSummary } from "./push";
import { withRunLock } from "./run-lock";
import {
  abandonRunningRuns,
  emptyCounts,
  type RunCounts,
  type RunRecorder,
  recordSkippedRun,
  type SyncRun,
  startRun,
} from "./runs";
import { syncCareRecords } from "./sync-care";
import type { MarketplaceRow, OrderOutcome, SyncContext, TypeResult } from "./sync-context";
import { syncIncompleteOrders } from "./sync-incomplete";
import { syncModifiedOrders } from "./sync-modified";
import { syncNewOrders } from "./sync-new";
import { syncStockListings } from "./sync-stock";

type RunType = Exclude<SyncType, "all">;

const executors: Record<RunType, (ctx: SyncContext) => Promise<TypeResult>> = {
  new: syncNewOrders,
  modified: syncModifiedOrders,
  care: syncCareRecords,
  incomplete: syncIncompleteOrders,
  stock: syncStockListings,
};

export interface RunSummary {
  runId: number | null;
  marketplace: string;
  marketplaceId: number;
  type: RunType;
  status: SyncRun["status"];
  counts: RunCounts;
  durationMs: number;
  message: string | null;
  errors: SyncRun["errorDetails"];
}

export interface SyncSummary {
  runs: RunSummary[];
  push: PushSummary | null;
  /** A run failed (database unreachable, credentials refused, marketplace down). */
  fatal: boolean;
  /** 0: done (also when single orders failed or a run was skipped); 1: a fatal error. */
  exitCode: 0 | 1;
}

export type SyncProgressEvent =
  | { kind: "run-started"; runId: number; marketplace: string; type: RunType }
  | { kind: "progress"; recorder: RunRecorder; marketplace: string; type: RunType }
  | { kind: "order"; order: OrderOutcome }
  | { kind: "run-finished"; run: RunSummary };

export interface RunSyncOptions extends SyncRequestInput {
  onProgress?: (event: SyncProgressEvent) => void;
  /** Defaults to the process's database. */
  db?: Database;
  adapterOptions?: AdapterOptions;
  /** Drain the push outbox when the runs are done (queue mode pushes in its own job). */
  push?: boolean;
  signal?: AbortSignal;
}

/** The marketplaces a request names: one by id or code, or every active one. */
export async function resolveMarketplaces(
  db: Database,
  ref: MarketplaceRef | undefined,
): Promise<MarketplaceRow[]> {
  if (ref === undefined) {
    return db
      .select()
      .from(marketplaces)
      .where(eq(marketplaces.active, true))
      .orderBy(marketplaces.id);
  }
  const rows = await db
    .select()
    .from(marketplaces)
    .where(typeof ref === "number" ? eq(marketplaces.id, ref) : eq(marketplaces.code, ref));
  if (rows.length === 0) throw new AppError("not_found", `No marketplace with id or code "${ref}"`);
  return rows;
}

export function runTypesFor(type: SyncType): RunType[] {
  return type === "all" ? ["new", "modified", "care", "incomplete"] : [type];
}

export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const request = syncRequestSchema.parse(options);
  const db = options.db ?? (await getDb());
  const targets = await resolveMarketplaces(db, request.marketplace);
  const types = runTypesFor(request.type);
  // Marketplaces are independent: they run side by side; types of one marketplace in order.
  const perMarketplace = await Promise.all(
    targets.map(async (marketplace) => {
      const runs: RunSummary[] = [];
      for (const type of types) {
        runs.push(await runOne(db, marketplace, type, request, options));
      }
      return runs;
    }),
  );
  const runs = perMarketplace.flat();
  let push: PushSummary | null = null;
  const fatal = runs.some((run) => run.status === "failed");
  if (options.push !== false && !runs.some((run) => isDatabaseDown(run))) {
    push = await drainPushOutbox(db, {
      adapterOptions: options.adapterOptions,
      signal: options.signal,
    });
  }
  return { runs, push, fatal, exitCode: fatal ? 1 : 0 };
}

function isDatabaseDown(run: RunSummary): boolean {
  return run.status === "failed" && run.runId === null;
}

async function runOne(
  db: Database,
  marketplace: MarketplaceRow,
  type: RunType,
  request: ReturnType<typeof syncRequestSchema.parse>,
  options: RunSyncOptions,
): Promise<RunSummary> {
  const key = { type, marketplaceId: marketplace.id };
  const log = rootLogger.child({ marketplace: marketplace.code, syncType: type });
  try {
    const outcome = await withRunLock(db, key, async () => {
      await abandonRunningRuns(db, key);
      const recorder = await startRun(db, { ...key, trigger: request.trigger }, (changed) =>
        options.onProgress?.({
          kind: "progress",
          recorder: changed,
          marketplace: marketplace.code,
          type,
        }),
      );
      const runLog = log.child({ runId: recorder.id });
      options.onProgress?.({
        kind: "run-started",
        runId: recorder.id,
        marketplace: marketplace.code,
        type,
      });
      runLog.info("sync run started");
      let finished: SyncRun;
      try {
        const adapter: MarketplaceAdapter = createAdapter(marketplace, {
          logger: runLog,
          ...options.adapterOptions,
        });
        const result = await executors[type]({
          db,
          adapter,
          marketplace,
          recorder,
          log: runLog,
          pageSize: request.pageSize,
          daysBack: request.daysBack,
          signal: options.signal,
          onOrder: (order) => options.onProgress?.({ kind: "order", order }),
        });
        finished = await recorder.finish(result);
      } catch (error) {
        runLog.error({ err: error }, "sync run failed");
        if (isDatabaseUnreachable(error)) throw error;
        finished = await recorder.finish({ status: "failed", message: errorMessage(error) });
      }
      runLog.info(
        { status: finished.status, durationMs: finished.durationMs, errors: finished.errors },
        "sync run finished",
      );
      return finished;
    });
    const row = outcome.acquired
      ? outcome.value
      : await recordSkippedRun(
          db,
          { ...key, trigger: request.trigger },
          `another ${type} sync of ${marketplace.code} is running`,
        );
    if (!outcome.acquired) log.info("sync run skipped: another run holds the lock");
    const summary = toSummary(row, marketplace);
    options.onProgress?.({ kind: "run-finished", run: summary });
    return summary;
  } catch (error) {
    // The database itself failed: nothing more can be recorded there.
    log.error({ err: error }, "sync run failed: database unreachable");
    const summary: RunSummary = {
      runId: null,
      marketplace: marketplace.code,
      marketplaceId: marketplace.id,
      type,
      status: "failed",
      counts: emptyCounts(),
      durationMs: 0,
      message: `database unreachable: ${errorMessage(error)}`,
      errors: [],
    };
    options.onProgress?.({ kind: "run-finished", run: summary });
    return summary;
  }
}

function toSummary(row: SyncRun, marketplace: MarketplaceRow): RunSummary {
  return {
    runId: row.id,
    marketplace: marketplace.code,
    marketplaceId: marketplace.id,
    type: row.type as RunType,
    status: row.status,
    counts: {
      fetched: row.fetched,
      created: row.created,
      updated: row.updated,
      events: row.events,
      locks: row.locks,
      accepted: row.accepted,
      skipped: row.skipped,
      errors: row.errors,
    },
    durationMs: row.durationMs ?? 0,
    message: row.message,
    errors: row.errorDetails,
  };
}
