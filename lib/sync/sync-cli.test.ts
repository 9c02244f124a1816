// `npm run sync` as a child process: a run killed with SIGKILL mid-way, then run again, leaves
// the stock invariants clean and every order imported (and accepted) exactly once; --json
// prints one object; bad arguments exit 2.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { expectStockInvariantsHold } from "@/lib/stock/testing/invariants";
import {
  BM_TOKEN_ENV,
  createSyncWorld,
  RF_TOKEN_ENV,
  type SyncWorld,
} from "./testing/sync-fixture";

const root = path.resolve(import.meta.dirname, "../..");
const SKU = "IPH13-128-MID-A";
const ORDERS = 80;

let world: SyncWorld;
beforeAll(async () => {
  world = await createSyncWorld({ [SKU]: 1_000 });
  for (let i = 0; i < ORDERS; i++) {
    world.sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }], decrementListing: false });
  }
});
afterAll(async () => {
  await world?.close();
});

function startCli(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/sync.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: world.database.url,
      [BM_TOKEN_ENV]: process.env[BM_TOKEN_ENV],
      [RF_TOKEN_ENV]: process.env[RF_TOKEN_ENV],
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(
      world.database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    )
  )[0]?.n ?? 0;

describe("npm run sync (child process)", () => {
  it("exits 2 with a clear message on bad arguments", async () => {
    const { done } = startCli(["--type=sometimes", "--page-size=0"]);
    const { code, stderr } = await done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/--type: type must be one of/);
    expect(stderr).toMatch(/--page-size: page size must be at least 1/);
  });

  it("survives SIGKILL mid-run: the re-run imports and accepts every order exactly once", async () => {
    // Slow pages and accepts so the kill lands mid-way.
    world.sim.injectFault({
      kind: "delay",
      ms: 150,
      count: 10_000,
      match: { channel: "backmarket" },
    });
    const first = startCli(["--type=new", "--marketplace=bm-fr", "--page-size=10"]);
    const deadline = Date.now() + 60_000;
    while ((await count("orders")) < 20) {
      if (Date.now() > deadline) throw new Error("the first run imported nothing in a minute");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill("SIGKILL");
    await first.done;
    const imported = await count("orders");
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(ORDERS);

    world.sim.clearFaults();
    const second = startCli(["--type=new", "--marketplace=bm-fr", "--json"]);
    const { code, stdout, stderr } = await second.done;
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ ok: true, exitCode: 0, runs: [{ status: "succeeded" }] });

    expect(await count("orders")).toBe(ORDERS);
    expect(await count("order_items")).toBe(ORDERS);
    expect(await count("marketplace_stock_locks")).toBe(ORDERS);
    const accepts = world.sim
      .writes("backmarket")
      .filter((w) => /^\/ws\/orders\/\d+$/.test(w.path));
    expect(new Set(accepts.map((w) => w.path)).size).toBe(ORDERS);
    expect(accepts.filter((w) => w.status === 200)).toHaveLength(ORDERS);
    await expectStockInvariantsHold(world.database.db);
    // The killed run was marked abandoned by the next one.
    const runs = await world.database.db.select().from(syncRuns).orderBy(syncRuns.id);
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(runs[0]?.message).toMatch(/abandoned/);
  });
});
