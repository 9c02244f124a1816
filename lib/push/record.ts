// Records what a drain did with a listing it claimed (see outbox.ts). Only the holder of
// the listing's current claim may settle it, and only when what it sent is still publishable.
// Anything else leaves the listing due: a stale quantity re-queues it at once, and a push
// recorded under a lost claim (its lease ran out and another drain may have sent since)
// makes sure nobody settles the listing on the strength of a send that may have landed first.
import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Transaction } from "@/db/client";
import { marketplaceStock, variations } from "@/db/schema";
import { alias, bare, source } from "@/db/sql-names";
import { availableSql, publishableSql } from "@/lib/domain/publishable";
import { recordPushAttempt } from "@/lib/metrics/process";
import { insertPushAttempt, type PushAttempt } from "./ledger";

const ms = alias(marketplaceStock, "ms");
const v = alias(variations, "v");
/** The listing a push names: (variation, marketplace) is marketplace_stock's unique key. */
const listingOf = (push: PushRef) =>
  sql`${ms.variationId} = ${push.variationId} and ${ms.marketplaceId} = ${push.marketplaceId}`;

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
 *
 * With `attempt` (a quantity was actually sent), the attempt goes into the push ledger in the
 * same transaction: `sent` when it settled the listing, `superseded` when it did not.
 */
export async function markPushed(
  executor: Executor,
  push: PushRef & { quantity: number },
  attempt?: Omit<PushAttempt, "quantity" | "error">,
): Promise<PushOutcome> {
  const outcome = await executor.transaction(async (tx) => {
    const outcome = await settlePushed(tx, push);
    if (attempt) {
      const status = outcome === "settled" ? "sent" : "superseded";
      await insertPushAttempt(tx, push, { ...attempt, quantity: push.quantity }, status);
    }
    return outcome;
  });
  // Counted once the ledger row is committed (a rolled-back attempt is not one).
  if (attempt) {
    const status = outcome === "settled" ? "sent" : "superseded";
    recordPushAttempt({ status, durationMs: attempt.durationMs });
  }
  return outcome;
}

async function settlePushed(
  tx: Transaction,
  push: PushRef & { quantity: number },
): Promise<PushOutcome> {
  await tx.execute(sql`select 1 from ${source(v)} where ${v.id} = ${push.variationId} for share`);
  const available = availableSql({ onHand: v.onHand, locked: v.lockedQuantity });
  const [current] = await queryRows<{ owned: boolean; publishable: number }>(
    tx,
    sql`select ${ms.pushClaimToken} is not distinct from ${push.claimToken} as owned,
          ${publishableSql(available, ms)} as publishable
        from ${source(ms)} join ${source(v)} on ${v.id} = ${ms.variationId}
        where ${listingOf(push)}
        for update of ${ms}`,
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
    sql`update ${source(ms)} set ${bare(ms.lastPushedQuantity)} = ${push.quantity},
          ${bare(ms.lastPushedAt)} = now(),
          ${bare(ms.pushPendingSince)} = case when ${settled} then null
            else coalesce(${ms.pushPendingSince}, now()) end,
          ${bare(ms.pushNextAttemptAt)} = case when ${settled} then ${ms.pushNextAttemptAt}
            else now() end,
          ${bare(ms.pushAttempts)} = case when ${settled} then 0 else ${ms.pushAttempts} end,
          ${bare(ms.pushLastError)} = case when ${settled} then null
            else ${ms.pushLastError} end,
          ${bare(ms.pushClaimedUntil)} = null, ${bare(ms.pushClaimToken)} = null
        where ${listingOf(push)}`,
  );
  return settled ? "settled" : "requeued";
}

/**
 * Records a failed push: one more attempt, the error, and when to try again. With `attempt`,
 * the attempt goes into the push ledger as `failed` in the same transaction (a failed call is
 * `failed` even when its claim was lost meanwhile: the error is what staff need to see).
 */
export async function markPushFailed(
  executor: Executor,
  push: PushRef & { error: string; retryAt: Date },
  attempt?: Omit<PushAttempt, "error">,
): Promise<PushOutcome> {
  const outcome = await executor.transaction(async (tx) => {
    if (attempt) await insertPushAttempt(tx, push, { ...attempt, error: push.error }, "failed");
    const updated = await queryRows<{ id: number }>(
      tx,
      sql`update ${source(ms)} set ${bare(ms.pushAttempts)} = ${ms.pushAttempts} + 1,
            ${bare(ms.pushLastError)} = ${push.error},
            ${bare(ms.pushPendingSince)} = coalesce(${ms.pushPendingSince}, now()),
            ${bare(ms.pushNextAttemptAt)} = ${push.retryAt.toISOString()}::timestamptz,
            ${bare(ms.pushClaimedUntil)} = null, ${bare(ms.pushClaimToken)} = null
          where ${listingOf(push)} and ${ms.pushClaimToken} = ${push.claimToken}
          returning ${ms.id}`,
    );
    if (updated.length > 0) return "requeued";
    // A failed call may still have reached the marketplace (a timeout): treat it as a send.
    await markClaimLost(tx, push);
    return "lost";
  });
  if (attempt) recordPushAttempt({ status: "failed", durationMs: attempt.durationMs });
  return outcome;
}

const claimToken = bare(marketplaceStock.pushClaimToken);
/**
 * Takes the settling right from whoever holds the listing's claim (the token gets a
 * `revoked:` prefix): the holder's record then re-queues the listing instead of settling it,
 * and gives the claim back. The lease still keeps other drains off until it ends.
 */
export const revokeClaim = sql`${claimToken} = case when ${claimToken} like 'revoked:%'
  then ${claimToken} else 'revoked:' || ${claimToken} end`;

/**
 * A send recorded after its claim was lost may have landed after a later drain's send: the
 * marketplace may show it, whatever was recorded since. So the listing is due again with its
 * last push unknown, and a live claim is revoked: its holder, whose send may have landed
 * before this one, cannot settle either. A claim revoked from this drain is simply released.
 */
async function markClaimLost(tx: Transaction, push: PushRef): Promise<void> {
  const mineRevoked = `revoked:${push.claimToken}`;
  await tx.execute(
    sql`update ${source(ms)} set ${bare(ms.lastPushedQuantity)} = null,
          ${bare(ms.pushPendingSince)} = coalesce(${ms.pushPendingSince}, now()),
          ${bare(ms.pushNextAttemptAt)} = now(),
          ${bare(ms.pushClaimedUntil)} = case when ${ms.pushClaimToken} = ${mineRevoked} then null
            else ${ms.pushClaimedUntil} end,
          ${bare(ms.pushClaimToken)} = case when ${ms.pushClaimToken} = ${mineRevoked} then null
            when ${ms.pushClaimToken} like 'revoked:%' then ${ms.pushClaimToken}
            else 'revoked:' || ${ms.pushClaimToken} end
        where ${listingOf(push)}`,
  );
}
