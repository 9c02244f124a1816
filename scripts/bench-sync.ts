// npm run bench:sync [-- --orders=100000] — 10,000 orders (default) in the simulator (no
// injected latency) synced into real PostgreSQL (a throwaway cluster unless DATABASE_URL is
// set; then two scratch databases are created on that server and dropped afterwards).
// Reports, in one run:
//   fetch only     every page of the listing, nothing written
//   bulk insert    the same orders and lines in multi-row INSERTs (no locks, no events)
//   first import   `modified` sync into an empty database (locks, events, ledger, outbox)
//   re-sync        the same sync again, nothing changed
//   sync's own     first import − fetch: what the sync adds to reading the marketplace
//   memory         peak RSS of the process, and the sync thread's peak heap during the syncs
// The simulator runs on a thread of its own (bench-sync-simulator.ts), as a marketplace's
// servers are not the sync's process. Run it at 10,000 and 100,000 orders: every cost must grow
// linearly (README, "Sync cost at scale").
// Targets: first import ≥ 3,000 orders/s and ≤ 1.3 × (fetch + bulk insert),
//          re-sync ≥ 3,000 orders/s.
import { once } from "node:events";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { marketplaces, orderItems, orders } from "@/db/schema";
import { startPgCluster } from "@/db/testing/pg-cluster";
import { deriveOrderStatus, type NormalizedOrder } from "@/lib/domain/normalized-order";
import { logger } from "@/lib/log";
import { createAdapter } from "@/lib/marketplaces/factory";
import { demoTokens } from "@/lib/marketplaces/simulator/catalogue";
import { fastTimings } from "@/lib/marketplaces/testing/fast-clients";
import { runSync, upsertVariations } from "@/lib/runtime";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "10000" },
    json: { type: "boolean", default: false },
  },
});
const ORDER_COUNT = Number(values.orders);
if (!Number.isInteger(ORDER_COUNT) || ORDER_COUNT < 1) {
  console.error("--orders must be a positive whole number");
  process.exit(2);
}
const TOKEN_ENV = "STOCKLOCK_BENCH_BM_TOKEN";
process.env[TOKEN_ENV] = demoTokens.backmarket;
if (!process.env.LOG_LEVEL) logger.level = "warn";
// No throttling: the benchmark measures our side, not the marketplace's rate limits.
// The simulator listens on 127.0.0.1: a loopback host this bench allows for itself.
const adapterOptions = {
  timings: fastTimings({ timeoutMs: 30_000 }),
  hostPolicy: { allowPrivate: true },
  // One listing of every order: more pages than a quarter's default limit at 100 k orders.
  limits: { maxPagesPerListing: Math.ceil(ORDER_COUNT / 50) + 10 },
};

const seconds = (ms: number) => (ms / 1000).toFixed(2);
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function createDatabases(): Promise<{
  urls: [string, string];
  cleanup: () => Promise<void>;
}> {
  const cluster = process.env.DATABASE_URL ? undefined : await startPgCluster();
  const adminUrl = process.env.DATABASE_URL ?? cluster?.url() ?? "";
  const suffix = Date.now().toString(36);
  const names = [`stocklock_bench_${suffix}`, `stocklock_bench_bulk_${suffix}`] as const;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (const name of names) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const urls = names.map((name) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }) as [string, string];
  for (const url of urls) await migratePostgres(url);
  return {
    urls,
    async cleanup() {
      if (cluster) return cluster.stop();
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      for (const name of names) await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    },
  };
}

async function addMarketplace(handle: DatabaseHandle, baseUrl: string) {
  const [row] = await handle.db
    .insert(marketplaces)
    .values({
      code: "bm-bench",
      name: "Back Market (bench)",
      provider: "backmarket",
      baseUrl,
      tokenEnv: TOKEN_ENV,
      country: "fr-fr",
      settings: { userAgent: "BM-Stocklock-Bench;dev@example.com" },
    })
    .returning();
  if (!row) throw new Error("marketplace not created");
  return row;
}

