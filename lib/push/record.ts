// Records what a drain did with a listing it claimed (see outbox.ts). Only the holder of
// the listing's current claim may settle it, and only when what it sent is still publishable.
// Anything else leaves the listing due: a stale quantity re-queues it at once, and a push
// recorded under a lost claim (its lease ran out and another drain may have sent since)
// makes sure nobody settles the listing on the strength of a send that may have landed first.
import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Transaction } from "@/db/client";

export interface PushRef {
  variationId: number;
  marketplaceId: number;
  claimToken: string;
}

/** settled: nothing pending · requeued: publishable moved, due again now · lost: claim lost, due again. */
export type PushOutcome = "settled" | "requeued" | "lost";

/**
 * Records that the marketplace now shows `quantity` (sent, or already shown).
 *
 * The variation's row is read FOR SHARE first: a lock change holds it until it commits and
 * only then can this read it, with the new counters; and the variation before its listing is
 * the order every stock write takes them in, so the two never deadlock.
 */
export async function markPushed(
  executor: Executor,
  push: PushRef & { quantity: number },
): Promise<PushOutcome> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select 1 from variations where id = ${push.variationId} for share`);
    const [current] = await queryRows<{ owned: boolean; publishable: number }>(
      tx,
      sql`select ms.push_claim_token is not distinct from ${push.claimToken} as owned,
            greatest(0, v.on_hand - v.locked_quantity - ms.buffer) as publishable
          from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.variation_id = ${push.variationId} and ms.marketplace_id = ${push.marketplaceId}
          for update of ms`,
    );
    if (!current) return "lost";
    if (!current.owned) {
      await markClaimLost(tx, push);
      return "lost";
    }
    const settled = current.publishable === push.quantity;
    // Not settled: the stock moved while the push was under way; the drain (this one or the
    // next) sends the new quantity, and only a send recorded after this one can settle.
    await tx.execute(
      sql`update marketplace_stock set last_pushed_quantity = ${push.quantity},
            last_pushed_at = now(),
            push_pending_since = case when ${settled} then null
              else coalesce(push_pending_since, now()) end,
            push_next_attempt_at = case when ${settled} then push_next_attempt_at else now() end,
            push_attempts = case when ${settled} then 0 else push_attempts end,
            push_last_error = case when ${settled} then null else push_last_error end,
            push_claimed_until = null, push_claim_token = null
          where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}`,
    );
    return settled ? "settled" : "requeued";
  });
}

/** Records a failed push: one more attempt, the error, and when to try again. */
export async function markPushFailed(
  executor: Executor,
  push: PushRef & { error: string; retryAt: Date },
): Promise<PushOutcome> {
  return executor.transaction(async (tx) => {
    const updated = await queryRows<{ id: number }>(
      tx,
      sql`update marketplace_stock set push_attempts = push_attempts + 1,
            push_last_error = ${push.error},
            push_pending_since = coalesce(push_pending_since, now()),
            push_next_attempt_at = ${push.retryAt.toISOString()}::timestamptz,
            push_claimed_until = null, push_claim_token = null
          where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}
            and push_claim_token = ${push.claimToken}
          returning id`,
    );
    if (updated.length > 0) return "requeued";
    // A failed call may still have reached the marketplace (a timeout): treat it as a send.
    await markClaimLost(tx, push);
    return "lost";
  });
}

/**
 * Takes the settling right from whoever holds the listing's claim (the token gets a
 * `revoked:` prefix): the holder's record then re-queues the listing instead of settling it,
 * and gives the claim back. The lease still keeps other drains off until it ends.
 */
export const revokeClaim = sql`push_claim_token = case when push_claim_token like 'revoked:%'
  then push_claim_token else 'revoked:' || push_claim_token end`;

/**
 * A send recorded after its claim was lost may have landed after a later drain's send: the
 * marketplace may show it, whatever was recorded since. So the listing is due again with its
 * last push unknown, and a live claim is revoked: its holder, whose send may have landed
 * before this one, cannot settle either. A claim revoked from this drain is simply released.
 */
async function markClaimLost(tx: Transaction, push: PushRef): Promise<void> {
  const mineRevoked = `revoked:${push.claimToken}`;
  await tx.execute(
    sql`update marketplace_stock set last_pushed_quantity = null,
          push_pending_since = coalesce(push_pending_since, now()),
          push_next_attempt_at = now(),
          push_claimed_until = case when push_claim_token = ${mineRevoked} then null
            else push_claimed_until end,
          push_claim_token = case when push_claim_token = ${mineRevoked} then null
            when push_claim_token like 'revoked:%' then push_claim_token
            else 'revoked:' || push_claim_token end
        where variation_id = ${push.variationId} and marketplace_id = ${push.marketplaceId}`,
  );
}
