// Primitives for the marketplace push that drains the outbox after commit (a later issue):
// which (variation, marketplace) pairs are due, with the quantity to publish, and how to
// settle each one. A pair re-queued while its push was in flight stays due.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";

export interface DuePush {
  variationId: number;
  marketplaceId: number;
  sku: string;
  externalListingId: string | null;
  externalSku: string | null;
  onHand: number;
  lockedQuantity: number;
  buffer: number;
  /** max(0, on_hand − Σ active locks − buffer), computed now. */
  publishable: number;
  lastPushedQuantity: number | null;
  attempts: number;
  /** Opaque token of the queued change; hand it back to markPushed. */
  enqueuedAt: string;
}

export async function listDuePushes(
  executor: Executor,
  options: { limit?: number; variationIds?: number[]; marketplaceId?: number } = {},
): Promise<DuePush[]> {
  const conditions = [sql`q.next_attempt_at <= now()`];
  if (options.variationIds) {
    const ids = options.variationIds.map(Number).join(",");
    conditions.push(sql`q.variation_id = any(${`{${ids}}`}::int[])`);
  }
  if (options.marketplaceId !== undefined) {
    conditions.push(sql`q.marketplace_id = ${options.marketplaceId}`);
  }
  const rows = await queryRows<{
    variation_id: number;
    marketplace_id: number;
    sku: string;
    external_listing_id: string | null;
    external_sku: string | null;
    on_hand: number;
    locked_quantity: number;
    buffer: number;
    last_pushed_quantity: number | null;
    attempts: number;
    enqueued_at: string;
  }>(
    executor,
    sql`select q.variation_id, q.marketplace_id, v.sku, ms.external_listing_id, ms.external_sku,
          v.on_hand, v.locked_quantity, coalesce(ms.buffer, 0) as buffer,
          ms.last_pushed_quantity, q.attempts, q.enqueued_at::text as enqueued_at
        from stock_push_outbox q
        join variations v on v.id = q.variation_id
        left join marketplace_stock ms
          on ms.variation_id = q.variation_id and ms.marketplace_id = q.marketplace_id
        where ${sql.join(conditions, sql` and `)}
        order by q.next_attempt_at, q.id
        limit ${options.limit ?? 100}`,
  );
  return rows.map((row) => ({
    variationId: row.variation_id,
    marketplaceId: row.marketplace_id,
    sku: row.sku,
    externalListingId: row.external_listing_id,
    externalSku: row.external_sku,
    onHand: row.on_hand,
    lockedQuantity: row.locked_quantity,
    buffer: row.buffer,
    publishable: Math.max(0, row.on_hand - row.locked_quantity - row.buffer),
    lastPushedQuantity: row.last_pushed_quantity,
    attempts: row.attempts,
    enqueuedAt: row.enqueued_at,
  }));
}

/**
 * Records a successful push of `quantity`; the outbox row goes away unless the pair was
 * queued again after `enqueuedAt` (then it stays due and is pushed once more).
 * Returns whether the row was removed.
 */
export async function markPushed(
  executor: Executor,
  push: { variationId: number; marketplaceId: number; quantity: number; enqueuedAt: string },
): Promise<boolean> {
  const rows = await queryRows<{ removed: boolean }>(
    executor,
    sql`with pushed as (
          update marketplace_stock set last_pushed_quantity = ${push.quantity},
            last_pushed_at = now()
          where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}
          returning id
        ),
        removed as (
          delete from stock_push_outbox
          where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}
            and enqueued_at = ${push.enqueuedAt}::timestamptz
          returning id
        )
        select exists (select 1 from removed) as removed, (select count(*) from pushed) as n`,
  );
  return rows[0]?.removed ?? false;
}

/** Records a failed push: one more attempt, the error, and when to try again. */
export async function markPushFailed(
  executor: Executor,
  push: { variationId: number; marketplaceId: number; error: string; retryAt: Date },
): Promise<void> {
  await executor.execute(
    sql`update stock_push_outbox set attempts = attempts + 1, last_error = ${push.error},
          next_attempt_at = ${push.retryAt.toISOString()}::timestamptz
        where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}`,
  );
}
