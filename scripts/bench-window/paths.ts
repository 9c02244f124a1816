// The two ways Stocklock runs its schedule, as bench:window starts them: the queue worker
// (pg-boss on a throwaway PostgreSQL, `npm run worker`'s startSyncWorker) and the in-process
// schedule on the embedded database (`npm run dev`'s). Each gets the bench's marketplaces and
// variations, one stock sync so every listing starts in step, then its schedule — and the
// endpoint the shop's webhooks are delivered to (webhook-receiver.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { marketplaceStock, marketplaces } from "@/db/schema";
import { startPgCluster } from "@/db/testing/pg-cluster";
import { startInProcessSchedule } from "@/lib/jobs/in-process-schedule";
import { startBoss, stopSenderBoss } from "@/lib/jobs/queue";
import { startSyncWorker } from "@/lib/jobs/queue-worker";
import { webhooksSettled } from "@/lib/jobs/shopify-webhooks";
import { demoShopify } from "@/lib/marketplaces/simulator/catalogue";
import type { SimulatorStore } from "@/lib/marketplaces/simulator/store";
import { runSync, upsertVariations } from "@/lib/runtime";
import { benchChannels } from "./channels";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

export type BenchPath = "worker" | "in-process";

export interface StartedPath {
  /** Where the shop delivers its webhooks (the app's endpoint of the bench's shop). */
  webhookUrl: string;
  /** Stops the schedule and frees the database. */
  stop(): Promise<void>;
}

export interface PathSettings {
  simulatorUrl: string;
  listings: SimulatorStore["listings"];
  /** The shop's inventory item of each SKU. */
  shopifyItems: Record<string, number>;
  stock: number;
  /** 0: the 5-minute schedule only (before the fast loop). */
  pollSeconds: number;
}

const tokenEnv = {
  backmarket: "STOCKLOCK_BENCH_BM_TOKEN",
  refurbed: "STOCKLOCK_BENCH_RF_TOKEN",
  shopify: "STOCKLOCK_BENCH_SHOP_TOKEN",
};
/** The shop's webhook secret (its app's client secret) is in this variable (env-setup.ts). */
export const SHOP_WEBHOOK_SECRET_ENV = "STOCKLOCK_BENCH_SHOP_WEBHOOK_SECRET";
const codeOf = (channel: string) => `bench-${channel}`;

export async function startPath(kind: BenchPath, settings: PathSettings): Promise<StartedPath> {
  return kind === "worker" ? startWorkerPath(settings) : startInProcessPath(settings);
}

async function startWorkerPath(settings: PathSettings): Promise<StartedPath> {
  const cluster = process.env.DATABASE_URL ? undefined : await startPgCluster();
  const adminUrl = process.env.DATABASE_URL ?? cluster?.url() ?? "";
  const name = `stocklock_window_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const handle = await openDatabase({ url: url.toString(), max: 10 });
  await prepare(handle, settings);
  const boss = await startBoss(url.toString(), { worker: true });
  // Deliveries are stored and queued here; the worker's webhook queue processes them.
  const receiver = await startWebhookReceiver(handle, url.toString());
  const worker = await startSyncWorker(boss, {
    db: handle.db,
    newOrderPoll: settings.pollSeconds > 0 ? { intervalMs: settings.pollSeconds * 1000 } : false,
  });
  return {
    webhookUrl: receiver.urlFor(codeOf("shopify")),
    async stop() {
      await receiver.close();
      await stopSenderBoss();
      await worker.stop();
      // Graceful: a job in hand (a sync, the alert tick) ends before the database closes.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await handle.close();
      if (cluster) return cluster.stop();
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    },
  };
}

async function startInProcessPath(settings: PathSettings): Promise<StartedPath> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stocklock-window-"));
  const handle = await openDatabase({ pgliteDir: dir });
  await prepare(handle, settings);
  const stopSchedule = await startInProcessSchedule({
    handle,
    newOrderPollMs: settings.pollSeconds * 1000,
  });
  // The embedded database: deliveries are processed in this process as they are answered.
  const receiver: WebhookReceiver = await startWebhookReceiver(handle);
  return {
    webhookUrl: receiver.urlFor(codeOf("shopify")),
    async stop() {
      await receiver.close();
      stopSchedule();
      await webhooksSettled();
      // Let a run or poll in flight finish before the database closes under it.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const BENCH_USER_AGENT = "BM-Stocklock-Bench;dev@example.com";
/** The bench's shop: the simulated one, its main location, webhooks signed with its secret. */
const shopSettings = {
  shopDomain: demoShopify.shopDomain,
  locationId: demoShopify.locationId,
  apiVersion: "2026-04",
  webhookSecretEnv: SHOP_WEBHOOK_SECRET_ENV,
};

function listingIdOf(
  provider: string,
  listing: SimulatorStore["listings"][number],
  shopifyItems: Record<string, number>,
): string {
  if (provider === "backmarket") return listing.bmListingId;
  if (provider === "refurbed") return listing.rfOfferId;
  const item = shopifyItems[listing.sku];
  if (item === undefined) throw new Error(`the shop sells no ${listing.sku}`);
  return `gid://shopify/InventoryItem/${item}`;
}

/** The bench's marketplaces, its variations listed on each, and one stock sync. */
async function prepare(handle: DatabaseHandle, settings: PathSettings): Promise<void> {
  const { db } = handle;
  const rows = await db
    .insert(marketplaces)
    .values(
      benchChannels.map((channel) => ({
        code: codeOf(channel.name),
        name: `${channel.label} (bench)`,
        provider: channel.name,
        baseUrl: settings.simulatorUrl,
        tokenEnv: tokenEnv[channel.name],
        country: channel.name === "backmarket" ? "fr-fr" : null,
        settings: channel.name === "shopify" ? shopSettings : { userAgent: BENCH_USER_AGENT },
      })),
    )
    .returning({ id: marketplaces.id, provider: marketplaces.provider });
  await db.transaction((tx) =>
    upsertVariations(
      tx,
      settings.listings.map((l) => ({ sku: l.sku, name: l.title, onHand: settings.stock })),
      { actor: "bench" },
    ),
  );
  const variations = await db.query.variations.findMany();
  const idOf = new Map(variations.map((v) => [v.sku, v.id]));
  await db.insert(marketplaceStock).values(
    rows.flatMap((row) =>
      settings.listings.map((l) => ({
        marketplaceId: row.id,
        variationId: idOf.get(l.sku) ?? 0,
        externalListingId: listingIdOf(row.provider, l, settings.shopifyItems),
        externalSku: l.sku,
        listedQuantity: l.quantity,
      })),
    ),
  );
  const summary = await runSync({ type: "stock", db, trigger: "cli" });
  if (summary.fatal)
    throw new Error(`the first stock sync failed: ${JSON.stringify(summary.runs)}`);
}
