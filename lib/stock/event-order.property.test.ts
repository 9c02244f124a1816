// Property: whatever order the snapshots of several orders arrive in — duplicated,
// reordered, interleaved, with quantities that change while a line is open, lines that
// vanish from (and come back to) their order, staff releasing locks, and an unknown SKU mapped
// somewhere in between — each line ends in the lock state the rules demand, on_hand drops
// exactly once per shipped unit this system counted, flags tell staff what to look at, and
// every invariant holds.

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { useTestDatabase } from "@/db/testing/test-db";
import type { ItemStatus } from "@/lib/domain/enums";
import { upsertOrder, upsertVariations } from "@/lib/runtime";
import { checkStockInvariants } from "./invariants";
import { releaseLock } from "./manual-operations";
import { createMarketplace, createVariations, makeOrder } from "./testing/fixtures";
import { type ShopifyAction, shopifyHistory } from "./testing/shopify-lines";

/** Real lifecycles of a line; a snapshot shows each line at some stage of its own. */
const lifecycles: ItemStatus[][] = [
  ["pending", "new", "accepted", "shipped"],
  ["new", "accepted", "shipped", "refunded"],
  ["new", "cancelled"],
  ["new", "accepted", "refunded"],
  ["new", "accepted"],
  ["shipped"],
];
const finals = new Set<ItemStatus>(["shipped", "cancelled", "refunded"]);
/** Large enough that no shipment meets an empty shelf (on_hand never stops at zero). */
const ON_HAND = 40;

const lineArb = fc.record({
  lifecycle: fc.integer({ min: 0, max: lifecycles.length - 1 }),
  sku: fc.integer({ min: 0, max: 2 }), // 2 = the SKU that is unknown until it is mapped
});
const stepArb = (orders: number) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("snapshot" as const),
        order: fc.integer({ min: 0, max: orders - 1 }),
        stage: fc.integer({ min: 0, max: 3 }),
        quantities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
        // A line the snapshot leaves out (only when another line remains): it vanished.
        omit: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("release" as const),
        order: fc.integer({ min: 0, max: orders - 1 }),
        line: fc.integer({ min: 0, max: 1 }),
      }),
    },
  );
