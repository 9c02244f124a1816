import "server-only";
// The overview at `/`: what a person checks first in the morning. Every figure comes from the
// query that the page it links to uses (the same filters, the same rules), so a number here
// is the number found one click away.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { SyncStatus, SyncType } from "@/db/schema/enums";
import { lastSuccessfulSyncSql, marketplaceSilentSql } from "@/lib/alerts/conditions";
import { listOpenAlerts, type OpenAlert } from "@/lib/alerts/evaluate";
import { parseListParams } from "@/lib/lists/define";
import { orderList } from "@/lib/lists/orders";
import { lockList } from "@/lib/lists/stock-locks";
import { countFailingPushes, countPendingPushes } from "./listing";
import { countOrders } from "./orders";
import { countLocks, lockSummary } from "./stock-locks";

export interface MarketplaceSyncState {
  id: number;
  code: string;
  name: string;
  active: boolean;
  lastRun: {
    type: SyncType;
    status: SyncStatus;
    startedAt: Date;
    finishedAt: Date | null;
  } | null;
  /** When a sync of any type last succeeded (null: never). */
  lastSuccessAt: Date | null;
  /** No successful sync for the marketplace_silent threshold (the alert's own rule). */
  stale: boolean;
}

export interface Overview {
  alerts: OpenAlert[];
  /** Listings waiting for a push; `failing` of them have a failed attempt. */
  pushes: { pending: number; failing: number };
  stock: {
    activeLocks: number;
    unitsLocked: number;
    staleLocks: number;
    oversoldVariations: number;
    unmappedSkus: number;
    unmappedItems: number;
  };
  marketplaces: MarketplaceSyncState[];
  /** The current UTC day (what `from=` means on the lists it links to) and what it brought. */
  today: { day: string; orders: number; locks: number; lockedUnits: number };
}

export interface OverviewOptions {
  staleLockDays: number;
  marketplaceSilentMinutes: number;
  now?: Date;
}

/** The UTC day of `now` as YYYY-MM-DD: the lists' `from` parameter. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function getOverview(db: Executor, options: OverviewOptions): Promise<Overview> {
  const day = utcDay(options.now ?? new Date());
  const [alerts, pending, failing, summary, marketplaces, orders, locks] = await Promise.all([
    listOpenAlerts(db),
    countPendingPushes(db),
    countFailingPushes(db),
    lockSummary(db, options.staleLockDays),
    marketplaceSyncStates(db, options.marketplaceSilentMinutes),
    countOrders(db, parseListParams(orderList, { from: day }).values),
    countLocks(db, parseListParams(lockList, { from: day }).values, options.staleLockDays),
  ]);
  return {
    alerts,
    pushes: { pending, failing },
    stock: {
      activeLocks: summary.activeLocks,
      unitsLocked: summary.unitsLocked,
      staleLocks: summary.staleLocks,
      oversoldVariations: summary.oversoldVariations,
      unmappedSkus: summary.unmappedSkus,
      unmappedItems: summary.unmappedItems,
    },
    marketplaces,
    today: { day, orders, locks: locks.total, lockedUnits: locks.units },
  };
}

type SyncStateRow = {
  id: number;
  code: string;
  name: string;
  active: boolean;
  type: SyncType | null;
  status: SyncStatus | null;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  last_success_at: string | Date | null;
  stale: boolean;
};

const date = (value: string | Date | null): Date | null => (value ? new Date(value) : null);

/** Every marketplace, active first, with its latest run and its last successful sync. */
export async function marketplaceSyncStates(
  db: Executor,
  silentMinutes: number,
): Promise<MarketplaceSyncState[]> {
  const rows = await queryRows<SyncStateRow>(
    db,
    sql`select m.id, m.code, m.name, m.active, r.type, r.status, r.started_at, r.finished_at,
          ok.at as last_success_at,
          ${marketplaceSilentSql(
            { active: sql`m.active`, lastSuccessAt: sql`ok.at`, createdAt: sql`m.created_at` },
            silentMinutes,
          )} as stale
        from marketplaces m
        cross join lateral (select ${lastSuccessfulSyncSql(sql`m.id`)} as at) ok
        left join lateral (
          select type, status, started_at, finished_at from sync_runs
          where marketplace_id = m.id order by started_at desc limit 1
        ) r on true
        order by m.active desc, m.code`,
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    active: row.active,
    lastRun:
      row.type && row.status && row.started_at
        ? {
            type: row.type,
            status: row.status,
            startedAt: new Date(row.started_at),
            finishedAt: date(row.finished_at),
          }
        : null,
    lastSuccessAt: date(row.last_success_at),
    stale: row.stale,
  }));
}

/** Nothing needs a person: no open alert, no failing push, no oversold, unmapped or stale. */
export function isAllClear(overview: Overview): boolean {
  return (
    overview.alerts.length === 0 &&
    overview.pushes.failing === 0 &&
    overview.stock.oversoldVariations === 0 &&
    overview.stock.unmappedSkus === 0 &&
    overview.stock.staleLocks === 0 &&
    !overview.marketplaces.some((m) => m.stale)
  );
}
