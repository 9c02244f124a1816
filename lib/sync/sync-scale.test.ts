// Fifty active marketplaces in one `npm run sync` on the default pool of ten connections: every
// run is recorded and the command exits 0. On the code before this test each run held a pooled
// connection for its advisory-lock transaction while all fifty started at once, so the pool was
// exhausted by lock holders and the command hung (killed here by the time limit).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import { addSimulatedMarketplaces } from "./testing/many-marketplaces";
import { runSyncChild } from "./testing/sync-child";
import { createSyncWorld, type SyncWorld } from "./testing/sync-fixture";

const SKU = "IPH13-128-MID-A";
const MARKETPLACES = 50;
const ORDERS_PER_CHANNEL = 2;

let world: SyncWorld;
beforeAll(async () => {
  world = await createSyncWorld({ [SKU]: 1_000 });
  // Besides the fixture's bm-fr and rf: 48 more, half of each provider, on the same simulator.
  await addSimulatedMarketplaces(world.database.db, world.sim.url, MARKETPLACES - 2);
  for (let i = 0; i < ORDERS_PER_CHANNEL; i++) {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }], decrementListing: false });
    world.sim.addOrder({ channel: "refurbed", lines: [{ sku: SKU }], decrementListing: false });
  }
});
afterAll(async () => {
  await world?.close();
});

describe("npm run sync with many marketplaces", () => {
  it("syncs 50 active marketplaces in one command: every run recorded, exit 0", async () => {
    const result = await runSyncChild(["--type=modified", "--json"], {
      databaseUrl: world.database.url,
      timeoutMs: 40_000,
    });
    expect(result.timedOut, "npm run sync hung").toBe(false);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.runs).toHaveLength(MARKETPLACES);

    const runs = await world.database.db.select().from(syncRuns);
    expect(runs).toHaveLength(MARKETPLACES);
    expect(new Set(runs.map((r) => r.marketplaceId)).size).toBe(MARKETPLACES);
    expect(runs.every((r) => r.status === "succeeded")).toBe(true);
    const [orders] = await queryRows<{ n: number }>(
      world.database.db,
      sql`select count(*)::int as n from orders`,
    );
    expect(orders?.n).toBe(MARKETPLACES * ORDERS_PER_CHANNEL);
    await expectStockInvariantsHold(world.database.db);
  });
});
