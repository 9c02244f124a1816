// The queue path on real PostgreSQL: jobs enqueued once per (marketplace, type), two workers
// sharing them, the push job after them, and the schedule's ticks.

import { isNotNull } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { marketplaceStock, syncRuns } from "@/db/schema";
import { adapterOptions, createSyncWorld, type SyncWorld } from "@/lib/sync/testing/sync-fixture";
import { alertsCron } from "./alerts";
import { ALERTS_QUEUE, enqueueSync, startBoss, tickQueue } from "./queue";
import { startSyncWorker } from "./queue-worker";
import { syncSchedule } from "./schedule";

const SKU = "IPH13-128-MID-A";
let world: SyncWorld;
let secondDb: DatabaseHandle;
const bosses: PgBoss[] = [];
const handledBy: Record<string, number> = { one: 0, two: 0 };

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  world = await createSyncWorld({ [SKU]: 50 });
  for (let i = 0; i < 3; i++) {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }] });
    world.sim.addOrder({ channel: "refurbed", lines: [{ sku: SKU }] });
  }
  secondDb = await openDatabase({ url: world.database.url, max: 5 });
  for (const [name, db] of [
    ["one", world.database.db],
    ["two", secondDb.db],
  ] as const) {
    const boss = await startBoss(world.database.url, { worker: true });
    bosses.push(boss);
    await startSyncWorker(boss, {
      db,
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
      schedule: name === "one",
      // The fast new-order loop has its own tests (new-order-loop.test.ts).
      newOrderPoll: false,
      adapterOptions,
      onJob: () => {
        handledBy[name] = (handledBy[name] ?? 0) + 1;
      },
    });
  }
});

afterAll(async () => {
  for (const boss of bosses) await boss.stop({ graceful: false, wait: true });
  await secondDb?.close();
  await world?.close();
});

const finishedRuns = async () =>
  (await world.database.db.select().from(syncRuns)).filter((r) => r.status !== "running");

describe("queue workers", () => {
  it("queue each (marketplace, type) once, share the jobs, then drain the push outbox", async () => {
    // Every call is slowed so a busy worker cannot take the next job itself.
    world.sim.injectFault({ kind: "delay", ms: 300, count: 10_000 });
    const [sender] = bosses;
    if (!sender) throw new Error("no boss");
    const marketplaceIds = [world.bm.id, world.rf.id];
    const first = await enqueueSync(sender, { type: "new", marketplaceIds, trigger: "button" });
    const again = await enqueueSync(sender, { type: "new", marketplaceIds, trigger: "button" });
    expect(first.every((job) => job.jobId !== null)).toBe(true);
    // A pair already waiting is not queued twice (unless its first job already started).
    expect(again.filter((job) => job.jobId !== null).length).toBeLessThanOrEqual(2);
    const queuedNew = first.length + again.filter((job) => job.jobId !== null).length;
    await enqueueSync(sender, { type: "modified", marketplaceIds, trigger: "button" });

    const runs = await waitFor("every queued run", async () => {
      const rows = await finishedRuns();
      return rows.length >= queuedNew + 2 ? rows : undefined;
    });
    expect(runs.filter((r) => r.status === "failed")).toEqual([]);
    expect(runs.every((r) => r.trigger === "button")).toBe(true);
    expect(handledBy.one).toBeGreaterThan(0);
    expect(handledBy.two).toBeGreaterThan(0);
    const orders = await world.database.db.query.orders.findMany();
    expect(orders).toHaveLength(6);
    // The push job drained the outbox after the sync jobs.
    await waitFor("the push job", async () =>
      (
        await world.database.db
          .select()
          .from(marketplaceStock)
          .where(isNotNull(marketplaceStock.pushPendingSince))
      ).length === 0
        ? true
        : undefined,
    );
    expect(world.sim.store.listingBySku(SKU)?.quantity).toBe(44);
    world.sim.clearFaults();
  });

  it("installs the seed schedule and turns a tick into one job per marketplace", async () => {
    const [boss] = bosses;
    if (!boss) throw new Error("no boss");
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual(
      [...syncSchedule.map((e) => [tickQueue(e.type), e.cron]), [ALERTS_QUEUE, alertsCron]].sort(),
    );
    const before = (await finishedRuns()).length;
    await boss.send(tickQueue("care"), { type: "care" });
    const runs = await waitFor("the tick's runs", async () => {
      const rows = (await finishedRuns()).filter((r) => r.type === "care");
      return rows.length >= 2 ? rows : undefined;
    });
    expect(runs.map((r) => r.trigger)).toEqual(["queue", "queue"]);
    expect((await finishedRuns()).length).toBe(before + 2);
  });
});
