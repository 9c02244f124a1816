// The two ways Stocklock runs its schedule, as bench:window starts them: the queue worker
// (pg-boss on a throwaway PostgreSQL, `npm run worker`'s startSyncWorker) and the in-process
// schedule on the embedded database (`npm run dev`'s). Each gets the bench's marketplaces and
// variations, one stock sync so every listing starts in step, then its schedule.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { marketplaceStock, marketplaces } from "@/db/schema";
import { startPgCluster } from "@/db/testing/pg-cluster";
import { startInProcessSchedule } from "@/lib/jobs/in-process-schedule";
import { startBoss } from "@/lib/jobs/queue";
import { startSyncWorker } from "@/lib/jobs/queue-worker";
import type { SimulatorStore } from "@/lib/marketplaces/simulator/store";
import { runSync, upsertVariations } from "@/lib/runtime";
import { benchChannels } from "./channels";

export type BenchPath = "worker" | "in-process";

export interface StartedPath {
  /** Stops the schedule and frees the database. */
  stop(): Promise<void>;
}

export interface PathSettings {
  simulatorUrl: string;
  listings: SimulatorStore["listings"];
  stock: number;
  /** 0: the 5-minute schedule only (before the fast loop). */
  pollSeconds: number;
}

const tokenEnv = { backmarket: "STOCKLOCK_BENCH_BM_TOKEN", refurbed: "STOCKLOCK_BENCH_RF_TOKEN" };

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
  const worker = await startSyncWorker(boss, {
    db: handle.db,
    newOrderPoll: settings.pollSeconds > 0 ? { intervalMs: settings.pollSeconds * 1000 } : false,
  });
  return {
    async stop() {
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
  return {
    async stop() {
      stopSchedule();
      // Let a run or poll in flight finish before the database closes under it.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bench's marketplaces, its variations listed on each, and one stock sync. */
async function prepare(handle: DatabaseHandle, settings: PathSettings): Promise<void> {
  const { db } = handle;
  const rows = await db
    .insert(marketplaces)
    .values(
      benchChannels.map((channel) => ({
        code: `bench-${channel.name}`,
        name: `${channel.label} (bench)`,
        provider: channel.name,
        baseUrl: settings.simulatorUrl,
        tokenEnv: tokenEnv[channel.name],
        country: channel.name === "backmarket" ? "fr-fr" : null,
        settings: { userAgent: "BM-Stocklock-Bench;dev@example.com" },
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
        externalListingId: row.provider === "backmarket" ? l.bmListingId : l.rfOfferId,
        externalSku: l.sku,
        listedQuantity: l.quantity,
      })),
    ),
  );
  const summary = await runSync({ type: "stock", db, trigger: "cli" });
  if (summary.fatal)
    throw new Error(`the first stock sync failed: ${JSON.stringify(summary.runs)}`);
}
