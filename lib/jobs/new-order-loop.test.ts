// The fast new-order loop on real PostgreSQL and the simulator: it polls every marketplace on
// its period, empty polls leave counters and no rows, a throttling marketplace is polled less
// often, two workers never poll one marketplace at once (one leads), and a new order reaches
// the other marketplace as a lower quantity.
import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, queryRows } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { ApiRequestRecord } from "@/lib/marketplaces/simulator/server";
import { processMetrics } from "@/lib/metrics/process";
import { recordedSyncWorld } from "@/lib/sync/testing/recorded-world";
import { adapterOptions } from "@/lib/sync/testing/sync-fixture";
import {
  MAX_POLL_BACKOFF_MS,
  nextPollDelayMs,
  type PollEvent,
  startNewOrderLoop,
} from "./new-order-loop";
import { startBoss } from "./queue";
import { type SyncWorker, startSyncWorker } from "./queue-worker";

const SKU = "IPH13-128-MID-A";
const INTERVAL = 150;
const { world, requests } = recordedSyncWorld({ [SKU]: 30 });

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const newOrderLooks = (channel: ApiRequestRecord["channel"]) =>
  requests.filter((r) =>
    channel === "backmarket"
      ? r.path === "/ws/orders" && r.method === "GET"
      : r.path.endsWith("OrderService/ListOrders"),
  );

describe("nextPollDelayMs", () => {
  const empty = { kind: "empty", runId: 1, durationMs: 1 } as const;
  it("doubles on throttling, honours a longer Retry-After, caps, and returns to the period", () => {
    const throttled = { kind: "throttled", retryAfterMs: null, durationMs: 1 } as const;
    expect(nextPollDelayMs(20_000, 20_000, throttled)).toBe(40_000);
    expect(nextPollDelayMs(20_000, 40_000, throttled)).toBe(80_000);
    expect(nextPollDelayMs(20_000, 20_000, { ...throttled, retryAfterMs: 90_000 })).toBe(90_000);
    expect(nextPollDelayMs(20_000, 200_000, throttled)).toBe(MAX_POLL_BACKOFF_MS);
    expect(nextPollDelayMs(20_000, 160_000, empty)).toBe(20_000);
    expect(nextPollDelayMs(20_000, 20_000, { kind: "error", message: "db down" })).toBe(40_000);
  });
});

describe("the new-order loop", () => {
  it("polls every marketplace on its period; empty polls are counted, not rows", async () => {
    const emptyPollsMetric = async () =>
      (await processMetrics().newOrderPolls.get()).values.find((v) => v.labels.outcome === "empty")
        ?.value ?? 0;
    const metricBefore = await emptyPollsMetric();
    const events: PollEvent[] = [];
    const loop = startNewOrderLoop({
      db: world().database.db,
      intervalMs: INTERVAL,
      trigger: "queue",
      adapterOptions,
      onPoll: (event) => events.push(event),
    });
    await until("four polls of each marketplace", () =>
      ["bm-fr", "rf"].every((code) => events.filter((e) => e.marketplace === code).length >= 4),
    );
    await loop.stop();
    expect(events.every((e) => e.outcome.kind === "empty")).toBe(true);
    const rows = await world().database.db.select().from(syncRuns);
    expect(rows).toHaveLength(2);
    const counted = rows.reduce((sum, row) => sum + row.emptyPolls, 0);
    expect(counted).toBe(events.length);
    expect(newOrderLooks("backmarket").length + newOrderLooks("refurbed").length).toBe(
      events.length,
    );
    expect((await emptyPollsMetric()) - metricBefore).toBe(events.length);
  });

  it("polls a throttling marketplace less often, then at its pace again", async () => {
    world().sim.injectFault({
      kind: "status",
      status: 429,
      count: 3,
      match: { channel: "backmarket", pathPrefix: "/ws/orders" },
    });
    const events: PollEvent[] = [];
    const loop = startNewOrderLoop({
      db: world().database.db,
      intervalMs: INTERVAL,
      trigger: "queue",
      adapterOptions,
      onPoll: (event) => events.push(event),
    });
    await until("Back Market answering again", () =>
      events.some((e) => e.marketplace === "bm-fr" && e.outcome.kind === "empty"),
    );
    await loop.stop();
    const bm = events.filter((e) => e.marketplace === "bm-fr");
    expect(bm.slice(0, 4).map((e) => [e.outcome.kind, e.nextInMs])).toEqual([
      ["throttled", INTERVAL * 2],
      ["throttled", INTERVAL * 4],
      ["throttled", INTERVAL * 8],
      ["empty", INTERVAL],
    ]);
    // One request per poll (no retries hammering a throttling marketplace).
    expect(newOrderLooks("backmarket")).toHaveLength(bm.length);
  });

  it("runs in one worker at a time; polls of a marketplace never overlap", async () => {
    // Slow answers: overlapping polls would show as overlapping requests.
    world().sim.injectFault({
      kind: "delay",
      ms: 100,
      count: 1_000,
      match: { pathPrefix: "/ws/orders" },
    });
    const second: DatabaseHandle = await openDatabase({ url: world().database.url, max: 4 });
    const bosses: PgBoss[] = [];
    const workers: SyncWorker[] = [];
    const events: PollEvent[] = [];
    try {
      for (const handle of [world().database, second]) {
        const boss = await startBoss(world().database.url, { worker: true });
        bosses.push(boss);
        workers.push(
          await startSyncWorker(boss, {
            db: handle.db,
            schedule: false,
            adapterOptions,
            newOrderPoll: { intervalMs: 50, onPoll: (event) => events.push(event) },
          }),
        );
      }
      await until(
        "six Back Market polls",
        () => events.filter((e) => e.marketplace === "bm-fr").length >= 6,
      );
      expect(workers.filter((worker) => worker.leadsNewOrderLoop())).toHaveLength(1);
    } finally {
      for (const worker of workers) await worker.stop();
      for (const boss of bosses) await boss.stop({ graceful: false, wait: true });
      await second.close();
    }
    const looks = newOrderLooks("backmarket").sort((a, b) => a.receivedAtMs - b.receivedAtMs);
    for (let i = 1; i < looks.length; i++) {
      expect(looks[i]?.receivedAtMs).toBeGreaterThanOrEqual(looks[i - 1]?.answeredAtMs ?? 0);
    }
  });

  it("brings a new order in and pushes the lower quantity to the other marketplace", async () => {
    const loop = startNewOrderLoop({
      db: world().database.db,
      intervalMs: INTERVAL,
      trigger: "queue",
      adapterOptions,
    });
    try {
      await until("a first poll", () => newOrderLooks("refurbed").length > 0);
      world().sim.clearWrites();
      world().sim.addOrder({ channel: "refurbed", lines: [{ sku: SKU }] });
      const [stock] = await queryRows<{ on_hand: number; locked: number }>(
        world().database.db,
        sql`select on_hand, locked_quantity as locked from variations where sku = ${SKU}`,
      );
      const expected = (stock?.on_hand ?? 0) - (stock?.locked ?? 0) - 1;
      await until("Back Market receiving the lower quantity", () =>
        world()
          .sim.writes("backmarket")
          .some(
            (w) =>
              w.path.startsWith("/ws/listings/") &&
              (w.body as { quantity?: number }).quantity === expected,
          ),
      );
    } finally {
      await loop.stop();
    }
  });
});
