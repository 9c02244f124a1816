// What one run of one sync type for one marketplace works with.
import type { Database, Transaction } from "@/db/client";
import type { marketplaces } from "@/db/schema";
import type { EventBus } from "@/lib/domain/events";
import type { Logger } from "@/lib/log";
import type { MarketplaceAdapter } from "@/lib/marketplaces/adapter";
import type { RunRecorder } from "./runs";

export type MarketplaceRow = typeof marketplaces.$inferSelect;

/**
 * Orders imported side by side, each in its own transaction (the pool has 10 connections; the
 * run lock has a connection of its own). Stock rows are locked in a fixed order, so they do not
 * deadlock.
 */
export const ORDER_CONCURRENCY = 8;

/**
 * Fetched pages applied side by side, each in one transaction: the database works on one
 * page while the next is applied, without many transactions waiting on the same variations.
 */
export const PAGE_CONCURRENCY = 2;

/**
 * Listed orders written per transaction (two API pages at the default page size, or one page
 * when pages are larger): each transaction pays a fixed number of round trips and statements
 * whatever its size, so 100 orders cost about a fifth less per order than 50 (bench:locks).
 * A failed batch is retried order by order, so one bad order still costs only itself.
 */
export const ORDERS_PER_TRANSACTION = 100;

export function writeBatchSize(ctx: Pick<SyncContext, "pageSize">): number {
  return Math.max(ctx.pageSize, ORDERS_PER_TRANSACTION);
}

/** One order's fate in a run, for `-v` output and logs. */
export interface OrderOutcome {
  runId: number;
  marketplace: string;
  externalId: string;
  outcome: "created" | "updated" | "unchanged" | "failed" | "skipped";
  accepted?: number;
  message?: string;
}

export interface SyncContext {
  db: Database;
  adapter: MarketplaceAdapter;
  marketplace: MarketplaceRow;
  recorder: RunRecorder;
  /** Where upserted orders' events go (lib/runtime's bus: stock locks in the same transaction). */
  bus: EventBus<Transaction>;
  log: Logger;
  pageSize: number;
  daysBack: number;
  onOrder?: (outcome: OrderOutcome) => void;
  signal?: AbortSignal;
}

/** What a sync type reports back to the run besides its counts. */
export interface TypeResult {
  highWaterMark?: Date | null;
  message?: string | null;
}
