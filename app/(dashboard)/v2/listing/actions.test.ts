// The listing page's rule actions on real PostgreSQL, the simulator behind the marketplaces:
// only admins (checked on the server), refusals audited with nothing changed, the preview is
// what saving does, the change is audited and its push goes out right after commit.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { staffEmail, useAppTestDatabase } from "@/app/_server/testing";
import { queryRows } from "@/db/client";
import { auditLog, marketplaceStock, marketplaces, stockPushes } from "@/db/schema";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

const fixture = () => import("@/lib/sync/testing/sync-fixture");

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// As on the embedded database: the push after a change runs in this process.
process.env.SYNC_EXECUTION = "inline";
const settled = async () => (await import("@/lib/jobs/request-sync")).inlineSyncsSettled();

const A = "IPH13-128-MID-A";
const B = "IPH13-256-BLU-B";

describe("listing rule actions", () => {
  const app = useAppTestDatabase();
  const db = () => app.database.current.db;
  let sim: Simulator;
  let bmId: number;
  let listingA: number;

  beforeAll(async () => {
    const { seedSimulatedMarketplaces } = await fixture();
    sim = await startSimulator({ port: 0, seed: 7 });
    const world = await seedSimulatedMarketplaces(db(), sim, { [A]: 10, [B]: 4 });
    bmId = world.bm.id;
    const [row] = await db()
      .select({ id: marketplaceStock.id })
      .from(marketplaceStock)
      .where(
        and(
          eq(marketplaceStock.marketplaceId, bmId),
          eq(marketplaceStock.variationId, world.variation[A] as number),
        ),
      );
    listingA = row?.id as number;
  });
  afterAll(async () => {
    await settled();
    await sim.close();
  });
  beforeEach(() => {
    request.headers = new Headers();
  });

  const rulesOf = async (id: number) => {
    const [row] = await db()
      .select({
        buffer: marketplaceStock.buffer,
        maxQuantity: marketplaceStock.maxQuantity,
        sharePercent: marketplaceStock.sharePercent,
        zeroAtOrBelow: marketplaceStock.zeroAtOrBelow,
      })
      .from(marketplaceStock)
      .where(eq(marketplaceStock.id, id));
    return row;
  };
  const allRules = async () =>
    queryRows(
      db(),
      sql`select id, buffer, max_quantity, share_percent, zero_at_or_below
      from marketplace_stock order by id`,
    );
  const auditOf = (action: string) =>
    db()
      .select({ actor: auditLog.actorEmail, outcome: auditLog.outcome, result: auditLog.result })
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(auditLog.id);

  it("refuses viewers and operators on the server: nothing changed, refusals audited", async () => {
    const { previewListingRulesAction, setListingRulesAction } = await import("./actions");
    const before = await allRules();
    for (const role of ["viewer", "operator"] as const) {
      request.headers = app.headersOf(role);
      const target = { kind: "listings" as const, ids: [listingA] };
      const preview = await previewListingRulesAction({ target, rules: { buffer: 3 } });
      expect(preview).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const set = await setListingRulesAction({ target, rules: { buffer: 3 }, expectedMatched: 1 });
      expect(set).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    request.headers = new Headers();
    const anonymous = await setListingRulesAction({
      target: { kind: "listings", ids: [listingA] },
      rules: { buffer: 3 },
      expectedMatched: 1,
    });
    expect(anonymous).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await allRules()).toEqual(before);
    const refused = await auditOf("listing.rules_changed");
    expect(refused.map((entry) => [entry.actor, entry.outcome])).toEqual([
      [staffEmail("viewer"), "denied"],
      [staffEmail("operator"), "denied"],
    ]);
  });

  it("admin: the preview explains the new number; saving stores, audits and pushes it at once", async () => {
    const { previewListingRulesAction, setListingRulesAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const target = { kind: "listings" as const, ids: [listingA] };
    const rules = { buffer: 2, sharePercent: 50, maxQuantity: null };
    const preview = await previewListingRulesAction({ target, rules });
    if (!preview.ok) throw new Error(preview.error.message);
    // A: 10 on hand, no locks → (10 − 2) × 50 % = 4.
    expect(preview.data).toMatchObject({ matched: 1, rulesChanged: 1, publishableChanged: 1 });
    expect(preview.data.examples[0]).toMatchObject({
      before: { publishable: 10 },
      after: { publishable: 4, buffer: 2, sharePercent: 50 },
    });
    expect(preview.data.explanation?.published).toBe(4);
    expect(await rulesOf(listingA)).toEqual({
      buffer: 0,
      maxQuantity: null,
      sharePercent: null,
      zeroAtOrBelow: null,
    });

    const saved = await setListingRulesAction({ target, rules, expectedMatched: 1 });
    expect(saved).toEqual({ ok: true, data: { matched: 1, changed: 1, pushesQueued: 1 } });
    expect(await rulesOf(listingA)).toEqual({
      buffer: 2,
      maxQuantity: null,
      sharePercent: 50,
      zeroAtOrBelow: null,
    });
    const audited = (await auditOf("listing.rules_changed")).filter(
      (e) => e.outcome === "succeeded",
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor).toBe(staffEmail("admin"));
    expect(audited[0]?.result).toMatchObject({ changed: 1, pushesQueued: 1 });

    // The push ran after commit: the marketplace got 4 and the listing is settled.
    await settled();
    const pushes = await db()
      .select({ quantity: stockPushes.quantity, status: stockPushes.status })
      .from(stockPushes)
      .where(eq(stockPushes.marketplaceId, bmId));
    expect(pushes).toContainEqual({ quantity: 4, status: "sent" });
    const [listing] = await db()
      .select({
        pending: marketplaceStock.pushPendingSince,
        lastPushed: marketplaceStock.lastPushedQuantity,
      })
      .from(marketplaceStock)
      .where(eq(marketplaceStock.id, listingA));
    expect(listing).toEqual({ pending: null, lastPushed: 4 });
  });

  it("admin, in bulk by the page's filter: counts previewed, a count that moved is refused", async () => {
    const { previewListingRulesAction, setListingRulesAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const target = { kind: "filter" as const, params: { marketplace: String(bmId), q: "IPH13" } };
    const [expected] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from marketplace_stock ms join variations v on v.id = ms.variation_id
          where ms.marketplace_id = ${bmId} and v.sku ilike '%IPH13%'`,
    );
    const preview = await previewListingRulesAction({ target, rules: { zeroAtOrBelow: 4 } });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.data.matched).toBe(expected?.n);
    expect(preview.data.matched).toBeGreaterThan(1);
    expect(preview.data.examples.length).toBeGreaterThan(0);
    // B has 4 available: the zero rule takes it to 0.
    expect(preview.data.examples[0]).toMatchObject({ sku: B, after: { publishable: 0 } });

    const before = await allRules();
    const stale = await setListingRulesAction({
      target,
      rules: { zeroAtOrBelow: 4 },
      expectedMatched: preview.data.matched + 1,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await allRules()).toEqual(before);

    const saved = await setListingRulesAction({
      target,
      rules: { zeroAtOrBelow: 4 },
      expectedMatched: preview.data.matched,
    });
    expect(saved).toMatchObject({ ok: true, data: { matched: preview.data.matched } });
    const [zeroed] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from marketplace_stock
          where marketplace_id = ${bmId} and zero_at_or_below = 4`,
    );
    expect(zeroed?.n).toBe(preview.data.matched);
    await settled();
  });

  it("refuses bad rules and bad filters with a clear error, nothing changed", async () => {
    const { setListingRulesAction } = await import("./actions");
    request.headers = app.headersOf("admin");
    const before = await allRules();
    const share = await setListingRulesAction({
      target: { kind: "listings", ids: [listingA] },
      rules: { sharePercent: 0 },
      expectedMatched: 1,
    });
    expect(share).toMatchObject({ ok: false, error: { code: "bad_request" } });
    const nothing = await setListingRulesAction({
      target: { kind: "listings", ids: [listingA] },
      rules: {},
      expectedMatched: 1,
    });
    expect(nothing).toMatchObject({ ok: false, error: { code: "bad_request" } });
    const filter = await setListingRulesAction({
      target: { kind: "filter", params: { flag: "everything" } },
      rules: { buffer: 1 },
      expectedMatched: 1,
    });
    expect(filter).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect(await allRules()).toEqual(before);
  });

  it("marketplace defaults: admin only, audited, and a new listing takes them", async () => {
    const { saveListingDefaultsAction } = await import("../../marketplaces/actions");
    const rules = { buffer: 1, maxQuantity: 5, sharePercent: 60, zeroAtOrBelow: null };
    request.headers = app.headersOf("operator");
    expect(await saveListingDefaultsAction({ marketplaceId: bmId, rules })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    request.headers = app.headersOf("admin");
    expect(await saveListingDefaultsAction({ marketplaceId: bmId, rules })).toMatchObject({
      ok: true,
    });
    const [row] = await db()
      .select({
        buffer: marketplaces.defaultBuffer,
        max: marketplaces.defaultMaxQuantity,
        share: marketplaces.defaultSharePercent,
        zero: marketplaces.defaultZeroAtOrBelow,
      })
      .from(marketplaces)
      .where(eq(marketplaces.id, bmId));
    expect(row).toEqual({ buffer: 1, max: 5, share: 60, zero: null });
    expect((await auditOf("marketplace.listing_defaults_changed")).map((e) => e.outcome)).toEqual([
      "denied",
      "succeeded",
    ]);
  });
});
