import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { marketplaces, syncRuns } from "@/db/schema";
import { useTestDatabase } from "@/db/testing/test-db";
import { withRunLock } from "./run-lock";
import {
  abandonRunningRuns,
  MAX_ERROR_DETAILS,
  modifiedSince,
  recordSkippedRun,
  startRun,
} from "./runs";

describe("sync run lifecycle", () => {
  const database = useTestDatabase();

  async function marketplace(code: string): Promise<number> {
    const [row] = await database.current.db
      .insert(marketplaces)
      .values({ code, name: code, provider: "simulator", baseUrl: "http://x", tokenEnv: "T" })
      .returning({ id: marketplaces.id });
    if (!row) throw new Error("no marketplace");
    return row.id;
  }

  it("records counts, capped error details, duration and a derived status", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-a");
    const run = await startRun(db, { type: "new", marketplaceId, trigger: "cli" });
    expect(run.run.status).toBe("running");
    run.add({ fetched: 3, created: 2 });
    for (let i = 0; i < MAX_ERROR_DETAILS + 5; i++) run.fail({ orderId: `o${i}`, message: "bad" });
    const row = await run.finish();
    expect(row).toMatchObject({ status: "partial", fetched: 3, created: 2 });
    expect(row.errors).toBe(MAX_ERROR_DETAILS + 5);
    expect(row.errorDetails).toHaveLength(MAX_ERROR_DETAILS);
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(row.durationMs).toBeGreaterThanOrEqual(0);

    const clean = await startRun(db, { type: "new", marketplaceId, trigger: "cli" });
    expect((await clean.finish()).status).toBe("succeeded");
  });

  it("writes progress while running, at most once per interval", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-b");
    const run = await startRun(db, { type: "modified", marketplaceId, trigger: "cron" });
    run.setProgress("orders", 1, 10);
    await run.flushed();
    const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(row?.progress).toEqual({ phase: "orders", done: 1, total: 10 });
    run.setProgress("orders", 2, 10); // inside the interval: not written yet
    await run.flushed();
    const [later] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(later?.progress).toEqual({ phase: "orders", done: 1, total: 10 });
    await run.finish();
  });

  it("marks another running row of the same pair as abandoned, not other pairs", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-c");
    const dead = await startRun(db, { type: "care", marketplaceId, trigger: "cli" });
    const otherType = await startRun(db, { type: "new", marketplaceId, trigger: "cli" });
    const current = await startRun(db, { type: "care", marketplaceId, trigger: "cli" });
    expect(await abandonRunningRuns(db, { type: "care", marketplaceId }, current.id)).toBe(1);
    const rows = await db.select().from(syncRuns).where(eq(syncRuns.marketplaceId, marketplaceId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(dead.id)?.status).toBe("failed");
    expect(byId.get(dead.id)?.message).toMatch(/abandoned/);
    expect(byId.get(otherType.id)?.status).toBe("running");
    expect(byId.get(current.id)?.status).toBe("running");
  });

  it("leaves a live webhook run alone (it holds no run lock); abandons one that ran past 15 minutes", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-w");
    const key = { type: "modified", marketplaceId } as const;
    const live = await startRun(db, { ...key, trigger: "webhook" });
    const stuck = await startRun(db, { ...key, trigger: "webhook" });
    await db
      .update(syncRuns)
      .set({ startedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(syncRuns.id, stuck.id));
    expect(await abandonRunningRuns(db, key)).toBe(1);
    const rows = await db.select().from(syncRuns).where(eq(syncRuns.marketplaceId, marketplaceId));
    const byId = new Map(rows.map((row) => [row.id, row.status]));
    expect(byId.get(live.id)).toBe("running");
    expect(byId.get(stuck.id)).toBe("failed");
  });

  it("starts modified syncs 3 months back, then from the last mark minus the overlap", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-d");
    const key = { type: "modified", marketplaceId } as const;
    const now = new Date("2026-05-20T12:00:00Z");
    expect((await modifiedSince(db, key, { now })).since.toISOString()).toBe(
      "2026-02-20T12:00:00.000Z",
    );
    const mark = new Date("2026-05-19T08:00:00Z");
    const finished = await startRun(db, { ...key, trigger: "cli" });
    await finished.finish({ highWaterMark: mark });
    const failed = await startRun(db, { ...key, trigger: "cli" });
    await failed.finish({ status: "failed", highWaterMark: new Date("2026-05-20T00:00:00Z") });
    const { since, previousMark } = await modifiedSince(db, key, { now, overlapMs: 60_000 });
    expect(previousMark?.toISOString()).toBe(mark.toISOString());
    expect(since.toISOString()).toBe("2026-05-19T07:59:00.000Z");
  });

  it("never starts a modified run after now, whatever mark a past run stored", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-future");
    const key = { type: "modified", marketplaceId } as const;
    const now = new Date("2026-05-20T12:00:00Z");
    // Stored before marks were capped at the run's start: a marketplace clock a year ahead.
    const run = await startRun(db, { ...key, trigger: "cli" });
    await run.finish({ highWaterMark: new Date("2027-05-20T12:00:00Z") });
    const { since, previousMark } = await modifiedSince(db, key, { now, overlapMs: 60_000 });
    expect(previousMark?.toISOString()).toBe(now.toISOString());
    expect(since.toISOString()).toBe("2026-05-20T11:59:00.000Z");
  });

  it("lets one run hold the lock of a pair; the other records skipped", async () => {
    const { db } = database.current;
    const marketplaceId = await marketplace("runs-e");
    const key = { type: "new", marketplaceId } as const;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = withRunLock(db, key, () => held.then(() => "done"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await withRunLock(db, key, async () => "should not run");
    expect(second.acquired).toBe(false);
    const otherPair = await withRunLock(db, { ...key, type: "care" }, async () => "ran");
    expect(otherPair).toEqual({ acquired: true, value: "ran" });
    release();
    expect(await first).toEqual({ acquired: true, value: "done" });
    expect((await withRunLock(db, key, async () => 1)).acquired).toBe(true);
    const skipped = await recordSkippedRun(db, { ...key, trigger: "cron" }, "another run holds it");
    expect(skipped.status).toBe("skipped");
  });
});
