// The composition root. Every entry point (CLI scripts, the cron route, server actions, the
// queue worker and the in-process schedule in lib/jobs, instrumentation) gets its wiring here:
// the order-event bus with lib/stock's handlers subscribed, handed to lib/sync (and to
// lib/stock's own emitters), so that lib/sync and lib/stock never import each other. The
// functions below are lib/sync's and lib/stock's with this bus bound; nothing else is added.
import type { Database, Transaction } from "@/db/client";
import type { EventBus } from "@/lib/domain/events";
import type { NormalizedOrder } from "@/lib/domain/normalized-order";
import { stockEventHandlers } from "@/lib/stock/handlers";
import { type RepairReport, repairStockCounters as repairWithBus } from "@/lib/stock/repair";
import {
  type UpsertVariationsResult,
  upsertVariations as upsertVariationsWithBus,
  type VariationInput,
} from "@/lib/stock/variations";
import {
  type PollNewOptions,
  type PollOutcome,
  pollNewOrders as pollNewOrdersWithBus,
} from "@/lib/sync/poll-new";
import { type ResyncOrderResult, resyncOrder as resyncOrderWithBus } from "@/lib/sync/resync-order";
import {
  type RunSyncOptions,
  resolveMarketplaces,
  runSync as runSyncWithBus,
  type SyncSummary,
} from "@/lib/sync/run-sync";
import {
  type UpsertOrderOptions,
  type UpsertOrderResult,
  upsertOrders as upsertOrdersWithBus,
  upsertOrder as upsertOrderWithBus,
} from "@/lib/sync/upsert-order";
import {
  type ProcessOptions,
  type ProcessResult,
  processDelivery,
} from "@/lib/sync/webhook-deliveries";
import { createEventBus } from "./event-bus";

/** The application's event bus: where lib/stock subscribes to the order events of lib/sync. */
export const orderEventBus: EventBus<Transaction> = createEventBus(stockEventHandlers);

type WithoutBus<T> = Omit<T, "bus">;

export function runSync(options: WithoutBus<RunSyncOptions>): Promise<SyncSummary> {
  return runSyncWithBus({ ...options, bus: orderEventBus });
}

/** The fast `new` poll of one marketplace (lib/sync/poll-new.ts). */
export function pollNewOrders(options: WithoutBus<PollNewOptions>): Promise<PollOutcome> {
  return pollNewOrdersWithBus({ ...options, bus: orderEventBus });
}

export function resyncOrder(
  db: Database,
  orderId: number,
  options: WithoutBus<Parameters<typeof resyncOrderWithBus>[2]> = {},
): Promise<ResyncOrderResult> {
  return resyncOrderWithBus(db, orderId, { ...options, bus: orderEventBus });
}

export function upsertOrders(
  tx: Transaction,
  inputs: readonly NormalizedOrder[],
  options: WithoutBus<UpsertOrderOptions> = {},
): Promise<UpsertOrderResult[]> {
  return upsertOrdersWithBus(tx, inputs, { ...options, bus: orderEventBus });
}

export function upsertOrder(
  tx: Transaction,
  input: NormalizedOrder,
  options: WithoutBus<UpsertOrderOptions> = {},
): Promise<UpsertOrderResult> {
  return upsertOrderWithBus(tx, input, { ...options, bus: orderEventBus });
}

export function upsertVariations(
  tx: Transaction,
  input: VariationInput[],
  refs: { actor: string; note?: string; syncRunId?: number },
): Promise<UpsertVariationsResult> {
  return upsertVariationsWithBus(tx, input, refs, orderEventBus);
}

/** Processes one stored webhook delivery (the order re-read and upserted, trigger `webhook`). */
export function processWebhookDelivery(
  db: Database,
  deliveryRowId: number,
  options: WithoutBus<ProcessOptions> = {},
): Promise<ProcessResult> {
  return processDelivery(db, deliveryRowId, { ...options, bus: orderEventBus });
}

export function repairStockCounters(db: Database): Promise<RepairReport> {
  return repairWithBus(db, orderEventBus);
}

export { drainPushOutbox, type PushSummary } from "@/lib/push/drain";
export type {
  PollOutcome,
  ResyncOrderResult,
  SyncSummary,
  UpsertOrderResult,
  UpsertVariationsResult,
};
/** Which marketplaces a sync request names (no events involved). */
export { resolveMarketplaces };
