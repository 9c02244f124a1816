import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  marketplaces,
  marketplaceStock as ms,
  type PushStatus,
  stockPushes,
  variations,
} from "@/db/schema";
import { type PushState, pushStateSql } from "./listing";

/** How many attempts a listing's push history shows. */
export const PUSH_HISTORY_LIMIT = 50;

export interface PushHistoryListing {
  id: number;
  marketplaceId: number;
  marketplaceCode: string;
  variationId: number;
  sku: string;
  name: string;
  lastPushedQuantity: number | null;
  pushState: PushState;
  pushPendingSince: Date | null;
  pushAttempts: number;
  pushLastError: string | null;
}

export interface PushAttemptRow {
  id: number;
  attemptedAt: Date;
  quantity: number;
  status: PushStatus;
  httpStatus: number | null;
  error: string | null;
  durationMs: number | null;
}

export interface ListingPushHistory {
  listing: PushHistoryListing;
  /** The latest attempts first (at most PUSH_HISTORY_LIMIT). */
  attempts: PushAttemptRow[];
}

/** A listing (marketplace_stock.id) and its latest push attempts; null when no such listing. */
export async function getListingPushHistory(
  db: Executor,
  listingId: number,
  limit = PUSH_HISTORY_LIMIT,
): Promise<ListingPushHistory | null> {
  const [listing] = await db
    .select({
      id: ms.id,
      marketplaceId: ms.marketplaceId,
      marketplaceCode: marketplaces.code,
      variationId: ms.variationId,
      sku: variations.sku,
      name: variations.name,
      lastPushedQuantity: ms.lastPushedQuantity,
      pushState: pushStateSql,
      pushPendingSince: ms.pushPendingSince,
      pushAttempts: ms.pushAttempts,
      pushLastError: ms.pushLastError,
    })
    .from(ms)
    .innerJoin(variations, eq(variations.id, ms.variationId))
    .innerJoin(marketplaces, eq(marketplaces.id, ms.marketplaceId))
    .where(eq(ms.id, listingId));
  if (!listing) return null;
  const attempts = await db
    .select({
      id: stockPushes.id,
      attemptedAt: stockPushes.attemptedAt,
      quantity: stockPushes.quantity,
      status: stockPushes.status,
      httpStatus: stockPushes.httpStatus,
      error: stockPushes.error,
      durationMs: stockPushes.durationMs,
    })
    .from(stockPushes)
    .where(
      sql`${stockPushes.marketplaceId} = ${listing.marketplaceId}
        and ${stockPushes.variationId} = ${listing.variationId}`,
    )
    .orderBy(desc(stockPushes.attemptedAt), desc(stockPushes.id))
    .limit(limit);
  return { listing, attempts };
}
