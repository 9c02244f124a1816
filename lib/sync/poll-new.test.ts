// The fast `new` poll on real PostgreSQL and the simulator: one request and no run row when
// nothing is new, a full run and a drained push when something is, nothing written when
// another run holds the pair, and a 429 reported instead of retried.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncRuns } from "@/db/schema";
import { must } from "@/lib/marketplaces/testing/fast-clients";
import { pollNewOrders } from "@/lib/runtime";
import { withRunLock } from "./run-lock";
import { resolveMarketplaces } from "./run-sync";
import { recordedSyncWorld } from "./testing/recorded-world";
import { adapterOptions } from "./testing/sync-fixture";

const SKU = "IPH13-128-MID-A";
const { world, requests } = recordedSyncWorld({ [SKU]: 20 });

async function poll(code: string) {
  const [marketplace] = await resolveMarketplaces(world().database.db, code);
  return pollNewOrders({
    db: world().database.db,
    marketplace: must(marketplace, code),
    trigger: "queue",
    adapterOptions,
  });
}

const newRuns = (marketplaceId: number) =>
  world()
    .database.db.select()
    .from(syncRuns)
    .where(and(eq(syncRuns.marketplaceId, marketplaceId), eq(syncRuns.type, "new")));

describe("the fast new-order poll", () => {
  it("costs one request when nothing is new, and counts empty polls on one row", async () => {
    for (let i = 0; i < 3; i++) expect((await poll("bm-fr")).kind).toBe("empty");
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /ws/orders",
      "GET /ws/orders",
      "GET /ws/orders",
    ]);
    const rows = await newRuns(world().bm.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "succeeded", emptyPolls: 3 });
    expect(rows[0]?.lastPolledAt).toBeInstanceOf(Date);
  });

  it("after a failed run, an empty poll records one succeeded row (failures in a row end)", async () => {
    await world().database.db.insert(syncRuns).values({
      type: "new",
      marketplaceId: world().rf.id,
      trigger: "queue",
      status: "failed",
      message: "marketplace down",
      finishedAt: new Date(),
    });
    expect((await poll("rf")).kind).toBe("empty");
    expect((await poll("rf")).kind).toBe("empty");
    const rows = (await newRuns(world().rf.id)).sort((a, b) => a.id - b.id);
    expect(rows.map((r) => [r.status, r.emptyPolls])).toEqual([
      ["failed", 0],
      ["succeeded", 2],
    ]);
  });

  it("runs the full sync for a new order and pushes the lower quantity to the other marketplace", async () => {
    world().sim.clearWrites();
    world().sim.addOrder({ channel: "backmarket", lines: [{ sku: SKU }] });
    const outcome = await poll("bm-fr");
    expect(outcome.kind).toBe("ran");
    if (outcome.kind !== "ran") return;
    expect(outcome.run).toMatchObject({ status: "succeeded", type: "new" });
    expect(outcome.run.counts).toMatchObject({ created: 1, locks: 1 });
    expect(outcome.push?.pushed).toBeGreaterThanOrEqual(1);
    const offer = must(world().sim.store.listingBySku(SKU));
    const pushes = world()
      .sim.writes("refurbed")
      .filter((w) => w.path.endsWith("UpdateOffer"));
    expect(pushes.map((w) => (w.body as { stock?: number }).stock)).toContain(19);
    expect(offer.rfOfferId).toBeTruthy();
    // The same order, accepted and still listed as new by nobody: the next poll is empty.
    expect((await poll("bm-fr")).kind).toBe("empty");
  });

  it("treats orders it already stored unchanged as nothing new", async () => {
    // An unknown SKU is not accepted (when_in_stock): the order stays in the `new` list.
    world().sim.addOrder({ channel: "backmarket", lines: [{ sku: "NOT-IN-CATALOGUE" }] });
    expect((await poll("bm-fr")).kind).toBe("ran");
    requests.length = 0;
    expect((await poll("bm-fr")).kind).toBe("empty");
    expect(requests).toHaveLength(1);
  });

  it("reports a 429 with its Retry-After and records nothing", async () => {
    world().sim.injectFault({
      kind: "status",
      status: 429,
      headers: { "retry-after": "7" },
      match: { channel: "backmarket" },
    });
    const outcome = await poll("bm-fr");
    expect(outcome).toMatchObject({ kind: "throttled", retryAfterMs: 7_000 });
    expect(requests).toHaveLength(1);
    expect(await newRuns(world().bm.id)).toHaveLength(0);
  });

  it("is skipped, writing nothing, while another run of the pair holds the lock", async () => {
    const outcome = await withRunLock(
      world().database.db,
      { type: "new", marketplaceId: world().bm.id },
      () => poll("bm-fr"),
    );
    expect(outcome).toMatchObject({ acquired: true, value: { kind: "skipped" } });
    expect(requests).toHaveLength(0);
    expect(await newRuns(world().bm.id)).toHaveLength(0);
  });
});
