// The in-process schedule in demo mode (embedded database, simulated marketplaces): the fast
// new-order loop brings an order placed before start-up in at its first poll, and one placed
// later within a poll period — not at the 5-minute schedule.
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { orders, syncRuns } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { demoTokenEnv, demoTokens } from "@/lib/marketplaces/simulator/catalogue";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";
import { startInProcessSchedule } from "./in-process-schedule";

// As `npm run dev` runs it: the schedule on (read once, before any module reads the environment).
vi.hoisted(() => {
  process.env.SYNC_SCHEDULE = "on";
});

let sim: Simulator;
let handle: DatabaseHandle;

beforeAll(async () => {
  process.env[demoTokenEnv.backmarket] = demoTokens.backmarket;
  process.env[demoTokenEnv.refurbed] = demoTokens.refurbed;
  sim = await startSimulator({ seed: 5 });
  handle = await openDatabase({ pgliteDir: "memory://" });
  await seedDemo(handle.db, { simulatorUrl: sim.url });
});
afterAll(async () => {
  await handle?.close();
  await sim?.close();
});

async function ordersStored(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(orders);
  return row?.n ?? 0;
}

async function until(what: string, probe: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the in-process schedule's new-order loop", () => {
  it("polls by default well within 30 s", () => {
    expect(env().NEW_ORDER_POLL_SECONDS).toBeGreaterThan(0);
    expect(env().NEW_ORDER_POLL_SECONDS).toBeLessThanOrEqual(30);
  });

  it("brings new simulated orders in at start-up and within a poll period of their sale", async () => {
    sim.addOrder({ channel: "backmarket", lines: [{ sku: "IPH13-128-MID-A", state: "paid" }] });
    const stop = await startInProcessSchedule({
      handle,
      firstRunDelayMs: 100,
      newOrderPollMs: 500,
    });
    try {
      await until("the order placed before start-up", async () => (await ordersStored()) === 1);
      const placedAt = Date.now();
      sim.addOrder({ channel: "refurbed", lines: [{ sku: "IPH13-128-MID-A", state: "paid" }] });
      await until("the order placed after start-up", async () => (await ordersStored()) === 2);
      expect(Date.now() - placedAt).toBeLessThan(5_000);
      // Polls that found nothing new since: counted on the runs, not a row each.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const runs = await handle.db.select().from(syncRuns);
      const newRuns = runs.filter((run) => run.type === "new");
      expect(newRuns.length).toBeLessThanOrEqual(4);
      expect(newRuns.reduce((sum, run) => sum + run.emptyPolls, 0)).toBeGreaterThan(0);
    } finally {
      stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
});
