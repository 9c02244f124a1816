// The publishable formula's forms (lib/domain/publishable.ts) agree: the SQL fragment, run by
// PostgreSQL over stored-looking integer columns, gives what the TS function gives, and the
// step-by-step explanation ends at the same number, for any stock (negative available
// included: an oversold variation) and any rules (each of cap, share and zero-at null or set).

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { useTestDatabase } from "@/db/testing/test-db";
import {
  availableQuantity,
  availableSql,
  type ListingRules,
  listingRuleColumns,
  publishableQuantity,
  publishableSql,
} from "@/lib/domain/publishable";
import { explainPublishable } from "@/lib/domain/publishable-explain";

const database = useTestDatabase();

// Int columns whose differences stay inside PostgreSQL's int range (2^31 − 1).
const LIMIT = 700_000_000;
const edge = fc.constantFrom(0, 1, -1, 2, -2, LIMIT, -LIMIT);
const quantity = fc.oneof(
  edge,
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: -LIMIT, max: LIMIT }),
);
/** What the columns' check constraints allow (buffer, cap, zero-at ≥ 0; share 1–100). */
const count = fc.oneof(
  fc.constantFrom(0, 1, 2, LIMIT),
  fc.integer({ min: 0, max: 30 }),
  fc.nat(LIMIT),
);
const orNull = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 3 });
const stock = fc.record({
  on_hand: quantity,
  locked: quantity,
  buffer: count,
  max_quantity: orNull(count),
  share_percent: orNull(
    fc.oneof(fc.constantFrom(1, 33, 50, 99, 100), fc.integer({ min: 1, max: 100 })),
  ),
  zero_at_or_below: orNull(count),
});
type StockRow = typeof stock extends fc.Arbitrary<infer T> ? T : never;

const rulesOf = (row: StockRow): ListingRules => ({
  buffer: row.buffer,
  maxQuantity: row.max_quantity,
  sharePercent: row.share_percent,
  zeroAtOrBelow: row.zero_at_or_below,
});

describe("publishable: SQL fragment, TS function and explanation agree (real PostgreSQL)", () => {
  it("for random stock and rules, nulls, negatives, zero and large values included", async () => {
    const available = availableSql({ onHand: sql`r.on_hand`, locked: sql`r.locked` });
    const publishable = publishableSql(available, listingRuleColumns("r"));
    await fc.assert(
      fc.asyncProperty(fc.array(stock, { minLength: 1, maxLength: 40 }), async (rows) => {
        const computed = await queryRows<{
          position: number;
          available: number;
          publishable: number;
        }>(
          database.current.db,
          sql`select r.position, ${available} as available, ${publishable} as publishable
              from ${jsonRows(
                rows.map((row, position) => ({ ...row, position })),
                "r",
                "position int, on_hand int, locked int, buffer int, max_quantity int, share_percent int, zero_at_or_below int",
              )}
              order by r.position`,
        );
        expect(computed).toHaveLength(rows.length);
        for (const [position, row] of rows.entries()) {
          const expectedAvailable = availableQuantity({
            onHand: row.on_hand,
            lockedQuantity: row.locked,
          });
          const expected = publishableQuantity(expectedAvailable, rulesOf(row));
          expect(computed[position]).toEqual({
            position,
            available: expectedAvailable,
            publishable: expected,
          });
          const explained = explainPublishable(
            { onHand: row.on_hand, locks: [{ marketplace: "x", locked: row.locked }] },
            rulesOf(row),
          );
          expect(explained.available).toBe(expectedAvailable);
          expect(explained.published).toBe(expected);
          expect(explained.steps.at(-1)?.value).toBe(expected);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe("publishable: the rules one by one", () => {
  const rules = (patch: Partial<ListingRules>): ListingRules => ({
    buffer: 0,
    maxQuantity: null,
    sharePercent: null,
    zeroAtOrBelow: null,
    ...patch,
  });
  it("buffer, share (rounded down), cap and zero-at, in DESIGN's order", () => {
    expect(publishableQuantity(10, rules({}))).toBe(10);
    expect(publishableQuantity(-3, rules({}))).toBe(0);
    expect(publishableQuantity(10, rules({ buffer: 2 }))).toBe(8);
    expect(publishableQuantity(1, rules({ buffer: 2 }))).toBe(0);
    expect(publishableQuantity(10, rules({ buffer: 3, sharePercent: 50 }))).toBe(3);
    expect(publishableQuantity(1, rules({ sharePercent: 99 }))).toBe(0);
    expect(publishableQuantity(10, rules({ maxQuantity: 4 }))).toBe(4);
    expect(publishableQuantity(10, rules({ maxQuantity: 0 }))).toBe(0);
    expect(publishableQuantity(3, rules({ zeroAtOrBelow: 3 }))).toBe(0);
    expect(publishableQuantity(4, rules({ zeroAtOrBelow: 3 }))).toBe(4);
    // The zero rule reads available, not what is left after the buffer.
    expect(publishableQuantity(4, rules({ zeroAtOrBelow: 3, buffer: 2 }))).toBe(2);
    expect(publishableQuantity(20, rules({ buffer: 2, sharePercent: 50, maxQuantity: 5 }))).toBe(5);
  });

  it("the explanation shows each lock, each rule, and ends at the published number", () => {
    const explained = explainPublishable(
      {
        onHand: 12,
        locks: [
          { marketplace: "bm-fr", locked: 2 },
          { marketplace: "rf-de", locked: 0 },
          { marketplace: "shop", locked: 1 },
        ],
      },
      rules({ buffer: 1, sharePercent: 50, maxQuantity: 3, zeroAtOrBelow: 2 }),
    );
    expect(explained.steps.map((step) => [step.kind, step.value, step.applies])).toEqual([
      ["on_hand", 12, true],
      ["locks", 9, true],
      ["available", 9, true],
      ["buffer", 8, true],
      ["share", 4, true],
      ["cap", 3, true],
      ["zero", 3, false],
      ["published", 3, true],
    ]);
    expect(explained.steps[1]?.locks).toEqual([
      { marketplace: "bm-fr", locked: 2 },
      { marketplace: "shop", locked: 1 },
    ]);
  });
});
