// Drains the push outbox after commit: listing by listing, a drain claims a due listing, sends
// its publishable quantity when it differs from what was last pushed, and records the outcome
// (outbox.ts, record.ts). Any number of drains may run at once: a claim keeps the
// others off the listing while its quantity is on the way. The adapters throttle their calls;
// a failed push stays queued with a back-off and is tried again by a later drain (never dropped).
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { errorMessage, isDatabaseUnreachable, isUnauthorized } from "@/lib/failures";
import { type Logger, logger } from "@/lib/log";
import type { MarketplaceAdapter, PushReceipt } from "@/lib/marketplaces/adapter";
import {
  type AdapterOptions,
  createAdapter,
  type MarketplaceRow,
} from "@/lib/marketplaces/factory";
import { httpStatusOf, maybePrunePushLedger } from "./ledger";
import { claimDuePushes, type DuePush, PUSH_CLAIM_LEASE_MS } from "./outbox";
import { markPushed, markPushFailed } from "./record";

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

export interface DrainOptions {
  adapterOptions?: AdapterOptions;
  signal?: AbortSignal;
}

/** Re-queued-while-pushing pairs are pushed again, but not forever in one drain. */
const MAX_ROUNDS_PER_PAIR = 3;
/** First retry of a failed push; each further failure doubles it, up to the cap. */
export const PUSH_RETRY_BASE_MS = 30_000;
/** A failing push is retried at least this often: the marketplace may be back any minute. */
export const PUSH_RETRY_CAP_MS = 5 * 60_000;
/**
 * A send is abandoned after this, well within the claim's lease: a send may not land after
 * its claim ended and another drain took the listing (the record step copes if one does).
 */
export const PUSH_SEND_DEADLINE_MS = PUSH_CLAIM_LEASE_MS - 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(PUSH_RETRY_CAP_MS, PUSH_RETRY_BASE_MS * 2 ** Math.min(attempts, 10));
}

export async function drainPushOutbox(
  db: Database,
  options: DrainOptions = {},
): Promise<PushSummary> {
  const summary: PushSummary = { pushed: 0, unchanged: 0, failed: 0, deferred: 0 };
  const rows = await db.select().from(marketplaces).where(eq(marketplaces.active, true));
  await Promise.all(rows.map((marketplace) => drainMarketplace(db, marketplace, summary, options)));
  // The push ledger keeps 90 days; this process prunes it at most once an hour.
  await maybePrunePushLedger(db);
  return summary;
}

async function drainMarketplace(
  db: Database,
  marketplace: MarketplaceRow,
  summary: PushSummary,
  options: DrainOptions,
): Promise<void> {
  const log = logger.child({ marketplace: marketplace.code, phase: "push" });
  const rounds = new Map<number, number>();
  let adapter: MarketplaceAdapter | undefined;
  const adapterFor = () => {
    adapter ??= createAdapter(marketplace, { logger: log, ...options.adapterOptions });
    return adapter;
  };
  for (;;) {
    // One listing per claim: its lease then covers only its own send, however slow the
    // marketplace's throttle makes the ones before it.
    const skipListingIds = [...rounds]
      .filter(([, n]) => n >= MAX_ROUNDS_PER_PAIR)
      .map(([id]) => id);
    const [push] = await claimDuePushes(db, {
      marketplaceId: marketplace.id,
      limit: 1,
      skipListingIds,
    });
    if (!push) return;
    rounds.set(push.listingId, (rounds.get(push.listingId) ?? 0) + 1);
    const outcome = await pushOne(db, push, adapterFor, summary, { log, signal: options.signal });
    // Refused credentials refuse every other push too: leave them queued for later.
    if (outcome === "unauthorized") return;
  }
}

async function pushOne(
  db: Database,
  push: DuePush,
  adapterFor: () => MarketplaceAdapter,
  summary: PushSummary,
  context: { log: Logger; signal?: AbortSignal },
): Promise<"done" | "unauthorized"> {
  const retryAt = new Date(Date.now() + retryDelayMs(push.attempts));
  if (push.lastPushedQuantity === push.publishable) {
    await markPushed(db, { ...push, quantity: push.publishable });
    summary.unchanged += 1;
    return "done";
  }
  if (!push.externalListingId) {
    summary.deferred += 1;
    const error = "no listing known on this marketplace yet (the stock sync records it)";
    const attempt = { quantity: push.publishable, httpStatus: null, durationMs: 0 };
    await markPushFailed(db, { ...push, error, retryAt }, attempt);
    return "done";
  }
  const deadline = AbortSignal.timeout(PUSH_SEND_DEADLINE_MS);
  const signal = context.signal ? AbortSignal.any([context.signal, deadline]) : deadline;
  const started = performance.now();
  let receipt: PushReceipt;
  try {
    receipt = await adapterFor().setListingQuantity(
      push.externalListingId,
      push.publishable,
      signal,
    );
  } catch (error) {
    if (isDatabaseUnreachable(error)) throw error;
    summary.failed += 1;
    const message = errorMessage(error);
    context.log.warn({ sku: push.sku, attempts: push.attempts + 1 }, `push failed: ${message}`);
    const attempt = {
      quantity: push.publishable,
      httpStatus: httpStatusOf(error),
      durationMs: performance.now() - started,
    };
    await markPushFailed(db, { ...push, error: message, retryAt }, attempt);
    return isUnauthorized(error) ? "unauthorized" : "done";
  }
  const attempt = { httpStatus: receipt.httpStatus, durationMs: performance.now() - started };
  const outcome = await markPushed(db, { ...push, quantity: push.publishable }, attempt);
  summary.pushed += 1;
  context.log.debug({ sku: push.sku, quantity: push.publishable, outcome }, "quantity pushed");
  return "done";
}
