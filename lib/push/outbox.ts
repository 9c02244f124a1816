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
import { availableQuantity, publishableQuantity } from "@/lib/stock/quantities";

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
  buffer: number;
  /** max(0, on_hand − Σ active locks − buffer), computed at the claim. */
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
    sql`ms.push_pending_since is not null`,
    sql`ms.push_next_attempt_at <= now()`,
    sql`(ms.push_claimed_until is null or ms.push_claimed_until <= now())`,
  ];
  if (options.variationIds) {
    conditions.push(sql`ms.variation_id = any(${intArray(options.variationIds)})`);
  }
  if (options.marketplaceId !== undefined) {
    conditions.push(sql`ms.marketplace_id = ${options.marketplaceId}`);
  }
  if (options.skipListingIds && options.skipListingIds.length > 0) {
    conditions.push(sql`ms.id <> all(${intArray(options.skipListingIds)})`);
  }
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? PUSH_CLAIM_LEASE_MS;
  const rows = await queryRows<ClaimedRow>(
    executor,
    sql`with due as (
          select ms.id from marketplace_stock ms
          where ${sql.join(conditions, sql` and `)}
          order by ms.push_next_attempt_at, ms.id
          limit ${options.limit ?? 100}
          for update of ms skip locked
        )
        update marketplace_stock ms set
          push_claimed_until = now() + make_interval(secs => ${leaseMs / 1000}),
          push_claim_token = ${token}
        from due, variations v
        where ms.id = due.id and v.id = ms.variation_id
        returning ms.id, ms.variation_id, ms.marketplace_id, v.sku, ms.external_listing_id,
          ms.external_sku, v.on_hand, v.locked_quantity, ms.buffer, ms.last_pushed_quantity,
          ms.push_attempts`,
  );
  return rows.map((row) => ({
    listingId: row.id,
    variationId: row.variation_id,
    marketplaceId: row.marketplace_id,
    sku: row.sku,
    externalListingId: row.external_listing_id,
    externalSku: row.external_sku,
    onHand: row.on_hand,
    lockedQuantity: row.locked_quantity,
    buffer: row.buffer,
    publishable: publishableQuantity(
      availableQuantity({ onHand: row.on_hand, lockedQuantity: row.locked_quantity }),
      row.buffer,
    ),
    lastPushedQuantity: row.last_pushed_quantity,
    attempts: row.push_attempts,
    claimToken: token,
  }));
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
  last_pushed_quantity: number | null;
  push_attempts: number;
}

function intArray(ids: number[]) {
  return sql`${`{${ids.map(Number).join(",")}}`}::int[]`;
}
