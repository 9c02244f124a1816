// Property: whatever order the snapshots of several orders arrive in — duplicated,
// reordered, interleaved, with an unknown SKU mapped somewhere in between — each line ends in
// the lock state the rules demand, and every invariant holds.

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import type { ItemStatus } from "@/db/schema/enums";
import { useTestDatabase } from "@/db/testing/test-db";
import { upsertOrder } from "@/lib/sync/upsert-order";
import { checkStockInvariants } from "./invariants";
import { createMarketplace, createVariations, makeOrder } from "./testing/fixtures";
import { upsertVariations } from "./variations";

describe("stock locks whatever the event order", () => {
  const database = useTestDatabase();
  let db: Database;
  let mp: number;
  let run = 0;

  beforeAll(async () => {
    db = database.current.db;
    mp = await createMarketplace(db);
  });

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

  const lineArb = fc.record({
    lifecycle: fc.integer({ min: 0, max: lifecycles.length - 1 }),
    sku: fc.integer({ min: 0, max: 2 }), // 2 = the SKU that is unknown until it is mapped
    quantity: fc.integer({ min: 1, max: 2 }),
  });
  const scenarioArb = fc
    .record({
      onHand: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
      orders: fc.array(fc.array(lineArb, { minLength: 1, maxLength: 2 }), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        // Each step: which order, at which stage (clamped per line). Repeats = duplicates.
        steps: fc.array(
          fc.record({
            order: fc.integer({ min: 0, max: scenario.orders.length - 1 }),
            stage: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        mapAt: fc.integer({ min: 0, max: 12 }),
      }),
    );

  type Expected = "none" | "locked" | "consumed" | "cancelled";

  /**
   * The rules, stated over the sequence of snapshots a line was seen in (independent of the
   * implementation): a line gets a lock iff its first snapshot was open and it was not yet
   * final when its SKU became known; the lock then ends as its first final snapshot says.
   */
  function expectedLock(seen: { index: number; status: ItemStatus }[], mappedAt: number): Expected {
    const first = seen[0];
    if (!first) return "none";
    const firstFinal = seen.find((s) => finals.has(s.status));
    const finalIndex = firstFinal ? firstFinal.index : Number.POSITIVE_INFINITY;
    if (finals.has(first.status) || mappedAt > finalIndex) return "none";
    if (!firstFinal) return "locked";
    return firstFinal.status === "shipped" ? "consumed" : "cancelled";
  }

  it("random event sequences end in the lock states the rules demand", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ scenario, steps, mapAt }) => {
        run++;
        const skus = [0, 1, 2].map((i) => `PB${run}-${i}`);
        const known = skus.slice(0, 2).map((sku, i) => ({ sku, onHand: scenario.onHand[i] ?? 0 }));
        await createVariations(db, known);
        const lineStatus = (order: number, line: number, stage: number): ItemStatus => {
          const spec = scenario.orders[order]?.[line];
          const cycle = lifecycles[spec?.lifecycle ?? 0] ?? [];
          return cycle[Math.min(stage, cycle.length - 1)] as ItemStatus;
        };
        const seen = new Map<string, { index: number; status: ItemStatus }[]>();
        const mappedAt = Math.min(mapAt, steps.length); // mapping before step `mappedAt`

        const mapUnknownSku = () =>
          db.transaction((tx) =>
            upsertVariations(
              tx,
              [{ sku: skus[2] as string, name: "late", onHand: scenario.onHand[2] }],
              {
                actor: "property",
              },
            ),
          );
        for (const [index, step] of steps.entries()) {
          if (index === mappedAt) await mapUnknownSku();
          const lines = (scenario.orders[step.order] ?? []).map((line, i) => {
            const status = lineStatus(step.order, i, step.stage);
            const key = `${step.order}:${i}`;
            seen.set(key, [...(seen.get(key) ?? []), { index, status }]);
            return {
              externalId: `L${i}`,
              sku: skus[line.sku] as string,
              quantity: line.quantity,
              status,
            };
          });
          await db.transaction((tx) =>
            upsertOrder(tx, makeOrder(mp, `PB${run}-O${step.order}`, lines)),
          );
        }
        if (mappedAt >= steps.length) await mapUnknownSku();

        const locks = await queryRows<{ external_id: string; item: string; status: string }>(
          db,
          sql`select o.external_id, oi.external_id as item, l.status
            from marketplace_stock_locks l
            join order_items oi on oi.id = l.order_item_id join orders o on o.id = oi.order_id
            where o.external_id like ${`PB${run}-%`}`,
        );
        const actual = new Map(
          locks.map((l) => [`${l.external_id.split("-O")[1]}:${l.item.slice(1)}`, l.status]),
        );
        for (const [order, lines] of scenario.orders.entries()) {
          for (const [line, spec] of lines.entries()) {
            const key = `${order}:${line}`;
            const mapped = spec.sku === 2 ? mappedAt : -1;
            expect(actual.get(key) ?? "none", `order ${order} line ${line}`).toBe(
              expectedLock(seen.get(key) ?? [], mapped),
            );
          }
        }
        const report = await checkStockInvariants(db);
        expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
