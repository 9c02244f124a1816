// Stock sync: pull every listing/offer, map it to a variation by SKU, record what the
// marketplace shows (listed_quantity; drift = listed − publishable), create marketplace_stock
// rows for newly seen SKUs, report unmapped listings, and queue corrections for the push.
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { listingRuleColumnsList, marketplaceDefaultRules } from "@/db/listing-defaults";
import { lockTimeoutCondition } from "@/db/lock-timeout";
import { marketplaceStock, marketplaces, variations } from "@/db/schema";
import { alias, bare, source } from "@/db/sql-names";
import { availableSql, publishableSql } from "@/lib/domain/publishable";
import type { ListingRecord } from "@/lib/marketplaces/adapter";
import { revokeClaim } from "@/lib/push/record";
import { errorMessage, isFatal } from "./fatal";
import type { SyncContext, TypeResult } from "./sync-context";

const UNMAPPED_LISTED = 20;
const m = alias(marketplaces, "m");

export async function syncStockListings(ctx: SyncContext): Promise<TypeResult> {
  const unmapped: string[] = [];
  let done = 0;
  for await (const listed of ctx.adapter.listListings({
    pageSize: ctx.pageSize,
    signal: ctx.signal,
  })) {
    ctx.recorder.add({ fetched: 1 });
    ctx.recorder.setProgress("listings", ++done);
    if (!listed.ok) {
      const { externalId, path, message } = listed.failure;
      ctx.recorder.fail({ orderId: externalId, path, message });
      continue;
    }
    try {
      const outcome = await recordListing(ctx, listed.listing);
      if (outcome === "unmapped") {
        ctx.recorder.add({ skipped: 1 });
        unmapped.push(listed.listing.sku);
      } else if (outcome === "created") ctx.recorder.add({ created: 1 });
      else if (outcome === "updated") ctx.recorder.add({ updated: 1 });
    } catch (error) {
      if (isFatal(error)) throw error;
      ctx.recorder.fail({
        orderId: listed.listing.externalListingId,
        message: errorMessage(error),
      });
    }
  }
  const corrections = await queueCorrections(ctx);
  ctx.log.info({ unmapped: unmapped.length, corrections }, "stock sync recorded listings");
  const parts = [`${corrections} quantity correction(s) queued`];
  if (unmapped.length > 0) {
    const shown = unmapped.slice(0, UNMAPPED_LISTED).join(", ");
    const more = unmapped.length > UNMAPPED_LISTED ? ", …" : "";
    parts.push(`${unmapped.length} unmapped listing(s): ${shown}${more}`);
  }
  return { message: parts.join("; ") };
}

/** Upserts the (marketplace, variation) row of a listing; `unmapped` when no variation has the SKU. */
async function recordListing(
  ctx: SyncContext,
  listing: ListingRecord,
): Promise<"created" | "updated" | "unchanged" | "unmapped"> {
  const marketplaceId = ctx.marketplace.id;
  const [row] = await queryRows<{ outcome: "created" | "updated" | "unchanged" }>(
    ctx.db,
    sql`with variation as (select id from variations where sku = ${listing.sku}),
      previous as (
        select ms.external_listing_id, ms.external_sku, ms.listed_quantity
        from marketplace_stock ms join variation v on v.id = ms.variation_id
        where ms.marketplace_id = ${marketplaceId}
      ),
      written as (
        -- A new row starts with this marketplace's active locks (normally none yet: the lock
        -- handler creates the row when it locks) and its default allocation rules.
        insert into marketplace_stock (marketplace_id, variation_id, external_listing_id,
          external_sku, listed_quantity, locked_quantity, last_synced_at, ${listingRuleColumnsList})
        select ${marketplaceId}, v.id, ${listing.externalListingId}, ${listing.sku},
          ${listing.quantity},
          (select coalesce(sum(l.quantity), 0) from marketplace_stock_locks l
            where l.marketplace_id = ${marketplaceId} and l.variation_id = v.id
              and l.status = 'locked'),
          now(), ${marketplaceDefaultRules(m)}
        from variation v join ${source(m)} on ${m.id} = ${marketplaceId}
        on conflict (marketplace_id, variation_id) do update set
          external_listing_id = excluded.external_listing_id,
          external_sku = excluded.external_sku,
          listed_quantity = excluded.listed_quantity,
          last_synced_at = now()
        returning id
      )
      select case
        when not exists (select 1 from written) then null
        when not exists (select 1 from previous) then 'created'
        when exists (select 1 from previous p where p.external_listing_id is not distinct from
          ${listing.externalListingId} and p.external_sku is not distinct from ${listing.sku}
          and p.listed_quantity is not distinct from ${listing.quantity}) then 'unchanged'
        else 'updated' end as outcome`,
  );
  return row?.outcome ?? "unmapped";
}

/**
 * Queues a push for every listing of this marketplace that shows another quantity than the
 * publishable one, due now whatever its back-off says. Forgetting the last pushed quantity
 * makes the drain send it even when the marketplace drifted away from our last push; revoking
 * a drain's claim keeps that drain from settling the listing on what it read before this.
 * Like every writer of these rows, it first locks their variations in id order, so it never
 * waits in a circle with a sync locking stock on the same listings.
 */
async function queueCorrections(ctx: SyncContext): Promise<number> {
  const ms = alias(marketplaceStock, "ms");
  const v = alias(variations, "v");
  const available = availableSql({ onHand: v.onHand, locked: v.lockedQuantity });
  const drifting = sql`${v.id} = ${ms.variationId} and ${ms.marketplaceId} = ${ctx.marketplace.id}
    and ${ms.externalListingId} is not null
    and ${ms.listedQuantity} is distinct from ${publishableSql(available, ms)}`;
  return ctx.db.transaction(async (tx) => {
    const locked = await queryRows<{ id: number }>(
      tx,
      sql`select ${variations.id} as id from ${variations}
          where ${variations.id} in (select ${ms.variationId} from ${source(ms)}, ${source(v)}
                                     where ${drifting})
            and ${lockTimeoutCondition(tx)}
          order by ${variations.id}
          for no key update`,
    );
    if (locked.length === 0) return 0;
    // Only the rows whose variations are now locked (one that drifted since waits for the
    // push its own lock change queued).
    const rows = await queryRows<{ variation_id: number }>(
      tx,
      sql`update ${source(ms)} set ${bare(ms.lastPushedQuantity)} = null,
            ${bare(ms.pushPendingSince)} = coalesce(${ms.pushPendingSince}, now()),
            ${bare(ms.pushNextAttemptAt)} = now(), ${revokeClaim}
          from ${source(v)}
          where ${drifting}
            and ${ms.variationId} = any(${`{${locked.map((row) => row.id).join(",")}}`}::int[])
          returning ${ms.variationId}`,
    );
    return rows.length;
  });
}
