// The order page's actions on real PostgreSQL with the simulator behind the marketplaces:
// roles refused with nothing changed, bad input, success with its audit entry.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import type { Database } from "@/db/client";
import { auditLog, marketplaceStockLocks, marketplaces, orders, variations } from "@/db/schema";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

// Modules that read the environment (logger, database) are imported once the test database is
// set: a static import would cache the environment without it.
const fixture = () => import("@/lib/sync/testing/sync-fixture");
const databaseFingerprint = async (db: Database) => (await fixture()).databaseFingerprint(db);

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// As on the embedded database: the push after a release runs in this process.
process.env.SYNC_EXECUTION = "inline";
const settled = async () => (await import("@/lib/jobs/request-sync")).inlineSyncsSettled();

const A = "IPH13-128-MID-A";
const B = "IPH13-256-BLU-B";

describe("order actions", () => {
  const app = useAppTestDatabase();
  const db = () => app.database.current.db;
  let sim: Simulator;
  /** A Back Market order with two lines (A and B), imported and locked. */
  let order: { id: number; externalId: string; simId: number };

  beforeAll(async () => {
    const { adapterOptions, seedSimulatedMarketplaces } = await fixture();
    const { runSync } = await import("@/lib/runtime");
    sim = await startSimulator({ port: 0, seed: 5 });
    await seedSimulatedMarketplaces(db(), sim, { [A]: 3, [B]: 2 });
    const sold = sim.addOrder({ channel: "backmarket", lines: [{ sku: A }, { sku: B }] });
    await runSync({ type: "modified", marketplace: "bm-fr", db: db(), adapterOptions });
    const [row] = await db()
      .select()
      .from(orders)
      .where(eq(orders.externalId, String(sold.id)));
    if (!row) throw new Error("order not imported");
    order = { id: row.id, externalId: row.externalId, simId: sold.id };
  });
  afterAll(async () => {
    await settled();
    await sim.close();
  });
  beforeEach(() => {
    request.headers = new Headers();
  });

  async function locksOfOrder() {
    return db()
      .select()
      .from(marketplaceStockLocks)
      .where(eq(marketplaceStockLocks.orderId, order.id))
      .orderBy(marketplaceStockLocks.id);
  }
  async function auditOf(action: string) {
    return db()
      .select({
        actor: auditLog.actorEmail,
        outcome: auditLog.outcome,
        target: auditLog.target,
        input: auditLog.input,
        result: auditLog.result,
      })
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(auditLog.id);
  }

  describe("releaseLockAction (admin)", () => {
    it("refuses viewers and operators: 403, nothing changed, refusals audited", async () => {
      const { releaseLockAction } = await import("./actions");
      const [lock] = await locksOfOrder();
      if (!lock) throw new Error("no lock");
      const before = await databaseFingerprint(db());
      for (const role of ["viewer", "operator"] as const) {
        request.headers = app.headersOf(role);
        const result = await releaseLockAction({
          orderId: order.id,
          lockId: lock.id,
          reason: "cancelled by phone",
        });
        expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
      expect(await databaseFingerprint(db())).toEqual(before);
      // Refused before parsing: the raw input is kept, there is no parsed target.
      expect(await auditOf("lock.released")).toMatchObject([
        { actor: "viewer@stocklock.test", outcome: "denied", input: { lockId: lock.id } },
        { actor: "operator@stocklock.test", outcome: "denied", input: { lockId: lock.id } },
      ]);
    });

    it("rejects a missing reason, a bad id and a lock of another order", async () => {
      const { releaseLockAction } = await import("./actions");
      const [lock] = await locksOfOrder();
      if (!lock) throw new Error("no lock");
      request.headers = app.headersOf("admin");
      const before = await databaseFingerprint(db());

      const blank = await releaseLockAction({ orderId: order.id, lockId: lock.id, reason: "  " });
      expect(blank).toMatchObject({ ok: false, error: { code: "bad_request" } });
      if (!blank.ok) expect(blank.error.message).toMatch(/^reason: give a reason/);

      const badId = await releaseLockAction({ orderId: order.id, lockId: "x1", reason: "ok ok" });
      expect(badId).toMatchObject({ ok: false, error: { code: "bad_request" } });
      if (!badId.ok) expect(badId.error.message).toContain("lockId:");

      const elsewhere = await releaseLockAction({
        orderId: order.id + 1000,
        lockId: lock.id,
        reason: "wrong order",
      });
      expect(elsewhere).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await databaseFingerprint(db())).toEqual(before);
    });

    it("releases an active lock: cancelled, units free, ledger and audit name the admin", async () => {
      const { releaseLockAction } = await import("./actions");
      const [lock] = await locksOfOrder();
      if (!lock) throw new Error("no lock");
      const [variationBefore] = await db()
        .select()
        .from(variations)
        .where(eq(variations.id, lock.variationId));
      request.headers = app.headersOf("admin");
      sim.clearWrites();

      const result = await releaseLockAction({
        orderId: order.id,
        lockId: lock.id,
        reason: "  cancelled by phone  ",
      });
      expect(result).toMatchObject({
        ok: true,
        data: { lockId: lock.id, released: true, status: "cancelled" },
      });
      const [after] = await db()
        .select()
        .from(marketplaceStockLocks)
        .where(eq(marketplaceStockLocks.id, lock.id));
      expect(after).toMatchObject({
        status: "cancelled",
        releaseReason: "cancelled by phone",
        releasedBy: "admin@stocklock.test",
      });
      expect(after?.releasedAt).toBeInstanceOf(Date);
      const [variationAfter] = await db()
        .select()
        .from(variations)
        .where(eq(variations.id, lock.variationId));
      expect(variationAfter?.lockedQuantity).toBe((variationBefore?.lockedQuantity ?? 0) - 1);
      expect(result.ok && result.data.available).toBe(
        (variationAfter?.onHand ?? 0) - (variationAfter?.lockedQuantity ?? 0),
      );
      // The freed unit is pushed to both marketplaces listing the variation.
      await settled();
      const pushes = sim
        .writes()
        .filter((w) => w.path.startsWith("/ws/listings/") || w.path.endsWith("UpdateOffer"));
      expect(pushes).toHaveLength(2);
      const succeeded = (await auditOf("lock.released")).filter((e) => e.outcome === "succeeded");
      expect(succeeded).toEqual([
        {
          actor: "admin@stocklock.test",
          input: { orderId: order.id, lockId: lock.id, reason: "cancelled by phone" },
          outcome: "succeeded",
          target: `lock:${lock.id}`,
          result: { status: "cancelled", available: result.ok ? result.data.available : null },
        },
      ]);

      // Twice: the lock is not active any more; refused, audited as failed, nothing moves.
      const before = await databaseFingerprint(db());
      const again = await releaseLockAction({
        orderId: order.id,
        lockId: lock.id,
        reason: "again",
      });
      expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await databaseFingerprint(db())).toEqual(before);
      expect((await auditOf("lock.released")).at(-1)).toMatchObject({ outcome: "failed" });
    });
  });

  describe("resyncOrderAction (operator)", () => {
    it("refuses a viewer: 403 and the order stays as stored", async () => {
      const { resyncOrderAction } = await import("./actions");
      sim.advanceLines("backmarket", order.simId, "accepted");
      sim.advanceLines("backmarket", order.simId, "shipped");
      const before = await databaseFingerprint(db());
      request.headers = app.headersOf("viewer");
      expect(await resyncOrderAction({ orderId: order.id })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect(await databaseFingerprint(db())).toEqual(before);
      expect(await auditOf("order.resynced")).toMatchObject([
        { actor: "viewer@stocklock.test", outcome: "denied", input: { orderId: order.id } },
      ]);
    });

    it("rejects a bad id and an unknown order", async () => {
      const { resyncOrderAction } = await import("./actions");
      request.headers = app.headersOf("operator");
      expect(await resyncOrderAction({ orderId: "abc" })).toMatchObject({
        ok: false,
        error: { code: "bad_request" },
      });
      expect(await resyncOrderAction({ orderId: 987_654 })).toMatchObject({
        ok: false,
        error: { code: "not_found", message: "order 987654 does not exist" },
      });
    });

    it("refuses to resync an order of a marketplace an admin deactivated: nothing changes", async () => {
      const { resyncOrderAction } = await import("./actions");
      request.headers = app.headersOf("operator");
      const before = await databaseFingerprint(db());
      await db().update(marketplaces).set({ active: false }).where(eq(marketplaces.code, "bm-fr"));
      try {
        const result = await resyncOrderAction({ orderId: order.id });
        expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
        if (!result.ok) expect(result.error.message).toContain("bm-fr is inactive");
        // The simulator shipped the order meanwhile: a resync would have consumed its locks.
        expect(await databaseFingerprint(db())).toEqual(before);
        expect((await auditOf("order.resynced")).at(-1)).toMatchObject({
          actor: "operator@stocklock.test",
          outcome: "failed",
          target: `order:${order.id}`,
          result: { message: expect.stringContaining("inactive") },
        });
      } finally {
        await db().update(marketplaces).set({ active: true }).where(eq(marketplaces.code, "bm-fr"));
      }
    });

    it("re-reads the order: both shipped lines are consumed (the released one flagged), audited with the outcome", async () => {
      const { resyncOrderAction } = await import("./actions");
      request.headers = app.headersOf("operator");
      const result = await resyncOrderAction({ orderId: order.id });
      expect(result).toMatchObject({
        ok: true,
        data: { orderId: order.id, outcome: "updated", status: "shipped", locksConsumed: 2 },
      });
      // The lock released by hand (previous test) shipped anyway: its unit leaves stock once,
      // and staff are told; the other one is consumed as usual.
      expect((await locksOfOrder()).map((l) => [l.status, l.flag, l.releasedBy])).toEqual([
        ["consumed", "shipped_after_release", "admin@stocklock.test"],
        ["consumed", null, null],
      ]);
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "order.resynced"), eq(auditLog.outcome, "succeeded")));
      expect(entry).toMatchObject({
        actorEmail: "operator@stocklock.test",
        target: `order:${order.id}`,
        result: { outcome: "updated", status: "shipped", locksConsumed: 2 },
      });
    });
  });
});
