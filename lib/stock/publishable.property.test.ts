// The publishable formula's two forms (lib/domain/publishable.ts) agree: the SQL fragment,
// run by PostgreSQL over stored-looking integer columns, gives what the TS function gives,
// for any stock (negative available included: an oversold variation) and any buffer.

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { jsonRows } from "@/db/json-rows";
import { useTestDatabase } from "@/db/testing/test-db";
import {
  availableQuantity,
  availableSql,
  publishableQuantity,
  publishableSql,
} from "@/lib/domain/publishable";

const database = useTestDatabase();

// Three int columns whose differences stay inside PostgreSQL's int range (2^31 − 1).
const LIMIT = 700_000_000;
const edge = fc.constantFrom(0, 1, -1, 2, -2, LIMIT, -LIMIT);
const quantity = fc.oneof(
  edge,
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: -LIMIT, max: LIMIT }),
);
const stock = fc.record({ on_hand: quantity, locked: quantity, buffer: quantity });

describe("publishable: SQL fragment and TS function agree (real PostgreSQL)", () => {
  it("for random on_hand, locked and buffer, negatives, zero and large values included", async () => {
    const available = availableSql({ onHand: sql`r.on_hand`, locked: sql`r.locked` });
    const publishable = publishableSql(available, { buffer: sql`r.buffer` });
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
                "position int, on_hand int, locked int, buffer int",
              )}
              order by r.position`,
        );
        expect(computed).toHaveLength(rows.length);
        for (const [position, row] of rows.entries()) {
          const expectedAvailable = availableQuantity({
            onHand: row.on_hand,
            lockedQuantity: row.locked,
          });
          expect(computed[position]).toEqual({
            position,
            available: expectedAvailable,
            publishable: publishableQuantity(expectedAvailable, { buffer: row.buffer }),
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
