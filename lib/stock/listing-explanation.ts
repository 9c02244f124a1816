// "Why this quantity" for one listing, read from the database: the variation's count, its
// active locks per marketplace (the counters) and the listing's rules, explained by
// lib/domain/publishable-explain.ts.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import type { ListingRules } from "@/lib/domain/publishable";
import {
  explainPublishable,
  type MarketplaceLocks,
  type PublishableExplanation,
} from "@/lib/domain/publishable-explain";

/** With `rules`, explains what those rules would publish instead of the listing's own. */
export async function readListingExplanation(
  executor: Executor,
  listingId: number,
  rules?: ListingRules,
): Promise<PublishableExplanation | null> {
  const [row] = await queryRows<{
    on_hand: number;
    locks: MarketplaceLocks[] | null;
    buffer: number;
    max_quantity: number | null;
    share_percent: number | null;
    zero_at_or_below: number | null;
  }>(
    executor,
    sql`select v.on_hand, ms.buffer, ms.max_quantity, ms.share_percent, ms.zero_at_or_below,
          (select json_agg(json_build_object('marketplace', m.code, 'locked', o.locked_quantity)
             order by m.code)
           from marketplace_stock o join marketplaces m on m.id = o.marketplace_id
           where o.variation_id = ms.variation_id and o.locked_quantity <> 0) as locks
        from marketplace_stock ms join variations v on v.id = ms.variation_id
        where ms.id = ${listingId}`,
  );
  if (!row) return null;
  return explainPublishable(
    { onHand: row.on_hand, locks: row.locks ?? [] },
    rules ?? {
      buffer: row.buffer,
      maxQuantity: row.max_quantity,
      sharePercent: row.share_percent,
      zeroAtOrBelow: row.zero_at_or_below,
    },
  );
}
