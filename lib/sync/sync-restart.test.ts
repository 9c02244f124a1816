// PostgreSQL restarting in the middle of `npm run sync`: the command ends with a clear error and
// exit 1 within its deadline (no hang), the next run completes the work, nothing is doubled and
// the stock invariants hold. This file runs its own cluster, so restarting it disturbs no other
// test file. On the code before it the run's row was left `running` (and later called
// abandoned by the next run) instead of recording the failure once the server was back.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, queryRows } from "@/db/client";
import { migratePostgres } from "@/db/migrate";
import { syncRuns } from "@/db/schema";
import { type PgCluster, startPgCluster } from "@/db/testing/pg-cluster";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { runSyncChild } from "./testing/sync-child";
import { seedSimulatedMarketplaces } from "./testing/sync-fixture";

const SKU = "IPH13-128-MID-A";
const ORDERS = 60;

let cluster: PgCluster;
let handle: DatabaseHandle;
let sim: Simulator;
let url: string;
beforeAll(async () => {
  cluster = await startPgCluster();
  const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "stocklock_restart"`);
  } finally {
    await admin.end();
  }
  url = cluster.url("stocklock_restart");
  await migratePostgres(url);
  handle = await openDatabase({ url, max: 2 });
  sim = await startSimulator({ seed: 11 });
  await seedSimulatedMarketplaces(handle.db, sim, { [SKU]: 1_000 });
  for (let i = 0; i < ORDERS; i++) {
    sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }], decrementListing: false });
  }
});
afterAll(async () => {
  await sim?.close();
  await handle?.close();
  cluster?.stop();
});

/** A count that waits out the restart (the test's own connections break with it too). */
async function count(table: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from ${sql.identifier(table)}`,
      );
      return row?.n ?? 0;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const runRows = () => handle.db.select().from(syncRuns).orderBy(syncRuns.id);

describe("PostgreSQL restarting mid-run", () => {
  it("ends the run with a clear error and exit 1; the next run completes it once", async () => {
    sim.injectFault({ kind: "delay", ms: 300, count: 10_000, match: { channel: "backmarket" } });
    const deadline = { SYNC_RUN_DEADLINE_SECONDS: "20" };
    const first = runSyncChild(["--type=new", "--marketplace=bm-fr", "--page-size=10", "--json"], {
      databaseUrl: url,
      timeoutMs: 40_000,
      env: deadline,
    });
    const waitUntil = Date.now() + 30_000;
    while ((await count("orders")) < 10) {
      if (Date.now() > waitUntil) throw new Error("the first run imported nothing in 30 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await cluster.restart({ downtimeMs: 500 });

    const result = await first;
    expect(result.timedOut, "npm run sync hung after the restart").toBe(false);
    expect(result.code, result.stderr).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.runs[0]).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/database unreachable|lost the run lock/),
    });
    expect(await count("orders")).toBeLessThan(ORDERS);
    // The run recorded its own failure once the server was back: /sync shows why at once,
    // not a row left `running` until the next run calls it abandoned.
    const [row] = await runRows();
    expect(row).toMatchObject({ id: summary.runs[0].runId, status: "failed" });
    expect(row?.message).toMatch(/database unreachable|lost the run lock/);

    sim.clearFaults();
    const second = await runSyncChild(["--type=new", "--marketplace=bm-fr", "--json"], {
      databaseUrl: url,
      timeoutMs: 40_000,
      env: deadline,
    });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).runs[0].status).toBe("succeeded");
    expect((await runRows()).map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect((await runRows())[0]?.message).not.toMatch(/abandoned/);
    expect(await count("orders")).toBe(ORDERS);
    expect(await count("order_items")).toBe(ORDERS);
    expect(await count("marketplace_stock_locks")).toBe(ORDERS);
    const accepts = sim.writes("backmarket").filter((w) => /^\/ws\/orders\/\d+$/.test(w.path));
    expect(new Set(accepts.map((w) => w.path)).size).toBe(ORDERS);
    expect(accepts.filter((w) => w.status === 200)).toHaveLength(ORDERS);
    await expectStockInvariantsHold(handle.db);
  });
});