/** The same rows the sync writes to orders and order_items, in multi-row INSERTs. */
async function bulkInsert(handle: DatabaseHandle, fetched: NormalizedOrder[]): Promise<void> {
  for (let start = 0; start < fetched.length; start += 1_000) {
    const batch = fetched.slice(start, start + 1_000);
    await handle.db.transaction(async (tx) => {
      const ids = await tx
        .insert(orders)
        .values(
          batch.map((order) => ({
            marketplaceId: order.marketplaceId,
            externalId: order.externalId,
            status: deriveOrderStatus(order.items.map((item) => item.status)),
            marketplaceState: order.marketplaceState,
            currency: order.currency,
            totalAmount: order.totalAmount,
            customerName: order.customerName,
            shippingCountry: order.shippingCountry,
            labelUrl: order.labelUrl,
            deliveryNoteUrl: order.deliveryNoteUrl,
            trackingNumber: order.trackingNumber,
            orderedAt: order.orderedAt,
            modifiedAt: order.modifiedAt,
          })),
        )
        .returning({ id: orders.id });
      await tx.insert(orderItems).values(
        batch.flatMap((order, index) =>
          order.items.map((item) => ({
            orderId: ids[index]?.id ?? 0,
            externalId: item.externalId,
            sku: item.sku,
            name: item.name,
            quantity: item.quantity,
            unitPrice: item.unitPrice,
            status: item.status,
            marketplaceState: item.marketplaceState,
          })),
        ),
      );
    });
  }
}

/**
 * Every page of the listing read (timed), then the same orders written by bulkInsert (timed).
 * The fetched orders are dropped before the syncs run, so the syncs' memory is their own.
 */
