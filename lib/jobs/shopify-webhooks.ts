// Receiving a Shopify webhook: the marketplace found by its code, the signature checked over
// the raw bytes with the marketplace's webhook secret BEFORE the body is parsed, the shop
// domain compared, the delivery stored once (a duplicate is acknowledged and dropped), then
// handed on fast: a pg-boss job on PostgreSQL, or processed in this process on the embedded
// database while the answer goes back. Refusals store nothing and say nothing about why.
import { and, eq } from "drizzle-orm";
import { type DatabaseHandle, getDatabaseHandle } from "@/db/client";
import { marketplaces } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { shopifySettingsOf } from "@/lib/marketplaces/shopify/factory";
import {
  shopifyWebhookHeadersSchema,
  validShopifySignature,
  type WebhookSubject,
  webhookSubject,
} from "@/lib/marketplaces/shopify/webhook";
import { processWebhookDelivery } from "@/lib/runtime";
import { pruneDeliveries, recordDelivery } from "@/lib/sync/webhook-deliveries";
import { readMarketplaceSecret } from "@/lib/validations/token-env";
import { getSenderBoss, type WebhookJobData } from "./queue";
import { WEBHOOK_QUEUE } from "./queue-names";
import { syncExecution } from "./request-sync";

export interface WebhookAnswer {
  status: 200 | 400 | 401;
  body: Record<string, unknown>;
}

export interface ReceiveOptions {
  /** Where secret variables are read from (default: process.env). */
  env?: Record<string, string | undefined>;
  handle?: DatabaseHandle;
  /** The PostgreSQL whose queue takes the job (default DATABASE_URL; with `handle`). */
  queueUrl?: string;
}

const unauthorized: WebhookAnswer = { status: 401, body: { error: "unauthorized" } };
const CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const log = logger.child({ route: "webhooks/shopify" });

/** Processings started in this process (embedded database) that have not finished. */
const inFlight = new Set<Promise<unknown>>();
export async function webhooksSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

let lastPrune = 0;

export async function receiveShopifyWebhook(
  code: string,
  headers: Headers,
  body: Uint8Array,
  options: ReceiveOptions = {},
): Promise<WebhookAnswer> {
  if (!CODE.test(code)) return unauthorized;
  const handle = options.handle ?? (await getDatabaseHandle());
  const [marketplace] = await handle.db
    .select()
    .from(marketplaces)
    .where(and(eq(marketplaces.code, code), eq(marketplaces.provider, "shopify")));
  if (!marketplace?.active) {
    log.warn({ code }, "webhook for an unknown or inactive Shopify marketplace refused");
    return unauthorized;
  }
  const secrets = webhookSecrets(marketplace, options.env);
  if (!secrets) return unauthorized;
  if (!validShopifySignature(body, headers.get("x-shopify-hmac-sha256"), secrets)) {
    log.warn({ code }, "webhook with a missing or wrong signature refused");
    return unauthorized;
  }
  const settings = shopifySettingsOf(marketplace);
  const shopDomain = headers.get("x-shopify-shop-domain")?.trim().toLowerCase();
  if (shopDomain !== settings.shopDomain) {
    log.warn({ code, shopDomain }, "webhook signed for another shop domain refused");
    return unauthorized;
  }
  const parsedHeaders = shopifyWebhookHeadersSchema.safeParse({
    topic: headers.get("x-shopify-topic"),
    shopDomain,
    webhookId: headers.get("x-shopify-webhook-id"),
    eventId: headers.get("x-shopify-event-id"),
    triggeredAt: headers.get("x-shopify-triggered-at"),
    apiVersion: headers.get("x-shopify-api-version"),
  });
  if (!parsedHeaders.success) {
    return { status: 400, body: { error: "missing Shopify headers (topic, webhook id)" } };
  }
  const meta = parsedHeaders.data;
  const subject = webhookSubject(meta.topic, new TextDecoder().decode(body));
  if (!subject.ok) {
    log.warn({ code, topic: meta.topic, error: subject.error }, "webhook body refused");
    return { status: 400, body: { error: subject.error } };
  }
  const deliveryRowId = await recordDelivery(handle.db, {
    marketplaceId: marketplace.id,
    deliveryId: meta.webhookId,
    eventId: meta.eventId ?? null,
    topic: meta.topic,
    triggeredAt: meta.triggeredAt,
    subject: subject.subject,
  });
  if (deliveryRowId === null) return { status: 200, body: { duplicate: true } };
  if (subject.subject.kind !== "ignored") {
    await dispatch(
      handle,
      deliveryRowId,
      subjectKey(marketplace.id, subject.subject),
      options.queueUrl,
    );
  }
  pruneNowAndThen(handle);
  return { status: 200, body: { received: true } };
}

