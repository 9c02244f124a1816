// Paging through the simulator's listings: every listed order once, in id order, and a change
// of the store between two pages is seen by the next page (the filtered list behind a listing
// is kept only while no order changes).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoCatalogue, demoTokens } from "./catalogue";
import { type Simulator, startSimulator } from "./server";

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await sim.close();
});

const sku = demoCatalogue[0]?.sku ?? "";

async function bm(path: string): Promise<{ results: { order_id: number }[]; next: string | null }> {
  const response = await fetch(`${sim.url}${path}`, {
    headers: {
      authorization: `Basic ${demoTokens.backmarket}`,
      "user-agent": "BM-Stocklock-Test;dev@example.com",
    },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { results: { order_id: number }[]; next: string | null };
}

async function rf(method: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim.url}/refb.merchant.v1.${method}`, {
    method: "POST",
    headers: { authorization: `Plain ${demoTokens.refurbed}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const addOrders = (channel: "backmarket" | "refurbed", count: number) =>
  Array.from({ length: count }, () => sim.addOrder({ channel, lines: [{ sku }] }).id);

describe("Back Market order listing", () => {
  it("lists every order once, by id, across pages", async () => {
    const ids = addOrders("backmarket", 23);
    const listed: number[] = [];
    let next: string | null = "/ws/orders?page-size=5";
    while (next) {
      const page = await bm(next.replace(sim.url, ""));
      listed.push(...page.results.map((order) => order.order_id));
      next = page.next;
    }
    expect(listed).toEqual(ids);
  });

  it("shows on the next page what changed after the first one was read", async () => {
    const ids = addOrders("backmarket", 6);
    const first = await bm("/ws/orders?state=1&page-size=3");
    expect(first.results.map((order) => order.order_id)).toEqual(ids.slice(0, 3));
    // The first order is accepted (state 3): the state-1 listing shrinks under the reader.
    sim.advanceLines("backmarket", ids[0] ?? 0, "accepted");
    const second = await bm("/ws/orders?state=1&page-size=3&page=2");
    expect(second.results.map((order) => order.order_id)).toEqual(ids.slice(4, 6));
    const added = sim.addOrder({ channel: "backmarket", lines: [{ sku }] }).id;
    const again = await bm("/ws/orders?state=1&page-size=3&page=2");
    expect(again.results.map((order) => order.order_id)).toEqual([...ids.slice(4, 6), added]);
  });

  it("finds one order's delivery by its id", async () => {
    const [withLabel, without] = addOrders("backmarket", 2);
    sim.advanceLines("backmarket", withLabel ?? 0, "accepted");
    const found = await bm(`/ws/shipping/v1/deliveries?order_id=${withLabel}`);
    expect(found.results).toHaveLength(1);
    expect((await bm(`/ws/shipping/v1/deliveries?order_id=${without}`)).results).toEqual([]);
  });
});

describe("Refurbed order listing", () => {
  const listAll = async () => {
    const listed: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await rf("OrderService/ListOrders", {
        pagination: { limit: 4, ...(after ? { starting_after: after } : {}) },
      })) as { orders: { id: string }[]; has_more: boolean };
      listed.push(...page.orders.map((order) => order.id));
      after = page.orders.at(-1)?.id;
      if (!page.has_more || !after) return listed;
    }
  };

  it("pages by cursor through every order once, by id", async () => {
    const ids = addOrders("refurbed", 10).map(String);
    expect(await listAll()).toEqual(ids);
  });

  it("lists the newest first when asked", async () => {
    const ids = addOrders("refurbed", 6);
    const page = (await rf("OrderService/ListOrders", {
      sort: { order: "DESC" },
      pagination: { limit: 4 },
    })) as { orders: { id: string }[]; has_more: boolean };
    expect(page.orders.map((order) => Number(order.id))).toEqual(ids.slice(2).reverse());
    expect(page.has_more).toBe(true);
  });

  it("answers ending_before with the orders just before the cursor", async () => {
    const ids = addOrders("refurbed", 10);
    const page = (await rf("OrderService/ListOrders", {
      pagination: { limit: 3, ending_before: ids[6] },
    })) as { orders: { id: string }[]; has_more: boolean };
    expect(page.orders.map((order) => Number(order.id))).toEqual(ids.slice(3, 6));
  });

  it("sees an order accepted between two pages", async () => {
    const ids = addOrders("refurbed", 8);
    const filter = { state: { any_of: ["NEW"] } };
    const first = (await rf("OrderService/ListOrders", {
      filter,
      pagination: { limit: 4 },
    })) as { orders: { id: string }[] };
    expect(first.orders.map((order) => Number(order.id))).toEqual(ids.slice(0, 4));
    sim.advanceLines("refurbed", ids[5] ?? 0, "accepted");
    const second = (await rf("OrderService/ListOrders", {
      filter,
      pagination: { limit: 4, starting_after: ids[3] },
    })) as { orders: { id: string }[]; has_more: boolean };
    expect(second.orders.map((order) => Number(order.id))).toEqual([ids[4], ids[6], ids[7]]);
    expect(second.has_more).toBe(false);
  });
});
