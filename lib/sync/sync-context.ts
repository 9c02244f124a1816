// What one run of one sync type for one marketplace works with.
import type { Database } from "@/db/client";
import type { marketplaces } from "@/db/schema";
import type { Logger } from "@/lib/log";
import type { MarketplaceAdapter } from "@/lib/marketplaces/adapter";
import type { RunRecorder } from "./runs";

export type MarketplaceRow = typeof marketplaces.$inferSelect;

/**
 * Orders imported side by side, each in its own transaction (the pool has 10 connections, one
 * of which holds the run lock). Stock rows are locked in a fixed order, so they do not deadlock.
 */
export const ORDER_CONCURRENCY = 8;

/**
 * Fetched pages applied side by side, each in one transaction: the database works on one
 * page while the next is applied, without many transactions waiting on the same variations.
 */
export const PAGE_CONCURRENCY = 2;

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
