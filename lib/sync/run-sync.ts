// runSync: the one entry point behind the CLI, the cron route, "sync now" and queue workers.
// For each marketplace asked for and each sync type (all = new, modified, care, incomplete),
// one run under the (marketplace, type) lock, recorded in sync_runs; then the push outbox.
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { getDb } from "@/db/client";
import { marketplaces, type SyncType } from "@/db/schema";
import type { EventBus } from "@/lib/domain/events";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AdapterOptions } from "@/lib/marketplaces/factory";
import { drainPushOutbox, type PushSummary } from "@/lib/push/drain";
import { forEachConcurrent } from "./concurrent";
import { type MarketplaceRef, type SyncRequestInput, syncRequestSchema } from "./options";
import { runOne } from "./run-one";
import type { RunCounts, RunRecorder, SyncRun } from "./runs";
import type { MarketplaceRow, OrderOutcome } from "./sync-context";

export type RunType = Exclude<SyncType, "all">;

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
  /** Where upserted orders' events go: lib/runtime's bus (stock handlers subscribed). */
  bus: EventBus<Transaction>;
  adapterOptions?: AdapterOptions;
  /** Drain the push outbox when the runs are done (queue mode pushes in its own job). */
  push?: boolean;
  signal?: AbortSignal;
  /** Each run's deadline; defaults to SYNC_RUN_DEADLINE_SECONDS. */
  deadlineMs?: number;
  /** Marketplaces run at once; defaults to SYNC_MARKETPLACE_CONCURRENCY. */
  marketplaceConcurrency?: number;
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
  // Marketplaces are independent: a bounded number run side by side (each holds a lock
  // connection and shares the pool with the app); the types of one marketplace run in order.
  const concurrency = options.marketplaceConcurrency ?? env().SYNC_MARKETPLACE_CONCURRENCY;
  const perMarketplace: RunSummary[][] = targets.map(() => []);
  await forEachConcurrent(targets.entries(), concurrency, async ([index, marketplace]) => {
    for (const type of types) {
      perMarketplace[index]?.push(await runOne({ db, marketplace, type, request, options }));
    }
  });
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
