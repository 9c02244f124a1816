// The /returns actions and the order page's "record return" on real PostgreSQL with the
// simulator behind the marketplaces: roles checked on the server (viewer reads, operator
// receives and records, admin restocks and writes off), refusals change nothing and are
// audited, a restock pushes the new quantity to the marketplaces.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppTestDatabase } from "@/app/_server/testing";
import { queryRows } from "@/db/client";
import { type Simulator, startSimulator } from "@/lib/marketplaces/simulator/server";

const fixture = () => import("@/lib/sync/testing/sync-fixture");

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
process.env.SYNC_EXECUTION = "inline";
const settled = async () => (await import("@/lib/jobs/request-sync")).inlineSyncsSettled();

const A = "IPH13-128-MID-A";
const B = "IPH13-256-BLU-B";

describe("return actions", () => {
  const app = useAppTestDatabase();
  const db = () => app.database.current.db;
  let sim: Simulator;
  let item: { id: number; orderId: number };

  beforeAll(async () => {
    const { adapterOptions, seedSimulatedMarketplaces } = await fixture();
    const { runSync } = await import("@/lib/runtime");
    sim = await startSimulator({ port: 0, seed: 5 });
    await seedSimulatedMarketplaces(db(), sim, { [A]: 3, [B]: 0 });
    const sold = sim.addOrder({ channel: "backmarket", lines: [{ sku: A }] });
    const sync = () =>
      runSync({ type: "modified", marketplace: "bm-fr", db: db(), adapterOptions });
    await sync();
    sim.advanceLines("backmarket", sold.id, "accepted");
    sim.advanceLines("backmarket", sold.id, "shipped");
    await sync();
    const [row] = await queryRows<{ id: number; order_id: number }>(
      db(),
      sql`select oi.id, oi.order_id from order_items oi join orders o on o.id = oi.order_id
          where o.external_id = ${String(sold.id)}`,
    );
    if (!row) throw new Error("order not imported");
    item = { id: row.id, orderId: row.order_id };
  });
  afterAll(async () => {
    await settled();
    await sim.close();
  });
  beforeEach(() => {
    request.headers = new Headers();
  });

  const as = (role: "viewer" | "operator" | "admin") => {
    request.headers = app.headersOf(role);
  };
  const onHand = async (sku: string) =>
    (
      await queryRows<{ on_hand: number }>(
        db(),
        sql`select on_hand from variations where sku = ${sku}`,
      )
    )[0]?.on_hand;
  const audits = (action: string) =>
    queryRows<{ actor_email: string; outcome: string }>(
      db(),
      sql`select actor_email, outcome from audit_log where action = ${action} order by id`,
    );

  it("record → receive → restock as another SKU, each by the lowest role allowed; refusals change nothing", async () => {
    const actions = await import("./actions");
    as("viewer");
    const refused = await actions.createReturnAction({
      orderId: item.orderId,
      orderItemId: item.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    as("operator");
    const forged = await actions.createReturnAction({
      orderId: item.orderId + 999,
      orderItemId: item.id,
    });
    expect(forged).toMatchObject({ ok: false, error: { code: "not_found" } });
    const created = await actions.createReturnAction({
      orderId: item.orderId,
      orderItemId: item.id,
      note: "parcel back from the carrier",
    });
    if (!created.ok) throw new Error(created.error.message);
    const returnId = created.data.returnId;
    expect(await onHand(A)).toBe(2);

    as("viewer");
    expect(await actions.receiveReturnAction({ returnId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    as("operator");
    expect(await actions.receiveReturnAction({ returnId })).toMatchObject({ ok: true });
    expect(await actions.restockReturnAction({ returnId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await actions.writeOffReturnAction({ returnId, reason: "lost" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await onHand(B)).toBe(0);

    as("admin");
    const restocked = await actions.restockReturnAction({ returnId, asSku: B });
    expect(restocked).toMatchObject({ ok: true, data: { status: "restocked", sku: B, onHand: 1 } });
    await settled();
    expect(await onHand(B)).toBe(1);
    expect(await onHand(A)).toBe(2);
    // Pushed after commit: the regraded SKU now shows 1 on the simulated marketplaces.
    expect(sim.store.listingBySku(B)?.quantity).toBe(1);
    expect(await actions.restockReturnAction({ returnId })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await audits("return.restocked")).toEqual([
      { actor_email: "operator@stocklock.test", outcome: "denied" },
      { actor_email: "admin@stocklock.test", outcome: "succeeded" },
      { actor_email: "admin@stocklock.test", outcome: "failed" },
    ]);
  });

  it("validates input on the server: a write-off needs a reason", async () => {
    const actions = await import("./actions");
    as("admin");
    expect(await actions.writeOffReturnAction({ returnId: 1, reason: " " })).toMatchObject({
      ok: false,
      error: { code: "bad_request" },
    });
    expect(await actions.receiveReturnAction({ returnId: "x" as unknown as number })).toMatchObject(
      {
        ok: false,
        error: { code: "bad_request" },
      },
    );
  });
});
