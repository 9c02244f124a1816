// "Sync now" on real PostgreSQL with the simulator behind the marketplaces. The embedded-database
// behaviour (run in this process) is forced with SYNC_EXECUTION=inline.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import { auditLog, marketplaceStockLocks, marketplaces, syncRuns } from "@/db/schema";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
process.env.SYNC_EXECUTION = "inline";

const A = "IPH13-128-MID-A";

describe("syncNowAction", () => {
  const app = useAppTestDatabase();
  const db = () => app.database.current.db;
  let sim: Simulator;
  let bm: { id: number; code: string };
  let rf: { id: number; code: string };
  // Imported after the test database is set (they read the environment once).
  const settled = async () => (await import("@/lib/jobs/request-sync")).inlineSyncsSettled();

  beforeAll(async () => {
    const { seedSimulatedMarketplaces } = await import("@/lib/sync/testing/sync-fixture");
    sim = await startSimulator({ port: 0, seed: 7 });
    ({ bm, rf } = await seedSimulatedMarketplaces(db(), sim, { [A]: 5 }));
  });
  afterAll(async () => {
    await settled();
    await sim.close();
  });
  beforeEach(() => {
    request.headers = new Headers();
  });

  const runs = () => db().select().from(syncRuns).orderBy(syncRuns.id);
  const audit = (outcome: "denied" | "failed" | "succeeded") =>
    db()
      .select({ actor: auditLog.actorEmail, target: auditLog.target, result: auditLog.result })
      .from(auditLog)
      .where(and(eq(auditLog.action, "sync.triggered"), eq(auditLog.outcome, outcome)))
      .orderBy(auditLog.id);

  it("refuses a viewer: 403, no run started, refusal audited", async () => {
    const { syncNowAction } = await import("./actions");
    request.headers = app.headersOf("viewer");
    sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    expect(await syncNowAction({ type: "new", marketplace: String(bm.id) })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await settled();
    expect(await runs()).toEqual([]);
    expect(await db().select().from(marketplaceStockLocks)).toEqual([]);
    expect(await audit("denied")).toMatchObject([{ actor: "viewer@stocklock.test" }]);
  });

  it("rejects an unknown type, a malformed and an unknown marketplace", async () => {
    const { syncNowAction } = await import("./actions");
    request.headers = app.headersOf("operator");
    const badType = await syncNowAction({ type: "everything" as "all" });
    expect(badType).toMatchObject({ ok: false, error: { code: "bad_request" } });
    if (!badType.ok) expect(badType.error.message).toMatch(/^type: type must be one of new/);
    expect(await syncNowAction({ type: "new", marketplace: "bm fr" })).toMatchObject({
      ok: false,
      error: { code: "bad_request" },
    });
    expect(await syncNowAction({ type: "new", marketplace: 99_999 })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    await settled();
    expect(await runs()).toEqual([]);
    expect((await audit("failed")).at(-1)).toMatchObject({ actor: "operator@stocklock.test" });
  });

  it("refuses to sync a marketplace an admin deactivated: nothing runs, the refusal audited", async () => {
    const { syncNowAction } = await import("./actions");
    request.headers = app.headersOf("operator");
    await db().update(marketplaces).set({ active: false }).where(eq(marketplaces.id, bm.id));
    try {
      for (const marketplace of [String(bm.id), bm.id]) {
        const result = await syncNowAction({ type: "new", marketplace });
        expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
        if (!result.ok) expect(result.error.message).toContain(`${bm.code} is inactive`);
      }
      await settled();
      expect(await runs()).toEqual([]);
      expect(await db().select().from(marketplaceStockLocks)).toEqual([]);
      expect((await audit("failed")).at(-1)).toMatchObject({
        actor: "operator@stocklock.test",
        target: `sync:new:marketplace:${bm.id}`,
        result: { message: expect.stringContaining("inactive") },
      });
    } finally {
      await db().update(marketplaces).set({ active: true }).where(eq(marketplaces.id, bm.id));
    }
  });

  it("starts a new-orders sync of one marketplace: its run exists on return, then locks", async () => {
    const { syncNowAction } = await import("./actions");
    request.headers = app.headersOf("operator");
    const result = await syncNowAction({ type: "new", marketplace: String(bm.id) });
    expect(result).toMatchObject({ ok: true, data: { mode: "inline", jobs: 0 } });
    if (!result.ok) return;
    expect(result.data.runIds).toHaveLength(1);
    // The row is there when the action answers (the page shows it at once).
    const [started] = await db().select().from(syncRuns);
    expect(started).toMatchObject({
      id: result.data.runIds[0],
      type: "new",
      marketplaceId: bm.id,
      trigger: "button",
    });

    await settled();
    const [finished] = await runs();
    expect(finished).toMatchObject({ status: "succeeded", created: 1, locks: 1 });
    const locks = await db().select().from(marketplaceStockLocks);
    expect(locks.map((l) => [l.marketplaceId, l.status])).toEqual([[bm.id, "locked"]]);
    expect(await audit("succeeded")).toEqual([
      {
        actor: "operator@stocklock.test",
        target: `sync:new:marketplace:${bm.id}`,
        result: { mode: "inline", runIds: result.data.runIds, jobs: 0 },
      },
    ]);
  });

  it("starts the stock sync of every active marketplace: one run each", async () => {
    const { syncNowAction } = await import("./actions");
    request.headers = app.headersOf("operator");
    const result = await syncNowAction({ type: "stock", marketplace: "" });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.data.runIds).toHaveLength(2);
    await settled();
    const stockRuns = (await runs()).filter((r) => r.type === "stock");
    expect(stockRuns.map((r) => [r.marketplaceId, r.status]).sort()).toEqual(
      [
        [bm.id, "succeeded"],
        [rf.id, "succeeded"],
      ].sort(),
    );
  });
});
