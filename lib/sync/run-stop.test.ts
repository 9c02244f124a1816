// A run that cannot go on must end, free its pair and stop writing: past its deadline it ends
// `failed` (and the next run of the pair runs instead of being skipped); when the connection
// holding its lock dies it stops writing at once and ends `failed`. Both fail on the code
// before the deadline and the dedicated lock connection existed (the run waited out the slow
// marketplace and succeeded; the run kept writing after its lock was gone).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { startSimulator } from "@/lib/marketplaces/simulator/server";
import { fastTimings } from "@/lib/marketplaces/testing/fast-clients";
import { runSync } from "@/lib/runtime";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import {
  adapterOptions,
  createSyncWorld,
  type SyncWorld,
  seedSimulatedMarketplaces,
} from "./testing/sync-fixture";

const SKU = "IPH13-128-MID-A";
// Slow marketplace answers must not time out on the client's side: only the run's deadline ends them.
const slowAdapter = { adapterOptions: { timings: fastTimings({ timeoutMs: 30_000 }) } };

let world: SyncWorld;
beforeEach(async () => {
  world = await createSyncWorld({ [SKU]: 1_000 });
});
afterEach(async () => {
  await world.close();
});

const orderCount = async () =>
  (await queryRows<{ n: number }>(world.database.db, sql`select count(*)::int as n from orders`))[0]
    ?.n ?? 0;

const expectInvariantsClean = () => expectStockInvariantsHold(world.database.db);

describe("a run past its deadline", () => {
  it("ends failed with the deadline in its message, fast, and the next run of the pair works", async () => {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }] });
    world.sim.injectFault({ kind: "delay", ms: 8_000, count: 1, match: { channel: "backmarket" } });
    const started = performance.now();
    const first = await world.sync("new", "bm-fr", { ...slowAdapter, deadlineMs: 1_000 });
    const elapsed = performance.now() - started;
    expect(first.exitCode).toBe(1);
    expect(first.runs[0]).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^deadline of 1 s passed/),
    });
    // The marketplace call was aborted, not waited out.
    expect(elapsed).toBeLessThan(4_000);

    world.sim.clearFaults();
    const second = await world.sync("new", "bm-fr");
    expect(second.runs[0]).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    const rows = await world.database.db.select().from(syncRuns).orderBy(syncRuns.id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(rows[0]?.message).toMatch(/deadline of 1 s passed/);
    await expectInvariantsClean();
  });
});

describe("a run whose lock connection dies", () => {
  it("stops writing and ends failed; the next run completes the work once", async () => {
    const ORDERS = 60;
    for (let i = 0; i < ORDERS; i++) {
      world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }], decrementListing: false });
    }
    world.sim.injectFault({
      kind: "delay",
      ms: 300,
      count: 10_000,
      match: { channel: "backmarket" },
    });
    const running = world.sync("new", "bm-fr", { ...slowAdapter, pageSize: 10 });
    const waitUntil = Date.now() + 30_000;
    while ((await orderCount()) < 10) {
      if (Date.now() > waitUntil) throw new Error("the run imported nothing in 30 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killed = await queryRows<{ pid: number }>(
      world.database.db,
      sql`select pg_terminate_backend(pid) as killed, pid from pg_locks
          where locktype = 'advisory' and granted
            and database = (select oid from pg_database where datname = current_database())`,
    );
    expect(killed).toHaveLength(1);

    const summary = await running;
    const atEnd = await orderCount();
    expect(summary.exitCode).toBe(1);
    expect(summary.runs[0]).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/lost the run lock .* stopped writing/),
    });
    expect(atEnd).toBeLessThan(ORDERS);
    // Nothing of the stopped run lands later.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await orderCount()).toBe(atEnd);

    world.sim.clearFaults();
    const next = await world.sync("new", "bm-fr");
    expect(next.runs[0]?.status).toBe("succeeded");
    expect(await orderCount()).toBe(ORDERS);
    const [locks] = await queryRows<{ n: number }>(
      world.database.db,
      sql`select count(*)::int as n from marketplace_stock_locks`,
    );
    expect(locks?.n).toBe(ORDERS);
    await expectInvariantsClean();
  });
});

describe("a run stuck in the database past its deadline", () => {
  it("ends failed at its deadline and its stuck transaction never commits", async () => {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }] });
    // Another session holds the variation's row lock: the run's order transaction waits on it.
    const blocker = postgres(world.database.url, { max: 1, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const blocking = blocker.begin(async (tx) => {
      await tx`select id from variations for update`;
      locked();
      await released;
    });
    await holding;
    // Let the row go after the deadline (1 s) but before the run's lock_timeout (5 s): the
    // stuck transaction then finishes its work while the run is already stopped.
    const releaseLater = setTimeout(release, 2_000);
    try {
      const first = await world.sync("new", "bm-fr", { deadlineMs: 1_000 });
      expect(first.runs[0]).toMatchObject({
        status: "failed",
        message: expect.stringMatching(/^deadline of 1 s passed/),
      });
    } finally {
      clearTimeout(releaseLater);
      release();
      await blocking;
      await blocker.end();
    }
    // The stuck transaction got its row after the deadline: fenced, it rolled back.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await orderCount()).toBe(0);
    const next = await world.sync("new", "bm-fr");
    expect(next.runs[0]).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    await expectInvariantsClean();
  });
});

describe("the embedded database", () => {
  it("applies the deadline too, and frees its process-local lock", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    const sim = await startSimulator({ seed: 11 });
    try {
      await seedSimulatedMarketplaces(handle.db, sim, { [SKU]: 5 });
      sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }] });
      sim.injectFault({ kind: "delay", ms: 8_000, count: 1, match: { channel: "backmarket" } });
      const options = { type: "new", marketplace: "bm-fr", db: handle.db, trigger: "cli" } as const;
      const first = await runSync({ ...options, ...slowAdapter, deadlineMs: 1_000 });
      expect(first.runs[0]).toMatchObject({
        status: "failed",
        message: expect.stringMatching(/^deadline of 1 s passed/),
      });
      sim.clearFaults();
      const second = await runSync({ ...options, adapterOptions });
      expect(second.runs[0]).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    } finally {
      await sim.close();
      await handle.close();
    }
  });
});
