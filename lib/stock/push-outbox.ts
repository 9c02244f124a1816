// The push outbox lives on the listings (marketplace_stock): a listing with
// push_pending_since set needs its publishable quantity pushed. These are the primitives of
// the push that drains it after commit: which listings are due, with the quantity to
// publish, and how to settle each one. A push settles its listing only if what it sent is
// still the publishable quantity, so a lock change during the push leaves the listing due.
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
}

export async function listDuePushes(
  executor: Executor,
  options: { limit?: number; variationIds?: number[]; marketplaceId?: number } = {},
): Promise<DuePush[]> {
  const conditions = [
    sql`ms.push_pending_since is not null`,
    sql`ms.push_next_attempt_at <= now()`,
  ];
  if (options.variationIds) {
    const ids = options.variationIds.map(Number).join(",");
    conditions.push(sql`ms.variation_id = any(${`{${ids}}`}::int[])`);
  }
  if (options.marketplaceId !== undefined) {
    conditions.push(sql`ms.marketplace_id = ${options.marketplaceId}`);
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
    push_attempts: number;
  }>(
    executor,
    sql`select ms.variation_id, ms.marketplace_id, v.sku, ms.external_listing_id, ms.external_sku,
          v.on_hand, v.locked_quantity, ms.buffer, ms.last_pushed_quantity, ms.push_attempts
        from marketplace_stock ms
        join variations v on v.id = ms.variation_id
        where ${sql.join(conditions, sql` and `)}
        order by ms.push_next_attempt_at, ms.id
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
    attempts: row.push_attempts,
  }));
}

/**
 * Records a successful push of `quantity`; the listing's pending push is settled if that is
 * still the publishable quantity (else the stock moved while the push was under way, and the
 * listing stays due). Returns whether it was settled.
 *
 * The variation's row is read FOR SHARE first: a lock change holds it until it commits and
 * only then can this read it, with the new counters; and the variation before its listing is
 * the order every stock write takes them in, so the two never deadlock.
 */
export async function markPushed(
  executor: Executor,
  push: { variationId: number; marketplaceId: number; quantity: number },
): Promise<boolean> {
  return executor.transaction(async (tx) => {
    const [current] = await queryRows<{ publishable: number }>(
      tx,
      sql`select greatest(0, v.on_hand - v.locked_quantity - ms.buffer) as publishable
          from variations v
          join marketplace_stock ms on ms.variation_id = v.id and ms.marketplace_id = ${push.marketplaceId}
          where v.id = ${push.variationId}
          for share of v`,
    );
    if (!current) return false;
    const settled = current.publishable === push.quantity;
    await tx.execute(
      sql`update marketplace_stock set last_pushed_quantity = ${push.quantity},
            last_pushed_at = now(),
            push_pending_since = case when ${settled} then null else push_pending_since end,
            push_attempts = case when ${settled} then 0 else push_attempts end,
            push_last_error = case when ${settled} then null else push_last_error end
          where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}`,
    );
    return settled;
  });
}

/** Records a failed push: one more attempt, the error, and when to try again. */
export async function markPushFailed(
  executor: Executor,
  push: { variationId: number; marketplaceId: number; error: string; retryAt: Date },
): Promise<void> {
  await executor.execute(
    sql`update marketplace_stock set push_attempts = push_attempts + 1,
          push_last_error = ${push.error},
          push_next_attempt_at = ${push.retryAt.toISOString()}::timestamptz
        where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}
          and push_pending_since is not null`,
  );
}
