import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { marketplaces, type SyncRunError, type SyncRunProgress, syncRuns } from "@/db/schema";
import type { SyncStatus, SyncTrigger, SyncType } from "@/db/schema/enums";
import { SYNC_QUEUE } from "@/lib/jobs/queue-names";
import type { ListValues } from "@/lib/lists/define";
import type { syncRunList } from "@/lib/lists/sync-runs";
import type { RunCounts } from "@/lib/sync/runs";
import {
  batchesOf,
  buildOrderBy,
  buildWhere,
  type ListFilterSql,
  type ListSortSql,
  pageOffset,
} from "./table-query";

export type SyncRunSearch = ListValues<typeof syncRunList>;

export interface SyncRunRow extends RunCounts {
  id: number;
  type: SyncType;
  marketplaceId: number | null;
  marketplaceCode: string | null;
  trigger: SyncTrigger;
  status: SyncStatus;
  errorDetails: SyncRunError[];
  progress: SyncRunProgress | null;
  message: string | null;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Fast `new` polls that found nothing new since this run, and when the latest answered. */
  emptyPolls: number;
  lastPolledAt: Date | null;
}

export interface SyncRunPage {
  rows: SyncRunRow[];
  total: number;
  /** Whether any run (in or out of this filter) is still running: the page then refreshes. */
  running: number;
  /** Sync jobs waiting in the queue for a worker (PostgreSQL with workers; else 0). */
  queued: number;
}

const filterDefs: ListFilterSql<typeof syncRunList> = {
  marketplace: { kind: "in", expr: syncRuns.marketplaceId },
  type: { kind: "in", expr: syncRuns.type },
  status: { kind: "in", expr: syncRuns.status },
  trigger: { kind: "in", expr: syncRuns.trigger },
  from: { kind: "from", expr: syncRuns.startedAt },
  to: { kind: "to", expr: syncRuns.startedAt },
};

const sortable: ListSortSql<typeof syncRunList> = {
  startedAt: syncRuns.startedAt,
  durationMs: syncRuns.durationMs,
  errors: syncRuns.errors,
  fetched: syncRuns.fetched,
};

function selectRuns(db: Executor, search: SyncRunSearch, limit: number, offset: number) {
  return db
    .select({
      id: syncRuns.id,
      type: syncRuns.type,
      marketplaceId: syncRuns.marketplaceId,
      marketplaceCode: marketplaces.code,
      trigger: syncRuns.trigger,
      status: syncRuns.status,
      fetched: syncRuns.fetched,
      created: syncRuns.created,
      updated: syncRuns.updated,
      events: syncRuns.events,
      locks: syncRuns.locks,
      accepted: syncRuns.accepted,
      skipped: syncRuns.skipped,
      errors: syncRuns.errors,
      errorDetails: syncRuns.errorDetails,
      progress: syncRuns.progress,
      message: syncRuns.message,
      startedAt: syncRuns.startedAt,
      heartbeatAt: syncRuns.heartbeatAt,
      finishedAt: syncRuns.finishedAt,
      durationMs: syncRuns.durationMs,
      emptyPolls: syncRuns.emptyPolls,
      lastPolledAt: syncRuns.lastPolledAt,
    })
    .from(syncRuns)
    .leftJoin(marketplaces, eq(marketplaces.id, syncRuns.marketplaceId))
    .where(buildWhere(filterDefs, search))
    .orderBy(...buildOrderBy(sortable, search.sort, syncRuns.id))
    .limit(limit)
    .offset(offset);
}

export async function listSyncRuns(db: Executor, search: SyncRunSearch): Promise<SyncRunPage> {
  const [rows, [totals], [running], queued] = await Promise.all([
    selectRuns(db, search, search.perPage, pageOffset(search.page, search.perPage)),
    db.select({ total: count() }).from(syncRuns).where(buildWhere(filterDefs, search)),
    db.select({ n: count() }).from(syncRuns).where(eq(syncRuns.status, "running")),
    queuedSyncJobs(db),
  ]);
  return { rows, total: totals?.total ?? 0, running: running?.n ?? 0, queued };
}

/**
 * Sync jobs that wait for a worker ("sync now" and the cron enqueue on PostgreSQL; a run row
 * appears only once a worker takes the job). 0 where the queue was never started.
 */
export async function queuedSyncJobs(db: Executor): Promise<number> {
  const [schema] = await queryRows<{ exists: boolean }>(
    db,
    sql`select to_regclass('pgboss.job') is not null as exists`,
  );
  if (!schema?.exists) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pgboss.job
        where name = ${SYNC_QUEUE} and state in ('created', 'retry')`,
  );
  return row?.n ?? 0;
}

export function iterateSyncRuns(db: Executor, search: SyncRunSearch): AsyncGenerator<SyncRunRow[]> {
  return batchesOf((limit, offset) => selectRuns(db, search, limit, offset));
}

export interface SyncDay {
  day: string;
  orders: number;
  errors: number;
  runs: number;
}

/** Orders synced (created + updated) and errors per day, the last `days` days, gaps filled. */
export async function syncActivityByDay(db: Executor, days = 30): Promise<SyncDay[]> {
  return queryRows<SyncDay & Record<string, unknown>>(
    db,
    sql`select to_char(d.day, 'YYYY-MM-DD') as day,
               coalesce(sum(r.created + r.updated), 0)::int as orders,
               coalesce(sum(r.errors), 0)::int as errors,
               count(r.id)::int as runs
        from generate_series(date_trunc('day', now()) - (${days - 1} * interval '1 day'),
                             date_trunc('day', now()), interval '1 day') as d(day)
        left join sync_runs r on r.started_at >= d.day and r.started_at < d.day + interval '1 day'
        group by d.day order by d.day`,
  );
}