async function fetchAndBulkInsert(
  adapter: ReturnType<typeof createAdapter>,
  scratch: DatabaseHandle,
  scratchMarketplaceId: number,
): Promise<{ fetch: { ms: number }; bulk: { ms: number } }> {
  const since = new Date(Date.now() - 24 * 60 * 60_000);
  const fetch = await timed(async () => {
    const fetched: NormalizedOrder[] = [];
    for await (const result of adapter.listOrdersModifiedSince(since, { pageSize: 50 })) {
      if (result.ok) fetched.push({ ...result.order, marketplaceId: scratchMarketplaceId });
    }
    return fetched;
  });
  const bulk = await timed(() => bulkInsert(scratch, fetch.value));
  return { fetch: { ms: fetch.ms }, bulk: { ms: bulk.ms } };
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

// A full collection on demand: what this thread keeps, as opposed to what it has yet to collect.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Peak RSS (process) and heap used (this thread), sampled every 50 ms until stopped. */
function sampleMemory(): { stop: () => { rss: number; heapUsed: number } } {
  const peaks = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, usage.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/**
 * The simulator with ORDER_COUNT orders, on its own thread (bench-sync-simulator.ts): a real
 * marketplace's work happens on its servers, not on the sync's event loop.
 */
async function startSimulatorThread(): Promise<{
  url: string;
  skus: string[];
  close: () => Promise<void>;
}> {
  const entry = new URL("./bench-sync-simulator.ts", import.meta.url).href;
  // Loaded through tsx like this script (a worker does not inherit the TypeScript loader).
  const worker = new Worker(
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: { orders: ORDER_COUNT, seed: 1 } },
  );
  const [ready] = (await once(worker, "message")) as [{ url: string; skus: string[] }];
  return {
    ...ready,
    async close() {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}

async function main(): Promise<void> {
  const { urls, cleanup } = await createDatabases();
  const sim = await startSimulatorThread();
  const target = await openDatabase({ url: urls[0], max: 10 });
  const scratch = await openDatabase({ url: urls[1], max: 4 });
  try {
    const { skus } = sim;
    await target.db.transaction((tx) =>
      upsertVariations(
        tx,
        skus.map((sku) => ({ sku, name: sku, onHand: ORDER_COUNT })),
        { actor: "bench" },
      ),
    );
    const marketplace = await addMarketplace(target, sim.url);
    const scratchMarketplace = await addMarketplace(scratch, sim.url);

    const { fetch, bulk } = await fetchAndBulkInsert(
      createAdapter(marketplace, adapterOptions),
      scratch,
      scratchMarketplace.id,
    );

    // One full collection halfway through the first import: what the sync keeps while it runs.
    let heapMidImport: number | undefined;
    const sync = (label: string) =>
      timed(async () => {
        const summary = await runSync({
          type: "modified",
          marketplace: marketplace.code,
          trigger: "cli",
          db: target.db,
          adapterOptions,
          onProgress: (event) => {
            if (event.kind !== "progress" || heapMidImport !== undefined) return;
            if (event.recorder.counts.fetched >= ORDER_COUNT / 2) heapMidImport = liveHeap();
          },
        });
        const run = summary.runs[0];
        if (run?.status !== "succeeded") {
          throw new Error(`${label} did not succeed: ${JSON.stringify(run)}`);
        }
        return run;
      });
    const heapBefore = liveHeap();
    const memory = sampleMemory();
    const first = await sync("first import");
    const again = await sync("re-sync");
    const peaks = memory.stop();
    const heapAfter = liveHeap();

    const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
    const result = {
      orders: ORDER_COUNT,
      fetchMs: Math.round(fetch.ms),
      bulkInsertMs: Math.round(bulk.ms),
      firstImport: {
        ms: Math.round(first.ms),
        ordersPerSecond: rate(first.value.counts.fetched, first.ms),
        created: first.value.counts.created,
        locks: first.value.counts.locks,
      },
      resync: {
        ms: Math.round(again.ms),
        ordersPerSecond: rate(again.value.counts.fetched, again.ms),
        created: again.value.counts.created,
        updated: again.value.counts.updated,
      },
    };
    const ratio = first.ms / (fetch.ms + bulk.ms);
    const syncOwnMs = Math.max(0, first.ms - fetch.ms);
    const memoryResult = {
      peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
      syncsRssPeakMb: megabytes(peaks.rss),
      heapBeforeSyncsMb: megabytes(heapBefore),
      heapMidImportMb: megabytes(heapMidImport ?? 0),
      syncHeapPeakMb: megabytes(peaks.heapUsed),
      heapAfterSyncsMb: megabytes(heapAfter),
    };
    const targets = {
      firstImportAtLeast3000PerSecond: result.firstImport.ordersPerSecond >= 3_000,
      resyncAtLeast3000PerSecond: result.resync.ordersPerSecond >= 3_000,
      syncWithin1_3xFetchPlusBulk: ratio <= 1.3,
    };
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...result, syncOwnMs: Math.round(syncOwnMs), memory: memoryResult, ratio: Number(ratio.toFixed(2)), targets })}\n`,
      );
    } else {
      const verdict = (met: boolean) => (met ? "met" : "MISSED");
      console.log(`orders                    ${ORDER_COUNT}`);
      console.log(`fetch every page          ${seconds(fetch.ms)} s`);
      console.log(`bulk insert same rows     ${seconds(bulk.ms)} s`);
      console.log(
        `first import (modified)   ${seconds(first.ms)} s  ${result.firstImport.ordersPerSecond} orders/s  (${result.firstImport.created} created, ${result.firstImport.locks} locks)  target ≥ 3000: ${verdict(targets.firstImportAtLeast3000PerSecond)}`,
      );
      console.log(
        `unchanged re-sync         ${seconds(again.ms)} s  ${result.resync.ordersPerSecond} orders/s  (${result.resync.created} created, ${result.resync.updated} updated)  target ≥ 3000: ${verdict(targets.resyncAtLeast3000PerSecond)}`,
      );
      console.log(
        `sync's own time           ${seconds(syncOwnMs)} s  (first import − fetch; ${(syncOwnMs / (ORDER_COUNT / 1000)).toFixed(0)} ms per 1,000 orders)`,
      );
      console.log(
        `first import / (fetch + bulk insert) = ${ratio.toFixed(2)}  target ≤ 1.3: ${verdict(targets.syncWithin1_3xFetchPlusBulk)}`,
      );
      console.log(
        `memory                    peak RSS ${memoryResult.peakRssMb} MB (whole run; ${memoryResult.syncsRssPeakMb} MB during the syncs, simulator thread included); sync thread heap live ${memoryResult.heapBeforeSyncsMb} MB before the syncs, ${memoryResult.heapMidImportMb} MB halfway through the first import, ${memoryResult.heapAfterSyncsMb} MB after (${memoryResult.syncHeapPeakMb} MB at most, garbage included)`,
      );
    }
  } finally {
    await target.close();
    await scratch.close();
    await sim.close();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