const scenarioArb = fc
  .array(fc.array(lineArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
  .chain((orders) =>
    fc.record({
      orders: fc.constant(orders),
      steps: fc.array(stepArb(orders.length), { minLength: 1, maxLength: 14 }),
      mapAt: fc.integer({ min: 0, max: 14 }),
    }),
  );
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** One line as the snapshots showed it, and what staff did to it. */
interface LineHistory {
  seen: { index: number; status: ItemStatus; quantity: number }[];
  releases: number[];
  /** Whether the latest snapshot of its order listed it. */
  listedLast: boolean;
}

interface Expected {
  lock: "none" | "locked" | "consumed" | "cancelled";
  /** Units that left on_hand (0 unless consumed). */
  shipped: number;
  flag: "item_vanished" | "shipped_after_release" | null;
}

/**
 * The rules, stated over the history of a line (independent of the implementation): a line
 * gets a lock iff its first snapshot was open and it was not yet final when its SKU became
 * known. The lock is released by the first final snapshot that is not "shipped" or by staff
 * while it is still locked; any shipped snapshot consumes it (exactly once, at the quantity
 * the line had when it first became final), flagged when a release came first. A locked lock
 * whose line the latest snapshot left out is flagged as vanished.
 */
function expectedFor(line: LineHistory, mappedAt: number): Expected {
  const first = line.seen[0];
  const firstFinal = line.seen.find((s) => finals.has(s.status));
  const finalIndex = firstFinal ? firstFinal.index : Number.POSITIVE_INFINITY;
  if (!first || finals.has(first.status) || mappedAt > finalIndex) {
    return { lock: "none", shipped: 0, flag: null };
  }
  const lockedFrom = Math.max(first.index, mappedAt);
  const release = line.releases.find((at) => at >= lockedFrom && at < finalIndex);
  const firstShipped = line.seen.find((s) => s.status === "shipped");
  if (firstShipped && firstFinal) {
    const releasedFirst = release !== undefined || firstFinal.status !== "shipped";
    return {
      lock: "consumed",
      shipped: firstFinal.quantity,
      flag: releasedFirst ? "shipped_after_release" : null,
    };
  }
  if (firstFinal || release !== undefined) return { lock: "cancelled", shipped: 0, flag: null };
  return { lock: "locked", shipped: 0, flag: line.listedLast ? null : "item_vanished" };
}

/** The cases review found broken, always run first (then the random ones). */
const snap = (order: number, stage: number, quantities = [1, 1], omit: number | null = null) => ({
  kind: "snapshot" as const,
  order,
  stage,
  quantities,
  omit,
});
const namedCases: [Scenario][] = [
  // Staff release a lock, then the marketplace ships the item.
  [
    {
      orders: [[{ lifecycle: 0, sku: 0 }]],
      steps: [snap(0, 1), { kind: "release", order: 0, line: 0 }, snap(0, 3)],
      mapAt: 0,
    },
  ],
  // A refund replayed before the shipment it followed.
  [{ orders: [[{ lifecycle: 1, sku: 0 }]], steps: [snap(0, 1), snap(0, 3), snap(0, 2)], mapAt: 0 }],
  // The quantity of an open line goes 1 → 3 → 2, then the line ships.
  [
    {
      orders: [[{ lifecycle: 0, sku: 0 }]],
      steps: [snap(0, 1, [1, 1]), snap(0, 2, [3, 1]), snap(0, 2, [2, 1]), snap(0, 3, [2, 1])],
      mapAt: 0,
    },
  ],
  // A line disappears from its order, then comes back; the other one disappears for good.
  [
    {
      orders: [
        [
          { lifecycle: 4, sku: 0 },
          { lifecycle: 4, sku: 1 },
        ],
      ],
      steps: [snap(0, 1), snap(0, 1, [1, 1], 0), snap(0, 2, [1, 2], 1)],
      mapAt: 0,
    },
  ],
];

describe("stock locks whatever the event order", () => {
  const database = useTestDatabase();
  let db: Database;
  let mp: number;
  let run = 0;

  beforeAll(async () => {
    db = database.current.db;
    mp = await createMarketplace(db);
  });

  async function lockOf(externalOrder: string, line: number) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`select l.id from marketplace_stock_locks l
          join order_items oi on oi.id = l.order_item_id join orders o on o.id = oi.order_id
          where o.marketplace_id = ${mp} and o.external_id = ${externalOrder}
            and oi.external_id = ${`L${line}`}`,
    );
    return row?.id;
  }

  /** Plays the steps; returns each line's history (key "order:line"). */
  async function play(scenario: Scenario, skus: string[], mappedAt: number) {
    const history = new Map<string, LineHistory>();
    const lineOf = (key: string) => {
      const line = history.get(key) ?? { seen: [], releases: [], listedLast: true };
      history.set(key, line);
      return line;
    };
    const mapUnknownSku = () =>
      db.transaction((tx) =>
        upsertVariations(tx, [{ sku: skus[2] as string, name: "late", onHand: ON_HAND }], {
          actor: "property",
        }),
      );
    for (const [index, step] of scenario.steps.entries()) {
      if (index === mappedAt) await mapUnknownSku();
      const specs = scenario.orders[step.order] ?? [];
      const externalOrder = `PB${run}-O${step.order}`;
      if (step.kind === "release") {
        if (step.line >= specs.length) continue;
        lineOf(`${step.order}:${step.line}`).releases.push(index);
        const lockId = await lockOf(externalOrder, step.line);
        if (lockId !== undefined) {
          await db.transaction((tx) =>
            releaseLock(tx, { lockId, reason: "property: staff release", actor: "property" }),
          );
        }
        continue;
      }
      const omit = specs.length > 1 ? step.omit : null;
      const lines = specs.flatMap((spec, i) => {
        const line = lineOf(`${step.order}:${i}`);
        line.listedLast = i !== omit;
        if (i === omit) return [];
        const cycle = lifecycles[spec.lifecycle] ?? [];
        const status = cycle[Math.min(step.stage, cycle.length - 1)] as ItemStatus;
        const quantity = step.quantities[i] ?? 1;
        line.seen.push({ index, status, quantity });
        return [{ externalId: `L${i}`, sku: skus[spec.sku] as string, quantity, status }];
      });
      await db.transaction((tx) => upsertOrder(tx, makeOrder(mp, externalOrder, lines)));
    }
    if (mappedAt >= scenario.steps.length) await mapUnknownSku();
    return history;
  }

  it("random event sequences end in the lock states, quantities and flags the rules demand", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        run++;
        const skus = [0, 1, 2].map((i) => `PB${run}-${i}`);
        const variationIds = await createVariations(
          db,
          skus.slice(0, 2).map((sku) => ({ sku, onHand: ON_HAND })),
        );
        const mappedAt = Math.min(scenario.mapAt, scenario.steps.length);
        const history = await play(scenario, skus, mappedAt);

        const locks = await queryRows<{ key: string; status: string; flag: string | null }>(
          db,
          sql`select split_part(o.external_id, '-O', 2) || ':' || substr(oi.external_id, 2)
                as key, l.status, l.flag
              from marketplace_stock_locks l
              join order_items oi on oi.id = l.order_item_id join orders o on o.id = oi.order_id
              where o.external_id like ${`PB${run}-%`}`,
        );
        const actual = new Map(locks.map((l) => [l.key, l]));
        const shippedPerSku = [0, 0, 0];
        for (const [order, specs] of scenario.orders.entries()) {
          for (const [line, spec] of specs.entries()) {
            const key = `${order}:${line}`;
            const lineHistory = history.get(key) ?? { seen: [], releases: [], listedLast: true };
            const expected = expectedFor(lineHistory, spec.sku === 2 ? mappedAt : -1);
            const lock = actual.get(key);
            expect(lock?.status ?? "none", `order ${order} line ${line}`).toBe(expected.lock);
            if (lock) expect(lock.flag, `flag of order ${order} line ${line}`).toBe(expected.flag);
            shippedPerSku[spec.sku] = (shippedPerSku[spec.sku] ?? 0) + expected.shipped;
          }
        }
        const onHand = await queryRows<{ sku: string; on_hand: number }>(
          db,
          sql`select sku, on_hand from variations where sku like ${`PB${run}-%`}`,
        );
        for (const row of onHand) {
          const sku = Number(row.sku.split("-")[1]);
          expect(row.on_hand, `on_hand of ${row.sku}`).toBe(ON_HAND - (shippedPerSku[sku] ?? 0));
        }
        expect(variationIds.size).toBe(2);
        const report = await checkStockInvariants(db);
        expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
      }),
      { numRuns: 150, examples: namedCases },
    );
  });

  // Shopify lines hold units in several states at once (3 ordered, 1 fulfilled, 1 refunded,
  // 1 to ship); the client maps each unit to its own item. Its snapshots, played through the
  // same rules, must move locks unit by unit.
  const shopifyActionArb: fc.Arbitrary<ShopifyAction> = fc.oneof(
    fc.constant({ kind: "pay" as const }),
    fc.constant({ kind: "cancel" as const }),
    ...(["fulfil", "refund_before", "refund_after"] as const).map((kind) =>
      fc.record({
        kind: fc.constant(kind),
        line: fc.integer({ min: 0, max: 1 }),
        units: fc.integer({ min: 1, max: 3 }),
      }),
    ),
  );
  const shopifyScenarioArb = fc.record({
    quantities: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    paid: fc.boolean(),
    actions: fc.array(shopifyActionArb, { maxLength: 8 }),
  });

  async function playShopify(
    scenario: typeof shopifyScenarioArb extends fc.Arbitrary<infer T> ? T : never,
    deliveries: (count: number) => number[],
  ) {
    run++;
    const skus = scenario.quantities.map((_, i) => `SH${run}-${i}`);
    await createVariations(
      db,
      skus.map((sku) => ({ sku, onHand: ON_HAND })),
    );
    const externalId = `SH${run}`;
    const history = shopifyHistory(
      mp,
      externalId,
      skus,
      scenario.quantities,
      scenario.paid,
      scenario.actions,
    );
    const order = deliveries(history.snapshots.length);
    for (const index of order) {
      const snapshot = history.snapshots[index];
      if (snapshot) await db.transaction((tx) => upsertOrder(tx, snapshot));
    }
    const locks = await queryRows<{ unit: string; status: string; flag: string | null }>(
      db,
      sql`select oi.external_id as unit, l.status, l.flag from marketplace_stock_locks l
          join order_items oi on oi.id = l.order_item_id join orders o on o.id = oi.order_id
          where o.marketplace_id = ${mp} and o.external_id = ${externalId}`,
    );
    const onHand = await queryRows<{ sku: string; on_hand: number }>(
      db,
      sql`select sku, on_hand from variations where sku like ${`SH${run}-%`} order by sku`,
    );
    return { history, order, locks: new Map(locks.map((l) => [l.unit, l])), onHand };
  }

  it("Shopify snapshots in order (with duplicates and stale replays): fulfilled units consumed, open ones locked, refunded-before ones freed", async () => {
    await fc.assert(
      fc.asyncProperty(
        shopifyScenarioArb,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        async (scenario, replays) => {
          const { history, locks, onHand } = await playShopify(scenario, (count) => {
            // Every snapshot in order; a duplicate or an older snapshot replayed after it.
            const order: number[] = [];
            for (let i = 0; i < count; i++) {
              order.push(i);
              for (const [at, which] of replays) if (at % count === i) order.push(which % (i + 1));
            }
            return order;
          });
          for (const [line, units] of history.truth.entries()) {
            for (const [unit, truth] of units.entries()) {
              const lock = locks.get(`${line + 1}#${unit + 1}`);
              const expected = {
                fulfilled: "consumed",
                open: "locked",
                never_shipped: "cancelled",
              }[truth];
              expect(lock?.status, `line ${line + 1} unit ${unit + 1} (${truth})`).toBe(expected);
              expect(lock?.flag ?? null).toBeNull();
            }
          }
          for (const [line, units] of history.truth.entries()) {
            const shipped = units.filter((truth) => truth === "fulfilled").length;
            expect(onHand[line]?.on_hand, `on_hand of line ${line + 1}`).toBe(ON_HAND - shipped);
          }
          const report = await checkStockInvariants(db);
          expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
        },
      ),
      {
        numRuns: 60,
        examples: [
          // A line of 3: 1 fulfilled, 1 refunded before fulfilment, 1 still to ship.
          [
            {
              quantities: [3],
              paid: true,
              actions: [
                { kind: "fulfil", line: 0, units: 1 },
                { kind: "refund_before", line: 0, units: 1 },
              ],
            },
            [[2, 0]],
          ],
          // Fulfilled, then refunded after fulfilment: consumed stays consumed.
          [
            {
              quantities: [2],
              paid: false,
              actions: [
                { kind: "pay" },
                { kind: "fulfil", line: 0, units: 2 },
                { kind: "refund_after", line: 0, units: 1 },
              ],
            },
            [],
          ],
        ],
      },
    );
  });

  it("Shopify snapshots in any order, some lost: each unit follows the same rules as any line", async () => {
    await fc.assert(
      fc.asyncProperty(
        shopifyScenarioArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        async (scenario, picks) => {
          const { history, order, locks, onHand } = await playShopify(scenario, (count) =>
            picks.map((pick) => pick % count),
          );
          for (const [line, units] of history.truth.entries()) {
            let shipped = 0;
            for (const unit of units.keys()) {
              const id = `${line + 1}#${unit + 1}`;
              const seen = order.map((snapshot, index) => {
                const item = history.snapshots[snapshot]?.items.find((i) => i.externalId === id);
                return { index, status: item?.status as ItemStatus, quantity: 1 };
              });
              const expected = expectedFor({ seen, releases: [], listedLast: true }, -1);
              expect(locks.get(id)?.status ?? "none", `unit ${id}`).toBe(expected.lock);
              shipped += expected.shipped;
            }
            expect(onHand[line]?.on_hand, `on_hand of line ${line + 1}`).toBe(ON_HAND - shipped);
          }
          const report = await checkStockInvariants(db);
          expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
