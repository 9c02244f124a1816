// Webhook deliveries (Shopify): recorded once per delivery and per event (a second copy is a
// no-op insert), then processed: an order delivery is a hint to re-read that order and upsert
// it like any sync (its own sync_runs row, trigger `webhook`), unless the stored order is
// already as new as the delivery; an inventory delivery records what the shop shows. The
// `modified` poll still runs: deliveries can be lost, late or out of order.
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "@/db/client";
import { marketplaceStock, marketplaces, orders, webhookDeliveries } from "@/db/schema";
import type { WebhookDeliveryStatus } from "@/lib/domain/enums";
import type { EventBus } from "@/lib/domain/events";
import { logger } from "@/lib/log";
import { type AdapterOptions, createAdapter } from "@/lib/marketplaces/factory";
import { shopifySettingsOf } from "@/lib/marketplaces/shopify/factory";
import type { WebhookSubject } from "@/lib/marketplaces/shopify/webhook";
import { drainPushOutbox } from "@/lib/push/drain";
import { errorMessage } from "./fatal";
import { startRun } from "./runs";
import { upsertOrder } from "./upsert-order";

/** Deliveries are kept this long: far past Shopify's 4-hour retry window. */
export const DELIVERY_RETENTION_DAYS = 7;

export interface NewDelivery {
  marketplaceId: number;
  deliveryId: string;
  eventId: string | null;
  topic: string;
  triggeredAt: Date | null;
  subject: WebhookSubject;
}

/** Stores a delivery; null when this delivery (or event) was stored before: a duplicate. */
export async function recordDelivery(db: Executor, delivery: NewDelivery): Promise<number | null> {
  const { subject } = delivery;
  const ignored = subject.kind === "ignored";
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      ...delivery,
      subject: delivery.subject,
      status: ignored ? "skipped" : "received",
      processedAt: ignored ? sql`now()` : null,
      result: subject.kind === "ignored" ? subject.reason : null,
    })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return row?.id ?? null;
}

/** Deletes deliveries older than the retention; returns how many. */
export async function pruneDeliveries(db: Executor): Promise<number> {
  const rows = await db
    .delete(webhookDeliveries)
    .where(
      lt(
        webhookDeliveries.receivedAt,
        sql`now() - make_interval(days => ${DELIVERY_RETENTION_DAYS})`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

export interface ProcessOptions {
  bus: EventBus<Transaction>;
  adapterOptions?: AdapterOptions;
  signal?: AbortSignal;
  /** Push the changed publishable quantities at once (default true). */
  push?: boolean;
}

export interface ProcessResult {
  status: WebhookDeliveryStatus | "missing";
  result: string | null;
  runId?: number;
}

/** Processes one stored delivery, once: a second call (a retried job) finds it claimed. */
export async function processDelivery(
  db: Database,
  deliveryRowId: number,
  options: ProcessOptions,
): Promise<ProcessResult> {
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ processedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, deliveryRowId), isNull(webhookDeliveries.processedAt)))
    .returning();
  if (!claimed) return { status: "missing", result: "already processed or unknown" };
  const [marketplace] = await db
    .select()
    .from(marketplaces)
    .where(eq(marketplaces.id, claimed.marketplaceId));
  let outcome: ProcessResult;
  try {
    if (!marketplace) throw new Error("the marketplace was deleted");
    const subject = claimed.subject as WebhookSubject;
    outcome =
      subject.kind === "order"
        ? await processOrder(db, marketplace, subject, claimed.topic, options)
        : subject.kind === "inventory"
          ? await processInventory(db, marketplace, subject)
          : { status: "skipped", result: subject.reason };
  } catch (error) {
    outcome = { status: "failed", result: errorMessage(error).slice(0, 500) };
  }
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status === "missing" ? "failed" : outcome.status,
      result: outcome.result,
    })
    .where(eq(webhookDeliveries.id, deliveryRowId));
  return outcome;
}