/** The webhook secrets of a marketplace (its variable's value, comma-separated), or null. */
function webhookSecrets(
  marketplace: typeof marketplaces.$inferSelect,
  source: Record<string, string | undefined> | undefined,
): string[] | null {
  try {
    const settings = shopifySettingsOf(marketplace);
    const name = settings.webhookSecretEnv ?? settings.clientSecretEnv;
    if (!name) {
      log.error({ code: marketplace.code }, "Shopify marketplace has no webhook secret variable");
      return null;
    }
    // During a rotation the variable holds "new,old": Shopify may sign with the old secret
    // for up to an hour after the change.
    return readMarketplaceSecret(marketplace.code, name, "_SECRET", "webhook secret", source)
      .split(",")
      .map((secret) => secret.trim())
      .filter(Boolean);
  } catch (error) {
    log.error({ code: marketplace.code, err: (error as Error).message }, "webhook secret unusable");
    return null;
  }
}

/** Deliveries about the same order (or inventory item) are processed one after the other. */
function subjectKey(marketplaceId: number, subject: WebhookSubject): string {
  if (subject.kind === "order") return `${marketplaceId}:order:${subject.orderId}`;
  if (subject.kind === "inventory") return `${marketplaceId}:item:${subject.inventoryItemId}`;
  return `${marketplaceId}:other`;
}

/**
 * In this process, one subject's deliveries run in turn: the second of orders/create and
 * orders/paid then finds the order as new as itself and is skipped, instead of a second
 * re-read of the same order from Shopify.
 */
const chains = new Map<string, Promise<unknown>>();
function inTurn(key: string, work: () => Promise<unknown>): Promise<unknown> {
  const next = (chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  chains.set(key, next);
  void next
    .catch(() => undefined)
    .finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  return next;
}

async function dispatch(
  handle: DatabaseHandle,
  deliveryRowId: number,
  key: string,
  queueUrl = env().DATABASE_URL,
): Promise<void> {
  if (syncExecution(handle.kind) === "queue") {
    if (!queueUrl) throw new Error("queue mode needs DATABASE_URL");
    const boss = await getSenderBoss(queueUrl);
    const job: WebhookJobData = { deliveryRowId, key };
    await boss.send(WEBHOOK_QUEUE, job, { retryLimit: 0 });
    return;
  }
  const processing = inTurn(key, () => processWebhookDelivery(handle.db, deliveryRowId))
    .then((result) => log.info({ deliveryRowId, result }, "webhook delivery processed"))
    .catch((error: unknown) =>
      log.error({ err: error, deliveryRowId }, "webhook processing failed"),
    )
    .finally(() => inFlight.delete(processing));
  inFlight.add(processing);
}

function pruneNowAndThen(handle: DatabaseHandle): void {
  if (Date.now() - lastPrune < 10 * 60_000) return;
  lastPrune = Date.now();
  pruneDeliveries(handle.db).catch((error: unknown) =>
    log.warn({ err: error }, "pruning webhook deliveries failed"),
  );
}
