// The push outbox lives on the listings (marketplace_stock): a listing with
// push_pending_since set needs its publishable quantity pushed. These are the primitives of
// the drains that empty it after commit, any number of them at once (app instances, workers,
// syncs): claim due listings, then record what was sent.
//
// A claim (push_claimed_until, push_claim_token) gives one drain a listing for a lease: no
// other drain sends it meanwhile, so the marketplace receives one listing's quantities in the
// order they are recorded. A push settles its listing only if its claim is still the current
// one and what it sent is still publishable; otherwise the listing stays (or becomes) due.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import { marketplaceStock, variations } from "@/db/schema";
import { alias, bare, source } from "@/db/sql-names";
import {
  availableQuantity,
  type ListingRules,
  publishableQuantity,
} from "@/lib/domain/publishable";
import { intArray } from "@/lib/stock/variation-locks";

const ms = alias(marketplaceStock, "ms");
const v = alias(variations, "v");

/**
 * How long a claim keeps other drains off a listing. A drain that dies frees its listings
 * when their leases end; a live one must finish each send well within it (see drain.ts).
 */
export const PUSH_CLAIM_LEASE_MS = 5 * 60_000;

export interface DuePush {
  /** marketplace_stock.id */
  listingId: number;
  variationId: number;
  marketplaceId: number;
  sku: string;
  externalListingId: string | null;
  externalSku: string | null;
  onHand: number;
  lockedQuantity: number;
  rules: ListingRules;
  /** publishableQuantity (lib/domain/publishable.ts), computed at the claim. */
  publishable: number;
  lastPushedQuantity: number | null;
  attempts: number;
  /** Proof of the claim: recording the push compares it with the listing's current token. */
  claimToken: string;
}

export interface ClaimOptions {
  limit?: number;
  variationIds?: number[];
  marketplaceId?: number;
  /** Listings this drain will not take again (it pushed them often enough this time). */
  skipListingIds?: number[];
  leaseMs?: number;
}

/**
 * Claims up to `limit` due listings that no live claim holds. SKIP LOCKED lets drains side
 * by side take different listings instead of queueing behind one another (or behind a lock
 * change holding a listing row); the skipped ones are due again for the next claim.
 */
export async function claimDuePushes(
  executor: Executor,
  options: ClaimOptions = {},
): Promise<DuePush[]> {
  const conditions = [
    sql`${ms.pushPendingSince} is not null`,
    sql`${ms.pushNextAttemptAt} <= now()`,
    sql`(${ms.pushClaimedUntil} is null or ${ms.pushClaimedUntil} <= now())`,
  ];
  if (options.variationIds) {
    conditions.push(sql`${ms.variationId} = any(${intArray(options.variationIds)})`);
  }
  if (options.marketplaceId !== undefined) {
    conditions.push(sql`${ms.marketplaceId} = ${options.marketplaceId}`);
  }
  if (options.skipListingIds && options.skipListingIds.length > 0) {
    conditions.push(sql`${ms.id} <> all(${intArray(options.skipListingIds)})`);
  }
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? PUSH_CLAIM_LEASE_MS;
  const rows = await queryRows<ClaimedRow>(
    executor,
    sql`with due as (
          select ${ms.id} from ${source(ms)}
          where ${sql.join(conditions, sql` and `)}
          order by ${ms.pushNextAttemptAt}, ${ms.id}
          limit ${options.limit ?? 100}
          for update of ${ms} skip locked
        )
        update ${source(ms)} set
          ${bare(ms.pushClaimedUntil)} = now() + make_interval(secs => ${leaseMs / 1000}),
          ${bare(ms.pushClaimToken)} = ${token}
        from due, ${source(v)}
        where ${ms.id} = due.id and ${v.id} = ${ms.variationId}
        returning ${ms.id}, ${ms.variationId}, ${ms.marketplaceId}, ${v.sku},
          ${ms.externalListingId}, ${ms.externalSku}, ${v.onHand}, ${v.lockedQuantity},
          ${ms.buffer}, ${ms.maxQuantity}, ${ms.sharePercent}, ${ms.zeroAtOrBelow},
          ${ms.lastPushedQuantity}, ${ms.pushAttempts}`,
  );
  return rows.map((row) => {
    const rules: ListingRules = {
      buffer: row.buffer,
      maxQuantity: row.max_quantity,
      sharePercent: row.share_percent,
      zeroAtOrBelow: row.zero_at_or_below,
    };
    return {
      listingId: row.id,
      variationId: row.variation_id,
      marketplaceId: row.marketplace_id,
      sku: row.sku,
      externalListingId: row.external_listing_id,
      externalSku: row.external_sku,
      onHand: row.on_hand,
      lockedQuantity: row.locked_quantity,
      rules,
      publishable: publishableQuantity(
        availableQuantity({ onHand: row.on_hand, lockedQuantity: row.locked_quantity }),
        rules,
      ),
      lastPushedQuantity: row.last_pushed_quantity,
      attempts: row.push_attempts,
      claimToken: token,
    };
  });
}

interface ClaimedRow extends Record<string, unknown> {
  id: number;
  variation_id: number;
  marketplace_id: number;
  sku: string;
  external_listing_id: string | null;
  external_sku: string | null;
  on_hand: number;
  locked_quantity: number;
  buffer: number;
  max_quantity: number | null;
  share_percent: number | null;
  zero_at_or_below: number | null;
  last_pushed_quantity: number | null;
  push_attempts: number;
}
