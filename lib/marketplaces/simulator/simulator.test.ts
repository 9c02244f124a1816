// The simulator's own behaviour: the order stream over time, and the control API over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { demoCatalogue, unknownSkus } from "./catalogue";
import { type Simulator, startSimulator } from "./server";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("order stream", () => {
  it("creates paid orders and moves lines paid → accepted → shipped as time passes, deterministically", async () => {
    let clock = Date.parse("2024-05-01T08:00:00Z");
    const run = async (seed: number) => {
      const started = await startSimulator({
        seed,
        now: () => new Date(clock),
        stream: {
          newOrderChance: { backmarket: 1, refurbed: 1 },
          unknownSkuChance: 0.3,
          careChance: 1,
          cancelChance: 0,
          refundChance: 0,
          returnChance: 0,
        },
      });
      for (let tick = 0; tick < 40; tick++) {
        started.tick();
        clock += 60_000;
      }
      return started;
    };
    sim = await run(42);
    const bm = sim.store.ordersOf("backmarket");
    const states = bm.flatMap((order) => order.lines.map((line) => line.state));
    expect(bm.length).toBe(40);
    // Accept after 10 minutes, ship 3 minutes later: old orders shipped, recent ones still paid.
    expect(states).toContain("shipped");
    expect(states).toContain("accepted");
    expect(states).toContain("paid");
    expect(
      sim.store
        .ordersOf("refurbed")
        .every((order) => order.lines.every((line) => line.quantity === 1)),
    ).toBe(true);
    const skus = bm.flatMap((order) => order.lines.map((line) => line.sku));
    expect(skus.some((sku) => unknownSkus.includes(sku))).toBe(true);
    expect(skus.some((sku) => demoCatalogue.some((entry) => entry.sku === sku))).toBe(true);
    expect(sim.store.careFolders.length).toBeGreaterThan(0);
    const fingerprint = JSON.stringify(
      bm.map((order) => order.lines.map((line) => [line.sku, line.state])),
    );

    await sim.close();
    clock = Date.parse("2024-05-01T08:00:00Z");
    sim = await run(42);
    expect(
      JSON.stringify(
        sim.store
          .ordersOf("backmarket")
          .map((order) => order.lines.map((line) => [line.sku, line.state])),
      ),
    ).toBe(fingerprint);
  });

  it("starts with a history when asked", async () => {
    sim = await startSimulator({ history: 5 });
    expect(sim.store.orders.backmarket.size).toBe(5);
    expect(sim.store.orders.refurbed.size).toBe(5);
  });
});

describe("control API", () => {
  it("adds orders, advances lines, opens care folders, injects faults and reports writes over HTTP", async () => {
    sim = await startSimulator();
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${sim?.url}/_simulator${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const created = await control("POST", "/orders", {
      channel: "backmarket",
      lines: [{ sku: "IPH13-128-MID-A", quantity: 2 }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const [lineId] = created.body.lineIds as number[];
    expect(
      (await control("POST", `/orders/backmarket/${id}/lines`, { state: "shipped" })).body.lines,
    ).toEqual([{ id: lineId, sku: "IPH13-128-MID-A", state: "shipped" }]);
    expect((await control("POST", "/care", { orderLineId: lineId })).status).toBe(201);
    expect((await control("POST", "/orders", { channel: "ebay", lines: [] })).status).toBe(400);

    expect(
      (await control("POST", "/faults", { kind: "status", status: 500, count: 1 })).status,
    ).toBe(201);
    const headers = {
      Authorization: "Basic demo-backmarket-token",
      "User-Agent": "BM-T-T;t@example.com",
    };
    expect((await fetch(`${sim.url}/ws/orders`, { headers })).status).toBe(500);
    expect((await fetch(`${sim.url}/ws/orders`, { headers })).status).toBe(200);

    await fetch(`${sim.url}/ws/listings/${demoCatalogue[0]?.bmListingId}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ quantity: 2 }),
    });
    const writes = await control("GET", "/writes?channel=backmarket");
    expect(writes.body.writes).toEqual([
      expect.objectContaining({ method: "POST", body: { quantity: 2 }, status: 200 }),
    ]);
    await control("DELETE", "/writes");
    expect((await control("GET", "/state")).body).toMatchObject({
      orders: { backmarket: 1, refurbed: 0 },
      careFolders: 1,
      writes: 0,
    });
  });
});
