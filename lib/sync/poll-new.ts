// The fast `new` poll (one marketplace): under the (marketplace, `new`) run lock, one look at
// the first page of new orders. Nothing new there (no order, or only orders already stored
// unchanged) costs that one request and a counter on the pair's last run (empty-polls.ts).
// Anything new runs the full `new` sync under the same lock and drains the push outbox right
// after its commits. A run of the pair already going (a button, the 5-minute sweep, another
// worker) means the poll is skipped without writing anything. A 429 on the look is reported
// to the caller, which slows its loop; the look is not retried, so a throttled marketplace
// sees one request per poll.
import { sql } from "drizzle-orm";
import { type Database, queryRows, type Transaction } from "@/db/client";
import type { SyncTrigger } from "@/db/schema";
import type { EventBus } from "@/lib/domain/events";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { logger as rootLogger } from "@/lib/log";
import { defaultRetry } from "@/lib/marketplaces/client-options";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { MarketplaceHttpError } from "@/lib/marketplaces/http/errors";
import { drainPushOutbox, type PushSummary } from "@/lib/push/drain";
import { recordEmptyPoll } from "./empty-polls";
import { syncRequestSchema } from "./options";
import { withRunLock } from "./run-lock";
import { runLocked, toSummary } from "./run-one";
import type { RunSummary } from "./run-sync";
import type { MarketplaceRow } from "./sync-context";

export type PollOutcome =
  | { kind: "empty"; runId: number; durationMs: number }
  | { kind: "ran"; run: RunSummary; push: PushSummary | null; durationMs: number }
  | { kind: "skipped"; durationMs: number }
  | { kind: "throttled"; retryAfterMs: number | null; durationMs: number };

export interface PollNewOptions {
  db: Database;
  marketplace: MarketplaceRow;
  bus: EventBus<Transaction>;
  trigger: SyncTrigger;
  adapterOptions?: AdapterOptions;
  signal?: AbortSignal;
  /** Each full run's deadline (defaults to SYNC_RUN_DEADLINE_SECONDS). */
  deadlineMs?: number;
}

export async function pollNewOrders(options: PollNewOptions): Promise<PollOutcome> {
  const { db, marketplace } = options;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const key = { type: "new" as const, marketplaceId: marketplace.id };
  const outcome = await withRunLock(db, key, async (lockLost): Promise<PollOutcome> => {
    const look = await firstLook(options);
    if (look.kind === "throttled") return { ...look, durationMs: elapsed() };
    if (look.kind === "seen" && !(await anythingNew(db, marketplace.id, look.orders))) {
      const { runId } = await recordEmptyPoll(db, {
        marketplaceId: marketplace.id,
        trigger: options.trigger,
        seen: look.orders.length,
        durationMs: elapsed(),
      });
      return { kind: "empty", runId, durationMs: elapsed() };
    }
    // New orders, a full first page, or a look that failed otherwise: the full run decides
    // (with its retries) and records what happened.
    const request = syncRequestSchema.parse({ type: "new", trigger: options.trigger });
    const log = rootLogger.child({ marketplace: marketplace.code, syncType: "new", poll: true });
    const runOptions = {
      type: "new" as const,
      trigger: options.trigger,
      db,
      bus: options.bus,
      adapterOptions: options.adapterOptions,
      signal: options.signal,
      deadlineMs: options.deadlineMs,
    };
    const row = await runLocked(
      { db, marketplace, type: "new", request, log, options: runOptions },
      lockLost,
    );
    return { kind: "ran", run: toSummary(row, marketplace), push: null, durationMs: elapsed() };
  });
  if (!outcome.acquired) return { kind: "skipped", durationMs: elapsed() };
  const { value } = outcome;
  if (value.kind !== "ran" || value.run.status === "failed") return value;
  // After the run's commits, outside its lock: the other marketplaces hear of the sale now.
  const push = await drainPushOutbox(db, {
    adapterOptions: options.adapterOptions,
    signal: options.signal,
  });
  return { ...value, push, durationMs: elapsed() };
}

type Look =
  | { kind: "seen"; orders: NormalizedOrder[] }
  | { kind: "full" }
  | { kind: "failed" }
  | { kind: "throttled"; retryAfterMs: number | null };

/** The first page of new orders, in one request (no retries: a 429 slows the loop instead). */
async function firstLook(options: PollNewOptions): Promise<Look> {
  const pageSize = syncRequestSchema.parse({ type: "new" }).pageSize;
  const adapter = createAdapter(options.marketplace, {
    ...options.adapterOptions,
    timings: {
      ...options.adapterOptions?.timings,
      retry: { ...defaultRetry, ...options.adapterOptions?.timings?.retry, retries: 0 },
    },
  });
  const orders: NormalizedOrder[] = [];
  let listed = 0;
  try {
    for await (const result of adapter.listNewOrders({ pageSize, signal: options.signal })) {
      listed++;
      // A payload that does not parse is the full run's to record.
      if (!result.ok) return { kind: "full" };
      orders.push(result.order);
      if (listed >= pageSize) return { kind: "full" };
    }
  } catch (error) {
    if (error instanceof MarketplaceHttpError && error.httpStatus === 429) {
      return { kind: "throttled", retryAfterMs: error.retryAfterMs };
    }
    if (options.signal?.aborted) throw error;
    return { kind: "failed" };
  }
  return { kind: "seen", orders };
}

/** True when an order is not stored yet, or its state or modification date moved. */
async function anythingNew(
  db: Database,
  marketplaceId: number,
  orders: readonly NormalizedOrder[],
): Promise<boolean> {
  if (orders.length === 0) return false;
  const stored = await queryRows<{
    external_id: string;
    state: string;
    modified_ms: number | null;
  }>(
    db,
    sql`select external_id, marketplace_state as state,
          round(extract(epoch from modified_at) * 1000)::float8 as modified_ms
        from orders where marketplace_id = ${marketplaceId}
          and external_id = any(array(select jsonb_array_elements_text(
            ${JSON.stringify(orders.map((order) => order.externalId))}::jsonb)))`,
  );
  const byId = new Map(stored.map((row) => [row.external_id, row]));
  return orders.some((order) => {
    const row = byId.get(order.externalId);
    const modified = order.modifiedAt?.getTime() ?? null;
    return (
      !row ||
      row.state !== order.marketplaceState ||
      (row.modified_ms === null ? null : Number(row.modified_ms)) !== modified
    );
  });
}
