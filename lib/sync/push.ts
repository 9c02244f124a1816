// Drains the push outbox after commit: for each due (variation, marketplace) pair, the
// publishable quantity goes to the marketplace's listing when it differs from what was last
// pushed. The adapters throttle their calls; a failed push stays queued with a back-off and
// is tried again by a later drain (never dropped).
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { logger } from "@/lib/log";
import type { MarketplaceAdapter } from "@/lib/marketplaces/adapter";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { type DuePush, listDuePushes, markPushed, markPushFailed } from "@/lib/stock/push-outbox";
import { errorMessage, isDatabaseUnreachable, isUnauthorized } from "./fatal";
import type { MarketplaceRow } from "./sync-context";

export interface PushSummary {
  /** Quantities sent to a marketplace. */
  pushed: number;
  /** Due pairs whose quantity already matched the last push: settled without a call. */
  unchanged: number;
  /** Pushes that failed: still queued, retried after a back-off. */
  failed: number;
  /** Pairs with no known listing on the marketplace yet (the stock sync finds it). */
  deferred: number;
}

const BATCH = 200;
/** Re-queued-while-pushing pairs are pushed again, but not forever in one drain. */
const MAX_ROUNDS_PER_PAIR = 3;

export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.min(attempts, 10));
}

export async function drainPushOutbox(
  db: Database,
  options: { adapterOptions?: AdapterOptions; signal?: AbortSignal } = {},
): Promise<PushSummary> {
  const summary: PushSummary = { pushed: 0, unchanged: 0, failed: 0, deferred: 0 };
  const rows = await db.select().from(marketplaces).where(eq(marketplaces.active, true));
  await Promise.all(rows.map((marketplace) => drainMarketplace(db, marketplace, summary, options)));
  return summary;
}

async function drainMarketplace(
  db: Database,
  marketplace: MarketplaceRow,
  summary: PushSummary,
  options: { adapterOptions?: AdapterOptions; signal?: AbortSignal },
): Promise<void> {
  const log = logger.child({ marketplace: marketplace.code, phase: "push" });
  const rounds = new Map<string, number>();
  let adapter: MarketplaceAdapter | undefined;
  for (;;) {
    const due = (await listDuePushes(db, { marketplaceId: marketplace.id, limit: BATCH })).filter(
      (push) => (rounds.get(pairKey(push)) ?? 0) < MAX_ROUNDS_PER_PAIR,
    );
    if (due.length === 0) return;
    for (const push of due) {
      rounds.set(pairKey(push), (rounds.get(pairKey(push)) ?? 0) + 1);
      if (push.lastPushedQuantity === push.publishable) {
        await markPushed(db, { ...push, quantity: push.publishable });
        summary.unchanged += 1;
        continue;
      }
      if (!push.externalListingId) {
        summary.deferred += 1;
        await markPushFailed(db, {
          ...push,
          error: "no listing known on this marketplace yet (the stock sync records it)",
          retryAt: new Date(Date.now() + retryDelayMs(push.attempts)),
        });
        continue;
      }
      try {
        adapter ??= createAdapter(marketplace, { logger: log, ...options.adapterOptions });
        await adapter.setListingQuantity(push.externalListingId, push.publishable, options.signal);
      } catch (error) {
        if (isDatabaseUnreachable(error)) throw error;
        summary.failed += 1;
        const message = errorMessage(error);
        log.warn({ sku: push.sku, attempts: push.attempts + 1 }, `push failed: ${message}`);
        await markPushFailed(db, {
          ...push,
          error: message,
          retryAt: new Date(Date.now() + retryDelayMs(push.attempts)),
        });
        // Refused credentials refuse every other push too: leave them queued for later.
        if (isUnauthorized(error)) return;
        continue;
      }
      await markPushed(db, { ...push, quantity: push.publishable });
      summary.pushed += 1;
      log.debug({ sku: push.sku, quantity: push.publishable }, "publishable quantity pushed");
    }
  }
}

function pairKey(push: DuePush): string {
  return `${push.variationId}:${push.marketplaceId}`;
}