type MarketplaceRow = typeof marketplaces.$inferSelect;

async function processOrder(
  db: Database,
  marketplace: MarketplaceRow,
  subject: Extract<WebhookSubject, { kind: "order" }>,
  topic: string,
  options: ProcessOptions,
): Promise<ProcessResult> {
  const [stored] = await db
    .select({ modifiedAt: orders.modifiedAt })
    .from(orders)
    .where(and(eq(orders.marketplaceId, marketplace.id), eq(orders.externalId, subject.orderId)));
  // Out of order or repeated: an order stored as new as this delivery gains nothing from it.
  if (subject.updatedAt && stored?.modifiedAt && stored.modifiedAt >= new Date(subject.updatedAt)) {
    return {
      status: "skipped",
      result: `order ${subject.orderId}: stored update ${stored.modifiedAt.toISOString()} is not older than this delivery's ${subject.updatedAt}`,
    };
  }
  const log = logger.child({ marketplace: marketplace.code, orderId: subject.orderId, topic });
  const recorder = await startRun(db, {
    type: "modified",
    marketplaceId: marketplace.id,
    trigger: "webhook",
  });
  try {
    const adapter = createAdapter(marketplace, { logger: log, ...options.adapterOptions });
    const fetched = await adapter.getOrder(subject.orderId, options.signal);
    recorder.add({ fetched: 1 });
    if (fetched === null || !fetched.ok) {
      const failure = fetched?.failure;
      const message = failure
        ? `${failure.path}: ${failure.message}`
        : "the marketplace no longer knows this order";
      recorder.fail({ orderId: subject.orderId, message, path: failure?.path });
      await recorder.finish({ message: `webhook ${topic}` });
      return {
        status: "failed",
        result: `order ${subject.orderId}: ${message}`,
        runId: recorder.id,
      };
    }
    const result = await db.transaction((tx) =>
      upsertOrder(tx, fetched.order, { bus: options.bus, syncRunId: recorder.id }),
    );
    recorder.add({
      created: result.created ? 1 : 0,
      updated: !result.created && result.changed ? 1 : 0,
      events: result.events,
      locks: result.locksCreated,
    });
    await recorder.finish({ message: `webhook ${topic}` });
    // After commit: the other channels learn the new publishable quantities now.
    if (options.push !== false) await drainPushOutbox(db, options);
    return {
      status: "processed",
      result: `order ${subject.orderId}: ${result.created ? "created" : result.changed ? "updated" : "unchanged"} (${result.status})`,
      runId: recorder.id,
    };
  } catch (error) {
    await recorder.finish({
      status: "failed",
      message: `webhook ${topic}: ${errorMessage(error)}`,
    });
    throw error;
  }
}

/** Records what the shop shows at the marketplace's location (drift; the stock sync corrects). */
async function processInventory(
  db: Executor,
  marketplace: MarketplaceRow,
  subject: Extract<WebhookSubject, { kind: "inventory" }>,
): Promise<ProcessResult> {
  const { locationId } = shopifySettingsOf(marketplace);
  if (`gid://shopify/Location/${subject.locationId}` !== locationId) {
    return { status: "skipped", result: `location ${subject.locationId} is not the marketplace's` };
  }
  const item = `gid://shopify/InventoryItem/${subject.inventoryItemId}`;
  const rows = await db
    .update(marketplaceStock)
    .set({ listedQuantity: Math.max(0, subject.available), lastSyncedAt: sql`now()` })
    .where(
      and(
        eq(marketplaceStock.marketplaceId, marketplace.id),
        eq(marketplaceStock.externalListingId, item),
      ),
    )
    .returning({ id: marketplaceStock.id });
  return rows.length > 0
    ? { status: "processed", result: `${item}: shop shows ${subject.available}` }
    : { status: "skipped", result: `${item} is not a listing of this marketplace yet` };
}
