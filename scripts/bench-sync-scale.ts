// Stress variant of lib/sync/sync-scale.test.ts, too long for the test suite: many simulated
// marketplaces (default 200) with orders, `all` in one runSync on the default pool of ten, on a
// throwaway PostgreSQL cluster. Prints the duration, the run statuses and the invariants.
//   npx tsx scripts/bench-sync-scale.ts [--marketplaces=200] [--orders=20]
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { startPgCluster } from "@/db/testing/pg-cluster";
import { startSimulator } from "@/lib/marketplaces/simulator/server";
import { runSync } from "@/lib/runtime";
import { checkStockInvariants } from "@/lib/stock/invariants";
import { addSimulatedMarketplaces } from "@/lib/sync/testing/many-marketplaces";
import { adapterOptions, seedSimulatedMarketplaces } from "@/lib/sync/testing/sync-fixture";
import { runMain } from "./run-main";

const argsSchema = z.object({
  marketplaces: z.coerce.number().int().min(2).max(2_000).default(200),
  orders: z.coerce.number().int().min(0).max(10_000).default(20),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { marketplaces: { type: "string" }, orders: { type: "string" } },
  });
  const args = argsSchema.parse(values);
  const cluster = await startPgCluster();
  try {
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "bench"`);
    await admin.end();
    await migratePostgres(cluster.url("bench"));
    const handle = await openDatabase({ url: cluster.url("bench") });
    const sim = await startSimulator({ seed: 11 });
    const sku = sim.store.listings[0]?.sku ?? "X";
    await seedSimulatedMarketplaces(handle.db, sim, { [sku]: 100_000 });
    await addSimulatedMarketplaces(handle.db, sim.url, args.marketplaces - 2);
    for (let i = 0; i < args.orders; i++) {
      for (const channel of ["backmarket", "refurbed"] as const) {
        sim.addOrder({ channel, lines: [{ sku }], decrementListing: false });
      }
    }
    const started = performance.now();
    const summary = await runSync({ type: "all", db: handle.db, trigger: "cli", adapterOptions });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const statuses: Record<string, number> = {};
    for (const run of summary.runs) statuses[run.status] = (statuses[run.status] ?? 0) + 1;
    const report = await checkStockInvariants(handle.db);
    const broken = report.invariants.filter((i) => i.violations > 0).map((i) => i.name);
    console.log(JSON.stringify({ ...args, seconds, runs: summary.runs.length, statuses, broken }));
    await sim.close();
    await handle.close();
    return summary.exitCode === 0 && broken.length === 0 ? 0 : 1;
  } finally {
    cluster.stop();
  }
}

runMain(main, "bench-sync-scale");
